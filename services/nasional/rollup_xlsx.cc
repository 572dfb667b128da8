#include "services/nasional/rollup_xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/numeric/decimal.h"

namespace lkip::nasional {
namespace {

void Number(lxw_worksheet* ws, int row, int col, const common::v1::Decimal& d, lxw_format* format) {
  if (d.value().empty()) return;
  if (absl::StatusOr<Decimal> v = Decimal::Parse(d.value()); v.ok())
    worksheet_write_number(ws, row, col, v->ToDouble(), format);
}

void Text(lxw_worksheet* ws, int row, int col, const std::string& text) {
  worksheet_write_string(ws, row, col, text.c_str(), nullptr);
}

void Header(lxw_worksheet* ws, lxw_format* bold, const std::vector<std::string>& titles) {
  for (size_t c = 0; c < titles.size(); ++c) worksheet_write_string(ws, 0, c, titles[c].c_str(), bold);
  worksheet_freeze_panes(ws, 1, 0);
}

// A file of its own under the system's temporary folder, removed when this goes.
class ScratchFile {
 public:
  ScratchFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lkip-nasional-XXXXXX.xlsx").string();
    const int fd = mkstemps(pattern.data(), 5);
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~ScratchFile() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

absl::StatusOr<std::string> RollUpWorkbook(const v1::RollUp& roll_up) {
  ScratchFile scratch;
  if (scratch.path().empty()) return absl::UnavailableError("cannot create a scratch file for nasional.xlsx");
  lxw_workbook* wb = workbook_new(scratch.path().c_str());
  if (wb == nullptr) return absl::UnavailableError(absl::StrCat("cannot create ", scratch.path()));
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xE8E8E8);
  format_set_text_wrap(bold);
  lxw_format* two = workbook_add_format(wb);
  format_set_num_format(two, "#,##0.00");
  lxw_format* general = workbook_add_format(wb);
  format_set_num_format(general, "General");

  lxw_worksheet* table = workbook_add_worksheet(wb, "Tabel nasional");
  Header(
      table, bold,
      {"Kode IKK", "Indikator", "Satuan", "Kode provinsi", "Provinsi", "Target", "Realisasi", "Capaian (%)",
       "Pita " + roll_up.band_set(), "Peringkat", "Basi", "Nilai nasional", "Aturan nilai nasional"});
  worksheet_set_column(table, 1, 1, 50, nullptr);
  worksheet_set_column(table, 4, 4, 24, nullptr);
  worksheet_set_column(table, 12, 12, 40, nullptr);
  int row = 1;
  for (const v1::NationalIndicator& ind : roll_up.indicators()) {
    for (const v1::ProvinceFigure& f : ind.provinces()) {
      Text(table, row, 0, ind.code());
      Text(table, row, 1, ind.name());
      Text(table, row, 2, ind.unit());
      Text(table, row, 3, f.province_code());
      Text(table, row, 4, f.name());
      if (f.target().has_value()) {
        Number(table, row, 5, f.target().value(), general);
      } else {
        Text(table, row, 5, f.target_display());
      }
      Number(table, row, 6, f.realisasi(), general);
      if (f.capaian_available()) {
        Number(table, row, 7, f.capaian(), two);
        worksheet_write_number(table, row, 9, f.rank(), nullptr);
      } else {
        Text(table, row, 7, "NA");
      }
      Text(table, row, 8, f.band());
      Text(table, row, 10, f.stale() ? "ya" : "tidak");
      if (ind.national().available()) Number(table, row, 11, ind.national().value(), general);
      Text(table, row, 12, ind.national().rule());
      ++row;
    }
  }

  lxw_worksheet* status = workbook_add_worksheet(wb, "Status provinsi");
  Header(status, bold,
         {"Kode provinsi", "Provinsi", "Ditarik (UTC)", "Status persetujuan", "Aturan",
          "Temuan ERROR verifikator", "Basi", "Alasan"});
  worksheet_set_column(status, 7, 7, 60, nullptr);
  row = 1;
  for (const v1::SnapshotInfo& p : roll_up.provinces()) {
    Text(status, row, 0, p.province_code());
    Text(status, row, 1, p.name());
    Text(status, row, 2, p.has_snapshot() ? p.pulled_at() : "belum pernah");
    Text(status, row, 3, p.approval_label());
    Text(status, row, 4, p.rule_set_version());
    if (p.has_snapshot()) worksheet_write_number(status, row, 5, p.verifier_errors(), nullptr);
    Text(status, row, 6, p.stale() ? "ya" : "tidak");
    Text(status, row, 7, p.stale_reason());
    ++row;
  }

  lxw_worksheet* ranking = workbook_add_worksheet(wb, "Peringkat");
  Header(ranking, bold,
         {"Peringkat", "Kode provinsi", "Provinsi", "Rata-rata capaian (%)", "Jumlah IKK", "Basi"});
  row = 1;
  for (const v1::ProvinceRank& r : roll_up.ranking()) {
    if (r.rank() > 0) worksheet_write_number(ranking, row, 0, r.rank(), nullptr);
    Text(ranking, row, 1, r.province_code());
    Text(ranking, row, 2, r.name());
    Number(ranking, row, 3, r.mean_capaian(), two);
    worksheet_write_number(ranking, row, 4, r.ikk_counted(), nullptr);
    Text(ranking, row, 5, r.stale() ? "ya" : "tidak");
    ++row;
  }
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR)
    return absl::UnavailableError(absl::StrCat("cannot write nasional.xlsx: ", lxw_strerror(e)));
  return ReadText(scratch.path());
}

}  // namespace lkip::nasional
