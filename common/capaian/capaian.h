// The capaian engine (domain-rules §2, PermenPANRB 8/2021): achievement of a realisasi against
// a target for either polarity, with range targets and not-available cases, and the counting
// of capaian into band sets (S1/S2/S3). Pure functions: no I/O, exact arithmetic.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/numeric/decimal.h"
#include "common/rules/rule_numbers.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip {

struct TargetSpec {
  std::optional<Decimal> value;      // a single target
  std::optional<Decimal> low, high;  // or a range [low, high]
  static TargetSpec Single(Decimal v) { return TargetSpec{v, std::nullopt, std::nullopt}; }
  static TargetSpec Range(Decimal lo, Decimal hi) { return TargetSpec{std::nullopt, lo, hi}; }
};

struct ZeroTargetRule {
  Decimal when_realisasi_zero{100};
  Decimal otherwise{0};
  bool verified = false;
};

struct Capaian {
  bool available = false;  // false: NA
  Decimal value;           // percent, unrounded; meaningful when available
  std::string note;        // why NA, or which rule applied (e.g. the zero-target default)
  bool verified = true;    // false when a [default] rule produced it
};

// C = R/T*100 (higher is better) or max(0, (2T-R)/T*100) (lower is better). With a range,
// R inside [low, high] scores 100; above it compares with high, below it with low.
Capaian ComputeCapaian(common::v1::Polarity polarity, const TargetSpec& target, const Decimal& realisasi,
                       const ZeroTargetRule& zero_rule);

absl::StatusOr<TargetSpec> TargetFromProto(const common::v1::Target& target);
ZeroTargetRule ZeroTargetRuleFromProto(const rules::v1::ZeroTargetPolicy& policy, const RuleNumbers& numbers);

// The band a capaian falls in: the first band containing it, or the not_available band for NA.
// nullopt when no band takes it.
std::optional<int> AssignBand(const rules::v1::BandSet& bands, const RuleNumbers& numbers,
                              const Capaian& capaian);

}  // namespace lkip
