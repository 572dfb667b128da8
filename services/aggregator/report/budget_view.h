// The budget chapter's tables (keuangan's GetBudgetTables) as the report prints them: rupiah in
// Indonesian number format, percentages to two decimals, a sisa of 0 as "-" as in the seed.
#pragma once

#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::aggregator {

// The rows numbered from 1, then the TOTAL row (numbered 0).
report::v1::BudgetView BudgetViewOf(const keuangan::v1::BudgetTable& table);

}  // namespace lkip::aggregator
