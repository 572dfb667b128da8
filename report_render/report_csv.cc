#include "report_render/report_csv.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/status/macros.h"

namespace lkip::render {
namespace {

std::string UnitLevelName(common::v1::UnitLevel level) {
  switch (level) {
    case common::v1::UNIT_LEVEL_PUSAT:
      return "pusat";
    case common::v1::UNIT_LEVEL_PROVINSI:
      return "provinsi";
    case common::v1::UNIT_LEVEL_KABUPATEN_KOTA:
      return "kabupaten/kota";
    default:
      return "";
  }
}

std::string SourceName(common::v1::ProvenanceKind kind) {
  switch (kind) {
    case common::v1::PROVENANCE_KIND_RECORDED:
      return "dicatat";
    case common::v1::PROVENANCE_KIND_IMPORTED:
      return "diimpor";
    case common::v1::PROVENANCE_KIND_COMPUTED:
      return "dihitung";
    default:
      return "";
  }
}

std::string RecordedAt(const common::v1::Provenance& p) {
  if (!p.has_recorded_at()) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(p.recorded_at().seconds()),
                          absl::UTCTimeZone());
}

// A figure the report displays: in the Indonesian dialect exactly as the report prints it, in
// ISO from the exact value.
std::string Shown(const common::v1::Decimal& exact, const std::string& display, const CsvDialect& d) {
  return d.indonesian ? display : CsvNumber(exact, d);
}

std::string Capaian(const report::v1::Report& report, const CsvDialect& d) {
  // The band of each IKK in each band set, from the band tables.
  std::vector<std::string> sets;
  std::map<std::pair<std::string, std::string>, std::string> band;  // (set, IKK) -> label
  for (const auto& counts : report.band_sets()) {
    sets.push_back(counts.band_set());
    for (const auto& row : counts.rows())
      for (const auto& code : row.codes()) band[{counts.band_set(), code}] = row.label();
  }
  std::vector<std::string> header = {"tahun",          "kode_provinsi", "sasaran", "kode_ikk",
                                     "nama_ikk",       "satuan",        "target",  "realisasi",
                                     "capaian_persen", "terverifikasi"};
  for (const auto& s : sets) header.push_back(absl::StrCat("pita_", s));
  std::string out = CsvLine(header, d);
  const std::string year = std::to_string(report.fiscal_year());
  for (const auto& sasaran : report.sasaran()) {
    for (const auto& ind : sasaran.indicators()) {
      std::vector<std::string> row = {
          year,
          report.province_code(),
          std::to_string(sasaran.number()),
          ind.code(),
          ind.name(),
          ind.unit(),
          d.indonesian ? ind.target_display() : CsvTarget(ind.target(), d),
          ind.available() ? Shown(ind.realisasi(), ind.realisasi_display(), d) : "",
          ind.capaian_available() ? Shown(ind.capaian(), ind.capaian_display(), d) : "NA",
          ind.verified() ? "ya" : "tidak"};
      for (const auto& s : sets) {
        auto it = band.find({s, ind.code()});
        row.push_back(it == band.end() ? "" : it->second);
      }
      out += CsvLine(row, d);
    }
  }
  return out;
}

std::string Satker(const report::v1::Report& report, const CsvDialect& d) {
  std::string out =
      CsvLine({"tahun", "kode_provinsi", "kode_ikk", "kode_satker", "nama_satker", "tingkat", "target",
               "nilai", "kategori", "dihitung", "sumber", "dokumen_sumber", "dicatat_oleh", "dicatat_pada"},
              d);
  const std::string year = std::to_string(report.fiscal_year());
  for (const auto& sasaran : report.sasaran()) {
    for (const auto& ind : sasaran.indicators()) {
      for (const auto& line : ind.satker_rows()) {
        const auto& r = line.row();
        out += CsvLine(
            {year, report.province_code(), ind.code(), r.satker_code(), r.satker_name(),
             UnitLevelName(r.level()), CsvNumber(r.target(), d), Shown(r.value(), line.value_display(), d),
             r.category(), r.counted() ? "ya" : "tidak", SourceName(r.provenance().kind()),
             r.provenance().source_document(), r.provenance().actor(), RecordedAt(r.provenance())},
            d);
      }
    }
  }
  return out;
}

std::string Anggaran(const report::v1::Report& report, const CsvDialect& d) {
  std::string out = CsvLine({"tahun", "kode_provinsi", "tabel", "kode", "uraian", "pagu", "realisasi",
                             "realisasi_persen", "sisa", "efisiensi_persen"},
                            d);
  const std::string year = std::to_string(report.fiscal_year());
  const auto& tables = report.anggaran().tables();
  auto add = [&](const std::string& table, const keuangan::v1::BudgetRow& r, const std::string& code) {
    out += CsvLine({year, report.province_code(), table, code, r.label(), std::to_string(r.pagu().amount()),
                    std::to_string(r.realisasi().amount()), CsvNumber(r.realisasi_percent(), d),
                    std::to_string(r.sisa().amount()), CsvNumber(r.efisiensi_percent(), d)},
                   d);
  };
  for (const auto& [table, rows] :
       {std::pair{"program", &tables.per_program()}, std::pair{"satker", &tables.per_satker()},
        std::pair{"kegiatan", &tables.per_kegiatan()}}) {
    for (const auto& r : rows->rows()) add(table, r, r.code());
    if (rows->has_total()) add(table, rows->total(), "JUMLAH");
  }
  return out;
}

}  // namespace

absl::Status CheckReportCsvTable(absl::string_view name, absl::string_view field) {
  for (const char* table : kReportCsvTables)
    if (name == table) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": \"", name, "\" is not a table: ", absl::StrJoin(kReportCsvTables, ", ")));
}

absl::StatusOr<std::string> ReportCsv(const report::v1::Report& report, absl::string_view name,
                                      const CsvDialect& dialect, absl::string_view field) {
  RETURN_IF_ERROR(CheckReportCsvTable(name, field));
  if (name == "capaian") return Capaian(report, dialect);
  if (name == "anggaran") {
    if (!report.anggaran().available())
      return absl::FailedPreconditionError(absl::StrCat("anggaran: the budget tables are unavailable: ",
                                                        report.anggaran().unavailable_reason()));
    return Anggaran(report, dialect);
  }
  return Satker(report, dialect);  // the last of kReportCsvTables, checked above
}

std::string ReportCsvFileName(const report::v1::Report& report, absl::string_view name,
                              const CsvDialect& dialect) {
  return absl::StrCat(name, "-", report.province_code(), "-", report.fiscal_year(),
                      dialect.indonesian ? "" : "-iso", ".csv");
}

}  // namespace lkip::render
