// A rule set for a new fiscal year, carried over from an earlier one (`lkipctl rules new-year`).
// Rules change with regulations (domain-rules §3, §11): a carried-over rule set is a draft whose
// `review` lists every part a planner must check against the new year's sources before its
// figures are trusted. The reports of the year name each open item among the unverified rules.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip {

// `from` with fiscal_year `year`, version "<year>.1" and a review item for every part that a
// regulation or the year's Perjanjian Kinerja may change: each indicator's definition, the
// rules still marked unverified, category cut points, band sets, the DIPA's structure, the NKA,
// IKPA and zona integritas rules and the superseded regulations. Items `from` still had open
// are kept. INVALID_ARGUMENT when `year` is not after `from`'s year.
absl::StatusOr<rules::v1::RuleSet> CarryOverRuleSet(const rules::v1::RuleSet& from, int year);

// The rule set as the rule files hold it: canonical proto JSON with the proto's field names,
// indented, ending with a newline.
absl::StatusOr<std::string> RuleSetJson(const rules::v1::RuleSet& rules);

}  // namespace lkip
