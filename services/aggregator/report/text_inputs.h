// The texts and comparisons a planning officer writes for the report, checked before the
// aggregator's stores see them: counts, sizes, duplicates, decimals and their sources. Pure: the
// stores check the keys and codes against the stored Perjanjian Kinerja.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {

struct NarrativeInput {
  std::string key;   // a section key or <IKK>.<field>; the store checks it against the PK
  std::string text;  // empty: remove the stored text
};

struct ComparisonInput {
  std::string code;  // an IKK; the store checks it against the PK
  storage::v1::ComparisonRecord record;
};

// INVALID_ARGUMENT naming the entry's field and its value ("narratives[3].text: ...").
absl::StatusOr<std::vector<NarrativeInput>> CheckNarratives(const v1::PutNarrativesRequest& request);
absl::StatusOr<std::vector<ComparisonInput>> CheckComparisons(const v1::PutComparisonsRequest& request);

}  // namespace lkip::aggregator
