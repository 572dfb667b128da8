// The budget chapter's tables (domain-rules §8.1) from DIPA lines and monthly realisasi: pure
// integer-rupiah sums; percentages exact, rounded only when printed. Totals are sums of the
// rows, never typed. Realisasi above pagu is a finding, not an error: it happened.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "lkip/common/v1/common.pb.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip::keuangan {

struct Line {
  std::string program;
  std::string kegiatan;
  int64_t amount = 0;
};

struct SatkerBudget {
  std::string code;
  std::string name;
  bool has_dipa = false;
  std::vector<Line> pagu;
  std::array<std::vector<Line>, 12> realisasi;  // by month, January first
};

// `satker` in the order the table prints them; `through_month` 1..12.
keuangan::v1::BudgetTables BuildBudgetTables(const rules::v1::BudgetRules& rules,
                                             const std::vector<SatkerBudget>& satker, int through_month);

// The lines of one satker whose realisasi through `through_month` exceeds their pagu.
std::vector<common::v1::Finding> AbovePaguFindings(const rules::v1::BudgetRules& rules,
                                                   const SatkerBudget& satker, int through_month);

// Fills pagu, realisasi, %, sisa and efisiensi of a row from its two sums.
void FillBudgetRow(int64_t pagu, int64_t realisasi, keuangan::v1::BudgetRow* row);

}  // namespace lkip::keuangan
