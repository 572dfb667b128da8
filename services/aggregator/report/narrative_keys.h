// The keys and labels of the report's written texts, read from the enums of the schema
// (lkip.aggregator.v1.NarrativeSection, IndicatorNarrative and their options): the store checks
// keys against them and the report places the texts by them, so a text added to the schema is
// accepted and printed without another list to edit.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lkip/aggregator/v1/aggregator.pb.h"

namespace lkip::aggregator {

std::string NarrativeKey(aggregator::v1::NarrativeSection section);
std::string NarrativeKey(std::string_view ikk, aggregator::v1::IndicatorNarrative field);
std::string NarrativeLabel(aggregator::v1::NarrativeSection section);
std::string NarrativeLabel(aggregator::v1::IndicatorNarrative field);

// Every value of each enum but UNSPECIFIED, in number order.
const std::vector<aggregator::v1::NarrativeSection>& NarrativeSections();
const std::vector<aggregator::v1::IndicatorNarrative>& IndicatorNarratives();

// Their keys, in the same order: "kata_pengantar", ...; "definisi_operasional", ...
const std::vector<std::string>& NarrativeSectionKeys();
const std::vector<std::string>& NarrativeIndicatorFields();

}  // namespace lkip::aggregator
