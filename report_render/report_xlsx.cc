#include "report_render/report_xlsx.h"

#include <xlsxwriter.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/numeric/decimal.h"

namespace lkip::render {
namespace {

using report::v1::Report;

struct Formats {
  lxw_format* header;
  lxw_format* rupiah;
  lxw_format* percent;
  lxw_format* value;
  lxw_format* total;
  lxw_format* total_rupiah;
};

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

// A cell's column letters and row number ("C", 4 -> "C5"): formulas name cells.
std::string Cell(int row, int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return absl::StrCat(letters, row + 1);
}

// A new sheet; a draft's says so when printed, on every page (the document's DRAF mark).
lxw_worksheet* AddSheet(lxw_workbook* wb, const std::string& name, const Report& report) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (report.remaining_size() > 0) worksheet_set_header(ws, "&C&\"-,Bold\"DRAF - belum final");
  return ws;
}

// The PK's target of an IKK: a number, or a range target as its text.
void WriteTarget(lxw_worksheet* ws, int row, int col, const report::v1::IndicatorSection& ind,
                 const Formats& f) {
  if (ind.target().has_value()) {
    WriteDecimal(ws, row, col, ind.target().value().value(), f.value);
  } else {
    worksheet_write_string(ws, row, col, ind.target_display().c_str(), nullptr);
  }
}

void CapaianSheet(lxw_workbook* wb, const Formats& f, const Report& report) {
  lxw_worksheet* ws = AddSheet(wb, "Capaian", report);
  Header(ws, f,
         {"Kode", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Keterangan"});
  worksheet_set_column(ws, 2, 2, 60, nullptr);
  worksheet_set_column(ws, 3, 3, 18, nullptr);
  worksheet_set_column(ws, 7, 7, 40, nullptr);
  int row = 1;
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      worksheet_write_string(ws, row, 0, ind.code().c_str(), nullptr);
      worksheet_write_number(ws, row, 1, s.number(), nullptr);
      worksheet_write_string(ws, row, 2, ind.name().c_str(), nullptr);
      worksheet_write_string(ws, row, 3, ind.unit().c_str(), nullptr);
      WriteTarget(ws, row, 4, ind, f);
      if (ind.available()) {
        WriteDecimal(ws, row, 5, ind.realisasi().value(), f.value);
        if (ind.capaian_available()) {
          WriteDecimal(ws, row, 6, ind.capaian().value(), f.percent);
        } else {
          worksheet_write_string(ws, row, 6, "NA", nullptr);
        }
        worksheet_write_string(ws, row, 7, ind.capaian_note().c_str(), nullptr);
      } else {
        worksheet_write_string(
            ws, row, 7, absl::StrCat("data tidak tersedia: ", ind.unavailable_reason()).c_str(), nullptr);
      }
      ++row;
    }
  }
}

// A draft's first sheet: what remains before the report is final (Report.remaining).
void DraftSheet(lxw_workbook* wb, const Formats& f, const Report& report) {
  if (report.remaining_size() == 0) return;
  lxw_worksheet* ws = AddSheet(wb, "DRAF", report);
  worksheet_write_string(ws, 0, 0, "DRAF", f.header);
  worksheet_write_string(
      ws, 0, 1,
      absl::StrCat("Dokumen ini belum final: ", report.remaining_size(), " hal masih harus diselesaikan")
          .c_str(),
      f.header);
  worksheet_set_column(ws, 1, 1, 120, nullptr);
  for (int i = 0; i < report.remaining_size(); ++i) {
    worksheet_write_number(ws, i + 1, 0, i + 1, nullptr);
    worksheet_write_string(ws, i + 1, 1, report.remaining(i).c_str(), nullptr);
  }
}

// The Perjanjian Kinerja's targets: the province's and each satker's own, where it has one.
void TargetSheet(lxw_workbook* wb, const Formats& f, const Report& report) {
  lxw_worksheet* ws = AddSheet(wb, "Target", report);
  Header(ws, f, {"Kode IKK", "Indikator", "Satuan", "Satker", "Target"});
  worksheet_set_column(ws, 1, 1, 60, nullptr);
  worksheet_set_column(ws, 3, 3, 30, nullptr);
  int row = 1;
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      worksheet_write_string(ws, row, 0, ind.code().c_str(), nullptr);
      worksheet_write_string(ws, row, 1, ind.name().c_str(), nullptr);
      worksheet_write_string(ws, row, 2, ind.unit().c_str(), nullptr);
      worksheet_write_string(ws, row, 3, report.instansi().c_str(), f.total);
      WriteTarget(ws, row, 4, ind, f);
      ++row;
      for (const auto& line : ind.satker_rows()) {
        if (!line.row().has_target()) continue;
        worksheet_write_string(ws, row, 0, ind.code().c_str(), nullptr);
        worksheet_write_string(ws, row, 3, line.row().satker_name().c_str(), nullptr);
        WriteDecimal(ws, row, 4, line.row().target().value(), f.value);
        ++row;
      }
    }
  }
}

