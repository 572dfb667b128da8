// DIPA and realisasi writes (domain-rules §8.1) checked against the fiscal year's budget rules
// before the store sees them: programs and kegiatan the rule set names, amounts, dates, months.
// Pure: no I/O; the store checks the satker against the unit tree and a realisasi against the
// satker's DIPA.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/validation/money.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "services/keuangan/budget_table.h"

namespace lkip::keuangan {

// The year's budget rules; FAILED_PRECONDITION when its rule set names no programs.
absl::StatusOr<const rules::v1::BudgetRules*> BudgetRulesFor(const RuleBook& book, int year);

struct DipaInput {
  int fiscal_year = 0;
  std::string satker_code;
  std::string dipa_ref;
  std::string date;  // YYYY-MM-DD
  std::vector<Line> lines;
};

struct RealisasiInput {
  int fiscal_year = 0;
  std::string satker_code;
  int month = 0;  // 1..12
  std::string source_document;
  std::vector<Line> lines;  // each must be in the satker's DIPA (checked by the store)
};

// INVALID_ARGUMENT naming the field and its value ("lines[2].kegiatan_code: ...").
absl::StatusOr<DipaInput> CheckDipa(const rules::v1::BudgetRules& rules,
                                    const v1::RecordDipaRequest& request);
absl::StatusOr<RealisasiInput> CheckRealisasi(const rules::v1::BudgetRules& rules,
                                              const v1::RecordRealisasiRequest& request);

// The months a table sums: 1..12 as asked, 0 for the whole year; INVALID_ARGUMENT otherwise.
absl::StatusOr<int> ThroughMonth(int requested);

}  // namespace lkip::keuangan
