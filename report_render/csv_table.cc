#include "report_render/csv_table.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"

namespace lkip::render {

absl::StatusOr<CsvDialect> CsvDialectNamed(absl::string_view name, absl::string_view field) {
  if (name.empty() || name == kCsvIndonesian.name) return kCsvIndonesian;
  if (name == kCsvIso.name) return kCsvIso;
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": \"", name, "\" is not a CSV dialect: \"id\" (';', decimal comma) or \"iso\" (',', '.')"));
}

std::string CsvLine(const std::vector<std::string>& fields, const CsvDialect& dialect) {
  const std::string special{dialect.separator, '"', '\n', '\r'};
  std::vector<std::string> quoted;
  quoted.reserve(fields.size());
  for (const std::string& f : fields) {
    if (f.find_first_of(special) == std::string::npos) {
      quoted.push_back(f);
    } else {
      quoted.push_back(absl::StrCat("\"", absl::StrReplaceAll(f, {{"\"", "\"\""}}), "\""));
    }
  }
  return absl::StrCat(absl::StrJoin(quoted, std::string(1, dialect.separator)), "\r\n");
}

std::string CsvNumber(const common::v1::Decimal& d, const CsvDialect& dialect) {
  if (d.value().empty()) return "";
  if (dialect.indonesian) return DisplayIndonesian(d.value());
  absl::StatusOr<Decimal> v = Decimal::Parse(d.value());
  if (!v.ok()) return d.value();
  return v->IsTerminating() ? v->ToExactString() : v->ToFixed(6);
}

std::string CsvTarget(const common::v1::Target& t, const CsvDialect& dialect) {
  if (t.has_range())
    return absl::StrCat(CsvNumber(t.range().low(), dialect), " - ", CsvNumber(t.range().high(), dialect));
  return CsvNumber(t.value(), dialect);
}

}  // namespace lkip::render
