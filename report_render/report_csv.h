// The report's tables as CSV, for spreadsheets and other systems (docs/integration.md, "CSV"):
// capaian (one row per IKK: target, realisasi, capaian and its band in each band set), satker
// (one row per IKK and satker: target, value, category, whether counted, where the value comes
// from) and anggaran (the three budget tables, their TOTAL rows included). Each in both dialects
// (csv_table.h): Indonesian with the figures as the report prints them, ISO from the exact ones.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lkip/report/v1/report.pb.h"
#include "report_render/csv_table.h"

namespace lkip::render {

// The tables' names, as requests and file names spell them.
inline constexpr const char* kReportCsvTables[] = {"capaian", "satker", "anggaran"};

// OK when `name` is one of kReportCsvTables; INVALID_ARGUMENT naming `field` and the name otherwise.
absl::Status CheckReportCsvTable(absl::string_view name, absl::string_view field = "table");

// The table `name` of `report`; INVALID_ARGUMENT naming `field` and the name when it is none of
// kReportCsvTables.
absl::StatusOr<std::string> ReportCsv(const report::v1::Report& report, absl::string_view name,
                                      const CsvDialect& dialect, absl::string_view field = "table");

// Its file name: "capaian-BNNP_NTB-2023.csv", "capaian-BNNP_NTB-2023-iso.csv".
std::string ReportCsvFileName(const report::v1::Report& report, absl::string_view name,
                              const CsvDialect& dialect);

}  // namespace lkip::render
