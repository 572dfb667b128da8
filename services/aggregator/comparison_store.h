// What each IKK is compared with in the report (domain-rules §10): last year's realisasi and a
// national value, each with where it comes from, per fiscal year and province. The report
// writes the comparison sentence from these figures, so its direction word cannot disagree
// with them.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "services/aggregator/pk_store.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagComparison = 0x22;  // [year][province][IKK] -> ComparisonRecord

class ComparisonStore {
 public:
  ComparisonStore(Store* store, const PkStore* pk) : store_(store), pk_(pk) {}

  absl::StatusOr<aggregator::v1::PutComparisonsResponse> Put(
      const WriteContext& context, const aggregator::v1::PutComparisonsRequest& request);
  absl::StatusOr<aggregator::v1::GetComparisonsResponse> Get(int fiscal_year,
                                                             std::string_view province) const;

 private:
  Store* store_;
  const PkStore* pk_;
  WriteSerializer writes_;
};

}  // namespace lkip::aggregator
