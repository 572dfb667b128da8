// The budget chapter's tables (keuangan GetBudgetTables) as the report prints them: Indonesian
// number format, percentages to two decimals, a sisa of 0 as "-" as in the seed.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "lkip/keuangan/v1/keuangan.pb.h"

namespace lkip::ctl {

// {"rows": [{"no", "code", "label", "pagu", "realisasi", "percent", "sisa", "efisiensi"}],
//  "total": {...}}: every figure as displayed.
nlohmann::ordered_json BudgetTableJson(const keuangan::v1::BudgetTable& table);

// The per-program and per-satker tables as tab-separated text with their headers.
std::string BudgetTablesText(const keuangan::v1::BudgetTables& tables);

}  // namespace lkip::ctl