void SatkerSheet(lxw_workbook* wb, const Formats& f, const Report& report) {
  lxw_worksheet* ws = AddSheet(wb, "Per Satker", report);
  Header(ws, f,
         {"Kode IKK", "Satker", "Target", "Realisasi", "Capaian (%)", "Kategori", "Dihitung", "Sumber"});
  worksheet_set_column(ws, 1, 1, 30, nullptr);
  worksheet_set_column(ws, 7, 7, 50, nullptr);
  int row = 1;
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      for (const auto& line : ind.satker_rows()) {
        const auto& r = line.row();
        worksheet_write_string(ws, row, 0, ind.code().c_str(), nullptr);
        worksheet_write_string(ws, row, 1, r.satker_name().c_str(), nullptr);
        WriteDecimal(ws, row, 2, r.target().value(), f.value);
        WriteDecimal(ws, row, 3, r.value().value(), f.value);
        WriteDecimal(ws, row, 4, r.capaian().value(), f.percent);
        worksheet_write_string(ws, row, 5, r.missing() ? "belum ada nilai" : r.category().c_str(), nullptr);
        worksheet_write_string(ws, row, 6, r.counted() ? "ya" : "", nullptr);
        worksheet_write_string(ws, row, 7, r.provenance().source_document().c_str(), nullptr);
        ++row;
      }
    }
  }
}

void BandSheets(lxw_workbook* wb, const Formats& f, const Report& report) {
  for (const auto& set : report.band_sets()) {
    lxw_worksheet* ws = AddSheet(wb, set.band_set().substr(0, 31), report);
    worksheet_write_string(ws, 0, 0, set.title().c_str(), f.header);
    for (int c = 0; c < 3; ++c)
      worksheet_write_string(ws, 1, c, c == 0 ? "Capaian" : (c == 1 ? "Jumlah IKK" : "IKK"), f.header);
    worksheet_set_column(ws, 0, 0, 30, nullptr);
    worksheet_set_column(ws, 2, 2, 60, nullptr);
    int row = 2;
    for (const auto& r : set.rows()) {
      const std::string codes = absl::StrJoin(r.codes(), " ");
      worksheet_write_string(ws, row, 0, r.label().c_str(), nullptr);
      worksheet_write_number(ws, row, 1, r.count(), nullptr);
      worksheet_write_string(ws, row, 2, codes.c_str(), nullptr);
      ++row;
    }
  }
}

// A formula with the value lkip computed as its cached result: a spreadsheet shows the figure
// without recalculating, and recalculates it from the cells when one is edited.
void Formula(lxw_worksheet* ws, int row, int col, const std::string& formula, lxw_format* format,
             const std::string& exact) {
  auto d = Decimal::Parse(exact);
  worksheet_write_formula_num(ws, row, col, formula.c_str(), format, d.ok() ? d->ToDouble() : 0);
}

