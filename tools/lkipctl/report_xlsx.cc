#include "tools/lkipctl/report_xlsx.h"

#include <xlsxwriter.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"

namespace lkip::ctl {
namespace {

using ordered_json = nlohmann::ordered_json;

struct Formats {
  lxw_format* header;
  lxw_format* rupiah;
  lxw_format* percent;
  lxw_format* value;
  lxw_format* total;
  lxw_format* total_rupiah;
};

std::string Str(const ordered_json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

// Writes an exact decimal as a number cell, or its text when it is not a number (a range target).
void WriteDecimal(lxw_worksheet* ws, int row, int col, const std::string& exact, lxw_format* format) {
  if (exact.empty()) return;
  auto d = Decimal::Parse(exact);
  if (d.ok()) {
    worksheet_write_number(ws, row, col, d->ToDouble(), format);
  } else {
    worksheet_write_string(ws, row, col, exact.c_str(), nullptr);
  }
}

void Header(lxw_worksheet* ws, const Formats& f, const std::vector<std::string>& titles) {
  for (size_t c = 0; c < titles.size(); ++c) worksheet_write_string(ws, 0, c, titles[c].c_str(), f.header);
  worksheet_freeze_panes(ws, 1, 0);
}

void CapaianSheet(lxw_workbook* wb, const Formats& f, const ordered_json& view) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Capaian");
  Header(ws, f, {"Kode", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Keterangan"});
  worksheet_set_column(ws, 2, 2, 60, nullptr);
  worksheet_set_column(ws, 3, 3, 18, nullptr);
  worksheet_set_column(ws, 7, 7, 40, nullptr);
  int row = 1;
  for (const auto& s : view["sasaran"]) {
    for (const auto& ind : s["indicators"]) {
      worksheet_write_string(ws, row, 0, Str(ind, "code").c_str(), nullptr);
      worksheet_write_number(ws, row, 1, s["number"].get<int>(), nullptr);
      worksheet_write_string(ws, row, 2, Str(ind, "name").c_str(), nullptr);
      worksheet_write_string(ws, row, 3, Str(ind, "unit").c_str(), nullptr);
      WriteDecimal(ws, row, 4, Str(ind, "target"), f.value);
      if (ind.value("available", false)) {
        WriteDecimal(ws, row, 5, Str(ind, "realisasi"), f.value);
        if (ind.contains("capaian_exact")) {
          WriteDecimal(ws, row, 6, Str(ind, "capaian_exact"), f.percent);
        } else {
          worksheet_write_string(ws, row, 6, "NA", nullptr);
        }
        worksheet_write_string(ws, row, 7, Str(ind, "capaian_note").c_str(), nullptr);
      } else {
        worksheet_write_string(ws, row, 7, absl::StrCat("data tidak tersedia: ", Str(ind, "unavailable_reason")).c_str(),
                               nullptr);
      }
      ++row;
    }
  }
}

void SatkerSheet(lxw_workbook* wb, const Formats& f, const ordered_json& view) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Per Satker");
  Header(ws, f, {"Kode IKK", "Satker", "Nilai", "Kategori", "Dihitung", "Sumber"});
  worksheet_set_column(ws, 1, 1, 30, nullptr);
  worksheet_set_column(ws, 5, 5, 50, nullptr);
  int row = 1;
  for (const auto& s : view["sasaran"]) {
    for (const auto& ind : s["indicators"]) {
      if (!ind.contains("satker_rows")) continue;
      for (const auto& r : ind["satker_rows"]) {
        worksheet_write_string(ws, row, 0, Str(ind, "code").c_str(), nullptr);
        worksheet_write_string(ws, row, 1, Str(r, "name").c_str(), nullptr);
        WriteDecimal(ws, row, 2, Str(r, "value"), f.value);
        worksheet_write_string(ws, row, 3, Str(r, "category").c_str(), nullptr);
        worksheet_write_string(ws, row, 4, r.value("counted", false) ? "ya" : "", nullptr);
        worksheet_write_string(ws, row, 5, Str(r, "source").c_str(), nullptr);
        ++row;
      }
    }
  }
}

void BandSheets(lxw_workbook* wb, const Formats& f, const ordered_json& view) {
  for (const auto& set : view["band_sets"]) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, Str(set, "id").substr(0, 31).c_str());
    worksheet_write_string(ws, 0, 0, Str(set, "title").c_str(), f.header);
    for (int c = 0; c < 3; ++c) worksheet_write_string(ws, 1, c, c == 0 ? "Capaian" : (c == 1 ? "Jumlah IKK" : "IKK"), f.header);
    worksheet_set_column(ws, 0, 0, 30, nullptr);
    worksheet_set_column(ws, 2, 2, 60, nullptr);
    int row = 2;
    for (const auto& r : set["rows"]) {
      std::string codes;
      for (const auto& c : r["codes"]) absl::StrAppend(&codes, codes.empty() ? "" : " ", c.get<std::string>());
      worksheet_write_string(ws, row, 0, Str(r, "label").c_str(), nullptr);
      worksheet_write_number(ws, row, 1, r["count"].get<int>(), nullptr);
      worksheet_write_string(ws, row, 2, codes.c_str(), nullptr);
      ++row;
    }
  }
}

void BudgetRow(lxw_worksheet* ws, const Formats& f, int row, const ordered_json& r, bool total) {
  lxw_format* text = total ? f.total : nullptr;
  lxw_format* money = total ? f.total_rupiah : f.rupiah;
  if (!total) worksheet_write_number(ws, row, 0, r["no"].get<int>(), nullptr);
  worksheet_write_string(ws, row, 1, Str(r, "label").c_str(), text);
  worksheet_write_number(ws, row, 2, static_cast<double>(r["pagu_rupiah"].get<int64_t>()), money);
  worksheet_write_number(ws, row, 3, static_cast<double>(r["realisasi_rupiah"].get<int64_t>()), money);
  WriteDecimal(ws, row, 4, Str(r, "percent_exact"), f.percent);
  worksheet_write_number(ws, row, 5, static_cast<double>(r["sisa_rupiah"].get<int64_t>()), money);
  WriteDecimal(ws, row, 6, Str(r, "efisiensi_exact"), f.percent);
}

void BudgetSheet(lxw_workbook* wb, const Formats& f, const char* name, const char* first_column, const ordered_json& table) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name);
  Header(ws, f, {"No", first_column, "Pagu (Rp)", "Realisasi (Rp)", "%", "Sisa (Rp)", "Efisiensi (%)"});
  worksheet_set_column(ws, 1, 1, 50, nullptr);
  worksheet_set_column(ws, 2, 5, 18, nullptr);
  int row = 1;
  for (const auto& r : table["rows"]) BudgetRow(ws, f, row++, r, false);
  BudgetRow(ws, f, row, table["total"], true);
}

}  // namespace

