#include "services/aggregator/report/budget_view.h"

#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"

namespace lkip::aggregator {
namespace {

std::string Percent(const common::v1::Decimal& d) { return RoundedIndonesian(d.value(), 2).value_or("-"); }

void Fill(const keuangan::v1::BudgetRow& r, int no, report::v1::BudgetLine* line) {
  line->set_no(no);
  line->set_code(r.code());
  line->set_label(r.label());
  line->set_pagu(IntegerIndonesian(r.pagu().amount()));
  line->set_realisasi(IntegerIndonesian(r.realisasi().amount()));
  line->set_percent(Percent(r.realisasi_percent()));
  line->set_sisa(r.sisa().amount() == 0 ? "-" : IntegerIndonesian(r.sisa().amount()));
  line->set_efisiensi(Percent(r.efisiensi_percent()));
}

}  // namespace

report::v1::BudgetView BudgetViewOf(const keuangan::v1::BudgetTable& table) {
  report::v1::BudgetView out;
  out.mutable_rows()->Reserve(table.rows_size());
  int no = 0;
  for (const auto& r : table.rows()) Fill(r, ++no, out.add_rows());
  Fill(table.total(), 0, out.mutable_total());
  return out;
}

}  // namespace lkip::aggregator
