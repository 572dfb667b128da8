// What each IKK is compared with in the report (domain-rules §10): last year's realisasi and a
// national value, each with where it comes from, per fiscal year and province. The report
// writes the comparison sentence from these figures, so its direction word cannot disagree
// with them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/aggregator/pk_store.h"
#include "services/aggregator/report/text_inputs.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagComparison = 0x22;  // [year][province][IKK] -> ComparisonRecord

struct ComparisonWriteOutcome {
  int written = 0;
  int unchanged = 0;
};

struct StoredComparison {
  std::string code;
  storage::v1::ComparisonRecord record;
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages
// (text_messages.h).
class ComparisonStore {
 public:
  ComparisonStore(Store* store, const PkStore* pk) : store_(store), pk_(pk) {}

  // `comparisons` as CheckComparisons made them. INVALID_ARGUMENT naming the entry for a code
  // that is not an IKK of the stored PK; nothing is written then.
  absl::StatusOr<ComparisonWriteOutcome> Put(const WriteContext& context, int fiscal_year,
                                             const std::string& province,
                                             const std::vector<ComparisonInput>& comparisons);
  // In IKK order.
  absl::StatusOr<std::vector<StoredComparison>> Get(int fiscal_year, std::string_view province) const;

 private:
  Store* store_;
  const PkStore* pk_;
  WriteSerializer writes_;
};

}  // namespace lkip::aggregator
