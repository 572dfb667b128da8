// Respondent-level index scores (Dektari, Dektara): running sums per satker, measure and year,
// and the satker index (their mean) written as the computed value of the measure.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"
#include "lkip/indicator/v1/indicator.pb.h"
#include "lkip/pencegahan/v1/pencegahan.pb.h"

namespace lkip::pencegahan {

inline constexpr uint8_t kTagRespondentSum = 0x61;  // [year][measure][province][satker]

struct RespondentDelta {
  Decimal sum;
  int64_t respondents = 0;
  std::vector<Decimal> dimension_sums;  // empty until a respondent supplies dimension scores
  int64_t dimension_respondents = 0;
};

class RespondentStore {
 public:
  RespondentStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `deltas`: (measure, satker) -> what this import adds.
  absl::Status Apply(int fiscal_year, const UnitTree& units,
                     const std::map<std::pair<std::string, std::string>, RespondentDelta>& deltas,
                     const std::string& source_document, const std::string& actor, Mutation* mutation,
                     indicator::v1::ImportResult* result);

  // NOT_FOUND when the satker has no respondent for the measure in the year.
  absl::StatusOr<v1::RespondentResult> Get(const UnitTree& units,
                                           const v1::GetRespondentResultRequest& request) const;

 private:
  Store* store_;
  const RuleBook* rules_;
};

}  // namespace lkip::pencegahan
