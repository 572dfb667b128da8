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
#include "lkip/storage/v1/records.pb.h"
#include "services/zonaintegritas/lke_input.h"

namespace lkip::zonaintegritas {

inline constexpr uint8_t kTagLke = 0x90;  // [year][province][satker] -> LkeAssessmentRecord
inline constexpr uint8_t kTagTpi = 0x91;  // [year][province][satker] -> TpiResultRecord

struct TpiImportOutcome {
  int written = 0;
  int unchanged = 0;
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class LkeStore {
 public:
  explicit LkeStore(Store* store) : store_(store) {}

  // `in` as CheckLkeAssessment / CheckTpiImport made it with `rules` of its year. NOT_FOUND
  // naming the field for a satker not in the unit tree; nothing is written then.
  absl::Status Record(const WriteContext& context, const YearRules& rules, const LkeAssessmentInput& in);
  absl::StatusOr<TpiImportOutcome> ImportTpi(const WriteContext& context, const YearRules& rules,
                                             const TpiImport& in);
  // NOT_FOUND without an assessment of the satker for the year.
  absl::StatusOr<storage::v1::LkeAssessmentRecord> Get(int fiscal_year, const std::string& satker_code) const;

 private:
  Store* store_;
  WriteSerializer writes_;
};

}  // namespace lkip::zonaintegritas
