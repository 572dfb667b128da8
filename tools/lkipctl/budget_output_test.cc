// The budget tables print as the seed does: Indonesian thousands and decimal marks, "-" for a
// sisa of 0, the total row last.
#include "tools/lkipctl/budget_output.h"

#include <gtest/gtest.h>

namespace lkip::ctl {
namespace {

TEST(BudgetOutputTest, SatkerRowsInTheSeedsFormat) {
  keuangan::v1::BudgetTables t;
  auto* row = t.mutable_per_satker()->add_rows();
  row->set_label("BNN KOTA MATARAM");
  row->mutable_pagu()->set_amount(1710402000);
  row->mutable_realisasi()->set_amount(1710402000);
  row->mutable_realisasi_percent()->set_value("100");
  row->mutable_efisiensi_percent()->set_value("0");
  auto* total = t.mutable_per_satker()->mutable_total();
  total->set_label("TOTAL");
  total->mutable_pagu()->set_amount(16468319000);
  total->mutable_realisasi()->set_amount(16375654700);
  total->mutable_sisa()->set_amount(92664300);
  total->mutable_realisasi_percent()->set_value("99.4372...");   // not a decimal: printed as "-"
  const std::string text = BudgetTablesText(t);
  EXPECT_NE(text.find("1\tBNN KOTA MATARAM\t1.710.402.000\t1.710.402.000\t100,00\t-\t0,00\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\tTOTAL\t16.468.319.000\t16.375.654.700\t-\t92.664.300\t-\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace lkip::ctl
