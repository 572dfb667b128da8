// The API messages of the texts and comparisons the aggregator stores, for its adapter and for
// the report's inputs (report_fetch), which carry them as GetNarrativesResponse and
// GetComparisonsResponse.
#pragma once

#include <vector>

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "services/aggregator/comparison_store.h"
#include "services/aggregator/narrative_store.h"

namespace lkip::aggregator {

v1::GetNarrativesResponse NarrativesMessage(const std::vector<StoredNarrative>& narratives);
v1::GetComparisonsResponse ComparisonsMessage(const std::vector<StoredComparison>& comparisons);

}  // namespace lkip::aggregator
