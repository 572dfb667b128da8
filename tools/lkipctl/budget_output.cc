#include "tools/lkipctl/budget_output.h"

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "tools/lkipctl/json_object.h"

namespace lkip::ctl {
namespace {

std::string Rupiah(int64_t amount) { return IntegerIndonesian(amount); }

std::string Percent(const common::v1::Decimal& d) {
  return RoundedIndonesian(d.value(), 2).value_or("-");
}

// A table row ("no" is its number, 0 for the TOTAL row, which has none).
nlohmann::ordered_json RowJson(const keuangan::v1::BudgetRow& r, int no) {
  nlohmann::ordered_json row = JsonObject(13);
  if (no > 0) row["no"] = no;
  row["code"] = r.code();
  row["label"] = r.label();
  row["pagu"] = Rupiah(r.pagu().amount());
  row["realisasi"] = Rupiah(r.realisasi().amount());
  row["percent"] = Percent(r.realisasi_percent());
  row["sisa"] = r.sisa().amount() == 0 ? "-" : Rupiah(r.sisa().amount());
  row["efisiensi"] = Percent(r.efisiensi_percent());
  // The exact figures behind the display strings, for the XLSX and the charts.
  row["pagu_rupiah"] = r.pagu().amount();
  row["realisasi_rupiah"] = r.realisasi().amount();
  row["sisa_rupiah"] = r.sisa().amount();
  row["percent_exact"] = r.realisasi_percent().value();
  row["efisiensi_exact"] = r.efisiensi_percent().value();
  return row;
}

void AppendTable(const char* title, const char* first_column, const keuangan::v1::BudgetTable& table, std::string* out) {
  absl::StrAppend(out, title, "\n", "NO\t", first_column, "\tPAGU\tREALISASI\t%\tSISA\tEFISIENSI PENGGUNAAN ANGGARAN (%)\n");
  const auto j = BudgetTableJson(table);
  auto row_text = [](const nlohmann::ordered_json& r) {
    return absl::StrCat(r["label"].get<std::string>(), "\t", r["pagu"].get<std::string>(), "\t",
                        r["realisasi"].get<std::string>(), "\t", r["percent"].get<std::string>(), "\t",
                        r["sisa"].get<std::string>(), "\t", r["efisiensi"].get<std::string>(), "\n");
  };
  for (const auto& r : j["rows"]) absl::StrAppend(out, r["no"].get<int>(), "\t", row_text(r));
  absl::StrAppend(out, "\t", row_text(j["total"]));
}

}  // namespace

nlohmann::ordered_json BudgetTableJson(const keuangan::v1::BudgetTable& table) {
  nlohmann::ordered_json rows = JsonArray(table.rows_size());
  int no = 0;
  for (const auto& r : table.rows()) rows.push_back(RowJson(r, ++no));
  nlohmann::ordered_json out = JsonObject(2);
  out["rows"] = std::move(rows);
  out["total"] = RowJson(table.total(), 0);
  return out;
}

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
