// NKA and IKPA recomputed from their components (domain-rules §8.2, §8.3): pure functions of
// the rule set's formula version, so a later regulation is a new rule set, not an edit here.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_numbers.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip::keuangan {

// `numbers` holds the rule's weights, parsed with its rule set (YearRules::numbers()).

// NE = 50 + E / clamp x 50 with E clamped to [-clamp, clamp]: 0 at -clamp, 100 at +clamp.
Decimal EfficiencyScore(const rules::v1::NkaRule& rule, const RuleNumbers& numbers,
                        const Decimal& efficiency);

// NKA = wP x P + wK x K + wCRO x CRO + wNE x NE (PMK 22/2021).
Decimal ComputeNka(const rules::v1::NkaRule& rule, const RuleNumbers& numbers, const Decimal& penyerapan,
                   const Decimal& konsistensi, const Decimal& capaian_output, const Decimal& nilai_efisiensi);

struct IkpaInput {
  std::map<std::string, Decimal> values;  // applicable components
  std::set<std::string> not_applicable;
  Decimal deduction;  // dispensasi SPM
};

// IKPA = sum(value x weight) / sum(weight of applicable components) - deduction, clamped to
// 0..100. INVALID_ARGUMENT when a component is missing, unknown or none is applicable.
absl::StatusOr<Decimal> ComputeIkpa(const rules::v1::IkpaRule& rule, const RuleNumbers& numbers,
                                    const IkpaInput& input);

}  // namespace lkip::keuangan