// One row: pagu and realisasi as recorded (the TOTAL row: their sums over the rows above, as
// formulas, `first`..`row - 1`), the percentage and sisa as formulas of them. Efisiensi is the
// keuangan service's (its rule is not a cell formula).
void BudgetRow(lxw_worksheet* ws, const Formats& f, int row, int no, const keuangan::v1::BudgetRow& r,
               bool total, int first) {
  lxw_format* text = total ? f.total : nullptr;
  lxw_format* money = total ? f.total_rupiah : f.rupiah;
  if (!total) worksheet_write_number(ws, row, 0, no, nullptr);
  worksheet_write_string(ws, row, 1, r.label().c_str(), text);
  if (total) {
    for (int col : {2, 3}) {
      Formula(ws, row, col, absl::StrCat("=SUM(", Cell(first, col), ":", Cell(row - 1, col), ")"), money,
              std::to_string(col == 2 ? r.pagu().amount() : r.realisasi().amount()));
    }
  } else {
    worksheet_write_number(ws, row, 2, static_cast<double>(r.pagu().amount()), money);
    worksheet_write_number(ws, row, 3, static_cast<double>(r.realisasi().amount()), money);
  }
  if (r.pagu().amount() != 0) {
    Formula(ws, row, 4, absl::StrCat("=", Cell(row, 3), "/", Cell(row, 2), "*100"), f.percent,
            r.realisasi_percent().value());
  } else {
    WriteDecimal(ws, row, 4, r.realisasi_percent().value(), f.percent);
  }
  Formula(ws, row, 5, absl::StrCat("=", Cell(row, 2), "-", Cell(row, 3)), money,
          std::to_string(r.sisa().amount()));
  WriteDecimal(ws, row, 6, r.efisiensi_percent().value(), f.percent);
}

void BudgetSheet(lxw_workbook* wb, const Formats& f, const Report& report, const char* name,
                 const char* first_column, const keuangan::v1::BudgetTable& table) {
  lxw_worksheet* ws = AddSheet(wb, name, report);
  Header(ws, f, {"No", first_column, "Pagu (Rp)", "Realisasi (Rp)", "%", "Sisa (Rp)", "Efisiensi (%)"});
  worksheet_set_column(ws, 1, 1, 50, nullptr);
  worksheet_set_column(ws, 2, 5, 18, nullptr);
  int row = 1;
  for (const auto& r : table.rows()) {
    BudgetRow(ws, f, row, row, r, false, 1);
    ++row;
  }
  BudgetRow(ws, f, row, 0, table.total(), true, 1);
}

}  // namespace

absl::Status WriteReportXlsx(const Report& report, const std::filesystem::path& path) {
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

  const std::string& title = report.title();
  lxw_doc_properties props{};
  props.title = const_cast<char*>(title.c_str());
  props.company = const_cast<char*>("Badan Narkotika Nasional");
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr) {
    int64_t seconds = 0;
    if (absl::SimpleAtoi(epoch, &seconds) && seconds > 0) props.created = static_cast<time_t>(seconds);
  }
  workbook_set_properties(wb, &props);

  DraftSheet(wb, f, report);
  CapaianSheet(wb, f, report);
  TargetSheet(wb, f, report);
  SatkerSheet(wb, f, report);
  BandSheets(wb, f, report);
  if (report.anggaran().available()) {
    const auto& tables = report.anggaran().tables();
    BudgetSheet(wb, f, report, "Anggaran Program", "Program", tables.per_program());
    BudgetSheet(wb, f, report, "Anggaran Satker", "Satker", tables.per_satker());
    BudgetSheet(wb, f, report, "Anggaran Kegiatan", "Kegiatan", tables.per_kegiatan());
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string(), ": ", lxw_strerror(e)));
  }
  return absl::OkStatus();
}

}  // namespace lkip::render