absl::Status WriteReportXlsx(const ordered_json& view, const std::filesystem::path& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return absl::UnavailableError(absl::StrCat("cannot create ", path.string()));
  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xE8E8E8);
  format_set_text_wrap(f.header);
  f.rupiah = workbook_add_format(wb);
  format_set_num_format(f.rupiah, "#,##0");
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.00");
  f.value = workbook_add_format(wb);
  format_set_num_format(f.value, "General");
  f.total = workbook_add_format(wb);
  format_set_bold(f.total);
  f.total_rupiah = workbook_add_format(wb);
  format_set_bold(f.total_rupiah);
  format_set_num_format(f.total_rupiah, "#,##0");

  const std::string title = Str(view, "title");
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.company = const_cast<char*>("Badan Narkotika Nasional");
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr) {
    int64_t seconds = 0;
    if (absl::SimpleAtoi(epoch, &seconds) && seconds > 0) props.created = static_cast<time_t>(seconds);
  }
  workbook_set_properties(wb, &props);

  CapaianSheet(wb, f, view);
  SatkerSheet(wb, f, view);
  BandSheets(wb, f, view);
  if (view.value("anggaran_available", false)) {
    BudgetSheet(wb, f, "Anggaran Program", "Program", view["anggaran"]["per_program"]);
    BudgetSheet(wb, f, "Anggaran Satker", "Satker", view["anggaran"]["per_satker"]);
    BudgetSheet(wb, f, "Anggaran Kegiatan", "Kegiatan", view["anggaran"]["per_kegiatan"]);
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string(), ": ", lxw_strerror(e)));
  }
  return absl::OkStatus();
}

}  // namespace lkip::ctl
