// The national tables (pure: no store, no server): from every province's snapshot of a fiscal
// year, per IKK each province's target, realisasi, capaian, band and rank, and the national
// value by the rule set's national aggregation (rules.v1.NationalAggregation: a rule, not code);
// the provinces' band distributions and their ranking; which are ditetapkan, stale, missing,
// computed with another rule set or contradicted by their own verifier.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "lkip/nasional/v1/nasional.pb.h"

namespace lkip::nasional {

// A province as the roll-up sees it: its snapshot (when one was ever pulled) and the pulls'
// state, which `info` already holds (has_snapshot, pulled_at, stale, last attempt).
struct ProvinceSnapshot {
  v1::SnapshotInfo info;
  std::optional<report::v1::Report> report;
  int64_t pulled_at_micros = 0;
};

// A time (µs since the epoch) as the roll-up shows every time: RFC 3339, UTC, to the second.
std::string FormatMicros(int64_t micros);

// Fills what `info` says of the report itself: approval state, rule-set version, completeness,
// the verifier's errors.
void DescribeReport(const report::v1::Report& report, v1::SnapshotInfo* info);

// The roll-up over `provinces` (directory order). INVALID_ARGUMENT when a province's number is
// not a decimal (a snapshot that does not parse its own figures).
absl::StatusOr<v1::RollUp> BuildRollUp(const YearRules& rules,
                                       const std::vector<ProvinceSnapshot>& provinces);

// The "Nasional" comparisons of `province`'s report from `roll_up`: per IKK with a national
// comparison and a value of the province, the national value and the province's own.
std::vector<aggregator::v1::Comparison> NationalComparisons(const YearRules& rules, const v1::RollUp& roll_up,
                                                            const std::string& province);

}  // namespace lkip::nasional
