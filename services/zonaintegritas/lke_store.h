// LKE assessments and the TPI's totals per satker and year (domain-rules §9). An assessment's
// total is the computed value of the rule set's ZI measure; the TPI's total from the
// Inspektorat's letter is its recorded value, which IKK-19 uses, so the two stand side by side.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.pb.h"

namespace lkip::zonaintegritas {

inline constexpr uint8_t kTagLke = 0x90;  // [year][province][satker] -> LkeAssessmentRecord
inline constexpr uint8_t kTagTpi = 0x91;  // [year][province][satker] -> TpiResultRecord

class LkeStore {
 public:
  LkeStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<v1::LkeResult> Record(const WriteContext& context,
                                       const v1::RecordLkeAssessmentRequest& request);
  absl::StatusOr<v1::LkeResult> Get(const v1::GetLkeResultRequest& request) const;
  absl::StatusOr<v1::ImportTpiResultsResponse> ImportTpi(const WriteContext& context,
                                                         const v1::ImportTpiResultsRequest& request);

 private:
  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::zonaintegritas
