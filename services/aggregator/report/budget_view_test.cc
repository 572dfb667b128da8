// The budget tables print as the seed does: Indonesian thousands and decimal marks, "-" for a
// sisa of 0, the rows numbered, the total row last.
#include "services/aggregator/report/budget_view.h"

#include <gtest/gtest.h>

namespace lkip::aggregator {
namespace {

TEST(BudgetViewTest, SatkerRowsInTheSeedsFormat) {
  keuangan::v1::BudgetTable t;
  auto* row = t.add_rows();
  row->set_label("BNN KOTA MATARAM");
  row->mutable_pagu()->set_amount(1710402000);
  row->mutable_realisasi()->set_amount(1710402000);
  row->mutable_realisasi_percent()->set_value("100");
  row->mutable_efisiensi_percent()->set_value("0");
  auto* total = t.mutable_total();
  total->set_label("TOTAL");
  total->mutable_pagu()->set_amount(16468319000);
  total->mutable_realisasi()->set_amount(16375654700);
  total->mutable_sisa()->set_amount(92664300);
  total->mutable_realisasi_percent()->set_value("99.4372...");  // not a decimal: printed as "-"
  const auto view = BudgetViewOf(t);
  ASSERT_EQ(view.rows_size(), 1);
  const auto& r = view.rows(0);
  EXPECT_EQ(r.no(), 1);
  EXPECT_EQ(r.label(), "BNN KOTA MATARAM");
  EXPECT_EQ(r.pagu(), "1.710.402.000");
  EXPECT_EQ(r.percent(), "100,00");
  EXPECT_EQ(r.sisa(), "-");
  EXPECT_EQ(r.efisiensi(), "0,00");
  EXPECT_EQ(view.total().no(), 0);
  EXPECT_EQ(view.total().pagu(), "16.468.319.000");
  EXPECT_EQ(view.total().realisasi(), "16.375.654.700");
  EXPECT_EQ(view.total().percent(), "-");
  EXPECT_EQ(view.total().sisa(), "92.664.300");
}

}  // namespace
}  // namespace lkip::aggregator
