#include "common/capaian/capaian.h"

#include "absl/strings/str_cat.h"
#include "common/rules/rule_book.h"

namespace lkip {
namespace {

const Decimal kHundred(100);
const Decimal kTwo(2);

// One comparison against a single target value.
Capaian AgainstValue(common::v1::Polarity polarity, const Decimal& t, const Decimal& r,
                     const ZeroTargetRule& zero_rule) {
  Capaian c;
  if (t.Sign() == 0) {
    if (polarity == common::v1::POLARITY_HIGHER_IS_BETTER) {
      c.note = "target 0 with higher-is-better polarity: capaian not available";
      return c;
    }
    c.available = true;
    c.value = r.Sign() == 0 ? zero_rule.when_realisasi_zero : zero_rule.otherwise;
    c.verified = zero_rule.verified;
    c.note = "target 0 with lower-is-better polarity: zero-target rule of the rule set";
    return c;
  }
  c.available = true;
  if (polarity == common::v1::POLARITY_HIGHER_IS_BETTER) {
    c.value = r / t * kHundred;
  } else {
    c.value = (kTwo * t - r) / t * kHundred;
    if (c.value.Sign() < 0) c.value = Decimal(0);  // floored at 0
  }
  return c;
}

}  // namespace

Capaian ComputeCapaian(common::v1::Polarity polarity, const TargetSpec& target, const Decimal& realisasi,
                       const ZeroTargetRule& zero_rule) {
  if (polarity == common::v1::POLARITY_UNSPECIFIED) {
    Capaian c;
    c.note = "polarity not set";
    return c;
  }
  if (target.value) return AgainstValue(polarity, *target.value, realisasi, zero_rule);
  if (!target.low || !target.high) {
    Capaian c;
    c.note = "no target";
    return c;
  }
  if (realisasi > *target.high) return AgainstValue(polarity, *target.high, realisasi, zero_rule);
  if (realisasi < *target.low) return AgainstValue(polarity, *target.low, realisasi, zero_rule);
  Capaian c;
  c.available = true;
  c.value = kHundred;
  c.note = "realisasi within the target range";
  return c;
}

absl::StatusOr<TargetSpec> TargetFromProto(const common::v1::Target& target) {
  switch (target.kind_case()) {
    case common::v1::Target::kValue: {
      auto v = Decimal::Parse(target.value().value());
      if (!v.ok()) return v.status();
      return TargetSpec::Single(*v);
    }
    case common::v1::Target::kRange: {
      auto lo = Decimal::Parse(target.range().low().value());
      if (!lo.ok()) return lo.status();
      auto hi = Decimal::Parse(target.range().high().value());
      if (!hi.ok()) return hi.status();
      if (*hi < *lo) {
        return absl::InvalidArgumentError(absl::StrCat("target range high ", target.range().high().value(),
                                                       " is below low ", target.range().low().value()));
      }
      return TargetSpec::Range(*lo, *hi);
    }
    default:
      return absl::InvalidArgumentError("target is not set");
  }
}

ZeroTargetRule ZeroTargetRuleFromProto(const rules::v1::ZeroTargetPolicy& policy,
                                       const RuleNumbers& numbers) {
  ZeroTargetRule rule;
  rule.when_realisasi_zero = numbers.Get(policy.capaian_when_realisasi_zero());
  rule.otherwise = numbers.Get(policy.capaian_otherwise());
  rule.verified = policy.verified();
  return rule;
}

std::optional<int> AssignBand(const rules::v1::BandSet& bands, const RuleNumbers& numbers,
                              const Capaian& capaian) {
  for (int i = 0; i < bands.bands_size(); ++i) {
    const auto& band = bands.bands(i);
    if (!capaian.available) {
      if (band.not_available()) return i;
      continue;
    }
    if (band.not_available()) continue;
    const auto lo = numbers.Optional(band.lower());
    const auto hi = numbers.Optional(band.upper());
    if (lo && (band.lower_inclusive() ? capaian.value < *lo : capaian.value <= *lo)) continue;
    if (hi && (band.upper_inclusive() ? capaian.value > *hi : capaian.value >= *hi)) continue;
    return i;
  }
  return std::nullopt;
}

}  // namespace lkip
