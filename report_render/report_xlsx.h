// Every table of the LKIP document as a workbook (libxlsxwriter): the capaian table, the
// per-satker values of each IKK, the band tables and the three budget tables. Written from the
// same typed report as the HTML, so a sheet and the document cannot disagree. Figures are numeric cells
// (rupiah as whole numbers, other values from their exact decimals) with display formats.
#pragma once

#include <filesystem>

#include "absl/status/status.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::render {

// The workbook's creation time is SOURCE_DATE_EPOCH when set (for reproducible builds), else now.
absl::Status WriteReportXlsx(const report::v1::Report& report, const std::filesystem::path& path);

}  // namespace lkip::render
