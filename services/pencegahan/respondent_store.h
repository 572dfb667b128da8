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

namespace lkip::pencegahan {

inline constexpr uint8_t kTagRespondentSum = 0x61;  // [year][measure][province][satker]

struct RespondentDelta {
  Decimal sum;
  int64_t respondents = 0;
  std::vector<Decimal> dimension_sums;  // empty until a respondent supplies dimension scores
  int64_t dimension_respondents = 0;
};

// A satker's respondent-mean index for a measure and year, from the running sums.
struct RespondentIndex {
  int64_t respondents = 0;
  Decimal index;                                            // mean of the respondents' scores
  int64_t dimension_respondents = 0;                        // respondents who supplied dimension scores
  std::vector<std::pair<std::string, Decimal>> dimensions;  // {name, mean over those}
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class RespondentStore {
 public:
  RespondentStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `deltas`: (measure, satker) -> what this import adds (negative: what withdrawing one takes
  // away; a satker left without respondents loses its sums and value). DATA_LOSS when more is
  // taken away than the sums hold.
  absl::Status Apply(int fiscal_year, const UnitTree& units,
                     const std::map<std::pair<std::string, std::string>, RespondentDelta>& deltas,
                     const std::string& provenance, const std::string& actor, Mutation* mutation,
                     std::vector<std::string>* satker_updated);

  // INVALID_ARGUMENT for a measure that is not a respondent mean; NOT_FOUND for a satker not
  // in the tree or with no respondent for the measure in the year.
  absl::StatusOr<RespondentIndex> Get(const UnitTree& units, int fiscal_year, const std::string& measure,
                                      const std::string& satker_code) const;

 private:
  Store* store_;
  const RuleBook* rules_;
};

}  // namespace lkip::pencegahan
