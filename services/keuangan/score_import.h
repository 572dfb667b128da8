// NKA and IKPA imports (domain-rules §8.2, §8.3): a request checked against its fiscal year's
// rule, each score's storage record made with its recomputation from the components, and the
// finding when the two differ beyond the rule's tolerance. Pure: no I/O; the store checks the
// satker codes against the unit tree.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_book.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::keuangan {

// "NKA" or "IKPA".
const char* KindName(v1::ScoreKind kind);

// The rule of a kind in one fiscal year: measure, formula and tolerance.
struct KindRule {
  std::string measure;
  std::string regulation;
  Decimal tolerance;
  const rules::v1::NkaRule* nka = nullptr;
  const rules::v1::IkpaRule* ikpa = nullptr;
  const RuleNumbers* numbers = nullptr;  // the weights, parsed with the rule set
};

// INVALID_ARGUMENT for a kind that is neither NKA nor IKPA; FAILED_PRECONDITION when the rule
// set has no rule for it.
absl::StatusOr<KindRule> RuleOf(const YearRules& rules, v1::ScoreKind kind);

// An import as the store takes it.
struct ScoreImport {
  int fiscal_year = 0;
  v1::ScoreKind kind = v1::SCORE_KIND_UNSPECIFIED;
  KindRule rule;
  std::string source_document;  // "SMART: <the export or letter>"
  // {satker code, record}, each satker once, in the request's order.
  std::vector<std::pair<std::string, storage::v1::BudgetScoreRecord>> scores;
};

// INVALID_ARGUMENT naming the field and its value ("scores[3].nka.penyerapan: 120 is outside
// 0..100") for anything wrong with the request itself.
absl::StatusOr<ScoreImport> CheckScoreImport(const v1::ImportBudgetScoresRequest& request,
                                             const YearRules& rules);

// The warning when a score's recomputation differs from its published value by more than
// `tolerance`; none otherwise or without components. DATA_LOSS for a stored number that does not
// parse.
absl::StatusOr<std::vector<common::v1::Finding>> DifferenceFindings(v1::ScoreKind kind,
                                                                    const std::string& satker,
                                                                    const storage::v1::BudgetScoreRecord& r,
                                                                    const Decimal& tolerance);

}  // namespace lkip::keuangan
