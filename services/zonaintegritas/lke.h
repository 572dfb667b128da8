// The LKE of PermenPANRB 90/2021 (domain-rules §9) as pure functions of the rule set: answer
// values, sub-area scores, and the WBK / WBBM verdicts naming every criterion that fails or
// cannot be judged.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_numbers.h"
#include "lkip/rules/v1/rules.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.pb.h"

namespace lkip::zonaintegritas {

// `numbers` holds the rule set's decimals (YearRules::numbers()).

// The value of an answer on its scale; INVALID_ARGUMENT naming `path` for an unknown scale or answer.
absl::StatusOr<Decimal> AnswerValue(const rules::v1::ZonaIntegritasRules& rules, const RuleNumbers& numbers,
                                    const std::string& scale, const std::string& answer,
                                    const std::string& path);

// Sub-area score = weight x mean of its answers' values.
Decimal SubAreaScore(const Decimal& weight, const std::vector<Decimal>& answer_values);

// What a verdict is judged on: the area scores per component (empty when only the TPI's totals
// are known) and the Hasil components that are known.
struct LkeScores {
  std::map<std::string, Decimal> pemenuhan;  // area id -> score
  std::map<std::string, Decimal> reform;
  std::map<std::string, Decimal> hasil;  // component id -> score
  Decimal total;
};

zonaintegritas::v1::ZiVerdict Judge(const rules::v1::ZonaIntegritasRules& rules, const RuleNumbers& numbers,
                                    const rules::v1::ZiVerdictRule& verdict, const LkeScores& scores);

}  // namespace lkip::zonaintegritas
