// The roll-up as a workbook (libxlsxwriter): the national table (one row per IKK and province,
// with the national value), the provinces' status and the ranking; figures are numeric cells
// from their exact decimals.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "lkip/nasional/v1/nasional.pb.h"

namespace lkip::nasional {

// The .xlsx file's bytes; UNAVAILABLE when its scratch file cannot be written.
absl::StatusOr<std::string> RollUpWorkbook(const v1::RollUp& roll_up);

}  // namespace lkip::nasional
