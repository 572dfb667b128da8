#include "tools/lkipctl/budget_output.h"

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"

namespace lkip::ctl {
namespace {

std::string Rupiah(int64_t amount) { return Decimal(amount).ToIndonesian(0); }

std::string Percent(const common::v1::Decimal& d) {
  auto v = Decimal::Parse(d.value());
  return v.ok() ? v->ToIndonesian(2) : "-";
}

void AppendTable(const char* title, const char* first_column, const keuangan::v1::BudgetTable& table, std::string* out) {
  absl::StrAppend(out, title, "\n", "NO\t", first_column, "\tPAGU\tREALISASI\t%\tSISA\tEFISIENSI PENGGUNAAN ANGGARAN (%)\n");
  int no = 0;
  auto row_text = [](const keuangan::v1::BudgetRow& r) {
    return absl::StrCat(r.label(), "\t", Rupiah(r.pagu().amount()), "\t", Rupiah(r.realisasi().amount()), "\t",
                        Percent(r.realisasi_percent()), "\t", r.sisa().amount() == 0 ? "-" : Rupiah(r.sisa().amount()),
                        "\t", Percent(r.efisiensi_percent()), "\n");
  };
  for (const auto& r : table.rows()) absl::StrAppend(out, ++no, "\t", row_text(r));
  absl::StrAppend(out, "\t", row_text(table.total()));
}

}  // namespace

std::string BudgetTablesText(const keuangan::v1::BudgetTables& tables) {
  std::string out;
  AppendTable("Realisasi anggaran per program", "PROGRAM", tables.per_program(), &out);
  out += "\n";
  AppendTable("Realisasi anggaran per satker", "SATKER", tables.per_satker(), &out);
  for (const auto& f : tables.findings()) absl::StrAppend(&out, "\nTemuan ", f.code(), ": ", f.message());
  if (!tables.satker_without_dipa().empty()) {
    out += "\nSatker tanpa DIPA:";
    for (const auto& s : tables.satker_without_dipa()) absl::StrAppend(&out, " ", s);
  }
  return out;
}

}  // namespace lkip::ctl
