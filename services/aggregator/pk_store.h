// The Perjanjian Kinerja the aggregator holds: one per fiscal year and province, as the record
// pk_record.h checked against the rule set of its year and the unit tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagPerjanjianKinerja = 0x20;

// The store speaks storage records; pk_record.h checks a PK and converts it both ways.
class PkStore {
 public:
  explicit PkStore(Store* store) : store_(store) {}

  // `record` as CheckPerjanjianKinerja made it; the store adds who and when. Returns whether
  // anything changed (an identical PK is not rewritten).
  absl::StatusOr<bool> Put(const WriteContext& context, int fiscal_year, const std::string& province,
                           storage::v1::PerjanjianKinerjaRecord record);
  // NOT_FOUND when none is stored.
  absl::StatusOr<storage::v1::PerjanjianKinerjaRecord> Get(int fiscal_year, std::string_view province) const;
  // The IKK codes of the stored PK, in its order; FAILED_PRECONDITION when none is stored, saying
  // the PK must come before `what` (the texts, the comparisons) that refer to its IKK.
  absl::StatusOr<std::vector<std::string>> IndicatorCodes(int fiscal_year, std::string_view province,
                                                          std::string_view what) const;

 private:
  Store* store_;
  WriteSerializer writes_;  // the compare-with-stored step sees the state the write replaces
};

}  // namespace lkip::aggregator
