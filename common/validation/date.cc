#include "common/validation/date.h"

#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status/macros.h"
#include "common/validation/fields.h"

namespace lkip {

bool IsUnset(const common::v1::Date& date) {
  return date.year() == 0 && date.month() == 0 && date.day() == 0;
}

bool Earlier(const common::v1::Date& a, const common::v1::Date& b) {
  return std::make_tuple(a.year(), a.month(), a.day()) < std::make_tuple(b.year(), b.month(), b.day());
}

std::string DateText(const common::v1::Date& date) {
  if (IsUnset(date)) return "";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

common::v1::Date DateFromIso(std::string_view iso) {
  common::v1::Date date;
  std::vector<absl::string_view> parts = absl::StrSplit(absl::string_view(iso.data(), iso.size()), '-');
  int year = 0;
  int month = 0;
  int day = 0;
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].size() != 2 || parts[2].size() != 2 ||
      !absl::SimpleAtoi(parts[0], &year) || !absl::SimpleAtoi(parts[1], &month) ||
      !absl::SimpleAtoi(parts[2], &day)) {
    return date;
  }
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

absl::StatusOr<std::string> CheckDate(absl::string_view path, const common::v1::Date& date) {
  if (IsUnset(date)) return InvalidField(path, "not given (year, month and day)");
  std::string text = DateText(date);
  if (!IsIsoDate(text)) return InvalidField(path, absl::StrCat(text, " is not a calendar date"));
  return text;
}

absl::StatusOr<std::string> CheckFiscalDate(absl::string_view path, const common::v1::Date& date,
                                            int fiscal_year) {
  ASSIGN_OR_RETURN(std::string text, CheckDate(path, date));
  const int first = fiscal_year - kFiscalDateWindowYears, last = fiscal_year + kFiscalDateWindowYears;
  if (date.year() < first || date.year() > last) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", text, " is outside ", first, "..", last,
                                                   ", the years around fiscal year ", fiscal_year));
  }
  return text;
}

absl::StatusOr<std::string> CheckOptionalDate(absl::string_view path, const common::v1::Date& date) {
  if (IsUnset(date)) return std::string();
  return CheckDate(path, date);
}

YearWindow RecordYears() {
  const int this_year = static_cast<int>(absl::ToCivilYear(absl::Now(), absl::UTCTimeZone()).year());
  return YearWindow{kFirstRecordYear, this_year + 1};
}

std::string OutsideRecordYears(int year) {
  const YearWindow w = RecordYears();
  if (year >= w.first && year <= w.last) return "";
  return absl::StrCat("is outside ", w.first, "..", w.last, ", the years a record may carry");
}

absl::StatusOr<std::string> CheckRecordDate(absl::string_view path, const common::v1::Date& date) {
  ASSIGN_OR_RETURN(std::string text, CheckDate(path, date));
  if (std::string outside = OutsideRecordYears(date.year()); !outside.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", text, " ", outside));
  }
  return text;
}

absl::StatusOr<std::string> CheckOptionalRecordDate(absl::string_view path, const common::v1::Date& date) {
  if (IsUnset(date)) return std::string();
  return CheckRecordDate(path, date);
}

}  // namespace lkip
