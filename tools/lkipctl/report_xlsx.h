// Every table of the LKIP document as a workbook (libxlsxwriter): the capaian table, the
// per-satker values of each IKK, the band tables and the three budget tables. Written from the
// same view as the HTML, so a sheet and the document cannot disagree. Figures are numeric cells
// (rupiah as whole numbers, other values from their exact decimals) with display formats.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"

namespace lkip::ctl {

// `view` is ReportJson's. The workbook's creation time is SOURCE_DATE_EPOCH when set (for
// reproducible builds), else now.
absl::Status WriteReportXlsx(const nlohmann::ordered_json& view, const std::filesystem::path& path);

}  // namespace lkip::ctl
