// CSV as lkip writes it (RFC 4180, CRLF line ends), in its two dialects: Indonesian, for
// spreadsheets set to Indonesian (';' between fields, figures as the report prints them: decimal
// comma, thousands dots, two places), and ISO (',' between fields, a decimal point, no thousands
// separator, an exact figure in full and one without a finite expansion to six places). Rupiah
// are whole numbers without separators in both, so no spreadsheet reads them as decimals.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lkip/common/v1/common.pb.h"

namespace lkip::render {

struct CsvDialect {
  char separator;
  bool indonesian;
  absl::string_view name;  // "id", "iso": how requests and file names spell it
};
inline constexpr CsvDialect kCsvIndonesian{';', true, "id"};
inline constexpr CsvDialect kCsvIso{',', false, "iso"};

// "id" or "iso" (empty: Indonesian); INVALID_ARGUMENT naming `field` and the value otherwise.
absl::StatusOr<CsvDialect> CsvDialectNamed(absl::string_view name, absl::string_view field);

// One record: a field holding the separator, a quote or a line break quoted, quotes doubled.
std::string CsvLine(const std::vector<std::string>& fields, const CsvDialect& dialect);

// An exact figure in the dialect; "" for an empty one.
std::string CsvNumber(const common::v1::Decimal& value, const CsvDialect& dialect);
// A target: its value, or "low - high" for a range.
std::string CsvTarget(const common::v1::Target& target, const CsvDialect& dialect);

}  // namespace lkip::render
