// The API's calendar day (lkip.common.v1.Date) and the ISO text ("2023-05-02") that stored
// records and domain types keep. A service turns an API date into text with DateText and checks
// it with IsIsoDate, so a day the calendar does not have is refused by the same check as before;
// it answers stored text with DateFromIso.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lkip/common/v1/common.pb.h"

namespace lkip {

// "YYYY-MM-DD" for a set date, even one the calendar does not have (2023-02-30), so the caller's
// check names what was sent; "" for an unset date (every part zero), as an optional date
// (custody_end while held) was empty text before it was a message.
std::string DateText(const common::v1::Date& date);

// The date that `iso` ("2023-05-02") writes; an unset date for "" and for text that is not
// YYYY-MM-DD with numeric parts (callers check IsIsoDate first where the text comes from a user).
common::v1::Date DateFromIso(std::string_view iso);

// `a` is a day before `b` (an unset date first), for sorting API messages by date.
bool Earlier(const common::v1::Date& a, const common::v1::Date& b);

// Every part zero: the date was not given.
bool IsUnset(const common::v1::Date& date);

// The ISO text of a day the calendar has, or INVALID_ARGUMENT naming the field and what was sent
// ("changes[2].date: 2023-02-30 is not a calendar date"; "date: not given").
absl::StatusOr<std::string> CheckDate(absl::string_view path, const common::v1::Date& date);

// How far from its fiscal year a record's date may lie: a year before (a DIPA issued in December,
// a case carried over) and a year after (a late berita acara, the report signed in the next
// year). A date outside is a typing error (9999-12-31), refused before it is stored.
inline constexpr int kFiscalDateWindowYears = 1;

// As CheckDate, and the day must lie within kFiscalDateWindowYears of `fiscal_year`
// ("date: 9999-12-31 is outside 2022..2024, the years around fiscal year 2023").
absl::StatusOr<std::string> CheckFiscalDate(absl::string_view path, const common::v1::Date& date,
                                            int fiscal_year);

// As CheckDate, with "" for an unset date (an optional date: custody_end while still held).
absl::StatusOr<std::string> CheckOptionalDate(absl::string_view path, const common::v1::Date& date);

// Records that belong to no fiscal year (a case-file stage, a custody, a berita acara, a
// kawasan's status change, a WHOQOL form, a register entry) lie from kFirstRecordYear to the year
// after today (the server's clock, UTC): an event is recorded after it happens, and a year of
// slack covers a clock or a time zone. A date outside is a typing error (9999-12-31, 2203-05-01),
// refused before it is stored.
inline constexpr int kFirstRecordYear = 2000;
struct YearWindow {
  int first;
  int last;
};
YearWindow RecordYears();

// As CheckDate, and the day must lie within RecordYears()
// ("date: 9999-12-31 is outside 2000..2027, the years a record may carry").
absl::StatusOr<std::string> CheckRecordDate(absl::string_view path, const common::v1::Date& date);
// As CheckRecordDate, with "" for an unset date.
absl::StatusOr<std::string> CheckOptionalRecordDate(absl::string_view path, const common::v1::Date& date);
// The reason a record's year lies outside RecordYears() ("is outside 2000..2027, ..."), empty when
// it lies inside: for importers that report row errors themselves.
std::string OutsideRecordYears(int year);

}  // namespace lkip
