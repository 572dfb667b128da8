#include "services/keuangan/scores.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace lkip::keuangan {
namespace {

Decimal Clamp(const Decimal& v, const Decimal& lo, const Decimal& hi) {
  if (v < lo) return lo;
  if (v > hi) return hi;
  return v;
}

}  // namespace

Decimal EfficiencyScore(const rules::v1::NkaRule& rule, const RuleNumbers& numbers,
                        const Decimal& efficiency) {
  const Decimal& clamp = numbers.Get(rule.efficiency_clamp());
  const Decimal e = Clamp(efficiency, Decimal(0) - clamp, clamp);
  return Decimal(50) + e / clamp * Decimal(50);
}

Decimal ComputeNka(const rules::v1::NkaRule& rule, const RuleNumbers& numbers, const Decimal& penyerapan,
                   const Decimal& konsistensi, const Decimal& capaian_output,
                   const Decimal& nilai_efisiensi) {
  return numbers.Get(rule.weight_penyerapan()) * penyerapan +
         numbers.Get(rule.weight_konsistensi()) * konsistensi +
         numbers.Get(rule.weight_capaian_output()) * capaian_output +
         numbers.Get(rule.weight_efisiensi()) * nilai_efisiensi;
}

absl::StatusOr<Decimal> ComputeIkpa(const rules::v1::IkpaRule& rule, const RuleNumbers& numbers,
                                    const IkpaInput& input) {
  std::set<std::string> ids;
  for (const auto& c : rule.components()) ids.insert(c.id());
  std::vector<std::string> given;
  for (const auto& [id, v] : input.values) given.push_back(id);
  given.insert(given.end(), input.not_applicable.begin(), input.not_applicable.end());
  for (const auto& id : given) {
    if (ids.count(id) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("components: \"", id, "\" is not an IKPA component of ", rule.regulation()));
    }
  }
  Decimal weighted, weights;
  for (const auto& c : rule.components()) {
    const bool na = input.not_applicable.count(c.id()) > 0;
    auto it = input.values.find(c.id());
    if (na && it != input.values.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("components: \"", c.id(), "\" is both valued and not applicable"));
    }
    if (na) continue;
    if (it == input.values.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("components: \"", c.id(), "\" (", c.name(),
                       ") has no value; mark it not_applicable if it has none this year"));
    }
    const Decimal& weight = numbers.Get(c.weight());
    weighted = weighted + it->second * weight;
    weights = weights + weight;
  }
  if (weights.Sign() == 0) return absl::InvalidArgumentError("components: none is applicable");
  return Clamp(weighted / weights - input.deduction, Decimal(0), Decimal(100));
}

}  // namespace lkip::keuangan
