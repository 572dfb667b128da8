// The roll-up as files (lkipctl nasional writes them; RenderRollUp serves them): nasional.json,
// the RollUp in protobuf's JSON mapping; the national table as CSV in two dialects, one row per
// IKK and province: nasional.csv for Indonesian spreadsheets (';', decimal comma, as the report
// prints) and nasional-iso.csv (',', decimal point, no thousands separator); nasional.xlsx (the
// same rows, the provinces' status and the ranking, figures as numeric cells from their exact
// decimals) and nasional.html (the template nasional.html.mustache).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lkip/nasional/v1/nasional.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::nasional {

// The files of `formats` (none: every format), each with its SHA-256. `html_template`: the text of
// nasional.html.mustache. INVALID_ARGUMENT when the template does not parse; UNAVAILABLE when
// the workbook cannot be written to its scratch file.
absl::StatusOr<std::vector<report::v1::RenderedFile>> RollUpFiles(
    const v1::RollUp& roll_up, const std::vector<v1::RollUpFormat>& formats,
    const std::string& html_template);

}  // namespace lkip::nasional
