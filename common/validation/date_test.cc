#include "common/validation/date.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/validation/fields.h"

namespace lkip {
namespace {

TEST(DateTest, WritesAndReadsIsoText) {
  common::v1::Date date;
  date.set_year(2023);
  date.set_month(5);
  date.set_day(2);
  EXPECT_EQ(DateText(date), "2023-05-02");
  common::v1::Date back = DateFromIso("2023-05-02");
  EXPECT_EQ(back.year(), 2023);
  EXPECT_EQ(back.month(), 5);
  EXPECT_EQ(back.day(), 2);
}

TEST(DateTest, AnUnsetDateIsEmptyTextBothWays) {
  EXPECT_EQ(DateText(common::v1::Date()), "");
  EXPECT_TRUE(IsUnset(DateFromIso("")));
  EXPECT_TRUE(IsUnset(DateFromIso("2 Mei 2023")));
  EXPECT_TRUE(IsUnset(DateFromIso("2023-5-2")));
  EXPECT_FALSE(IsUnset(DateFromIso("2023-05-02")));
}

// A day the calendar lacks keeps its parts in the text, so the field check refuses what was sent.
TEST(DateTest, ADayTheCalendarLacksIsWrittenAsSentAndRefused) {
  common::v1::Date date;
  date.set_year(2023);
  date.set_month(2);
  date.set_day(30);
  EXPECT_EQ(DateText(date), "2023-02-30");
  EXPECT_FALSE(IsIsoDate(DateText(date)));
  date.set_month(13);
  date.set_day(1);
  EXPECT_FALSE(IsIsoDate(DateText(date)));
  date.set_year(-1);
  date.set_month(1);
  EXPECT_FALSE(IsIsoDate(DateText(date)));
}

TEST(DateTest, CheckDateNamesTheFieldAndWhatWasSent) {
  common::v1::Date date = DateFromIso("2023-05-02");
  EXPECT_EQ(*CheckDate("changes[2].date", date), "2023-05-02");
  date.set_day(32);
  absl::StatusOr<std::string> refused = CheckDate("changes[2].date", date);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(), "changes[2].date: 2023-05-32 is not a calendar date");
  EXPECT_EQ(CheckDate("date", common::v1::Date()).status().message(),
            "date: not given (year, month and day)");
  EXPECT_EQ(*CheckOptionalDate("custody_end", common::v1::Date()), "");
  EXPECT_FALSE(CheckOptionalDate("custody_end", date).ok());
}

TEST(DateTest, AFiscalDateLiesWithinAYearOfItsFiscalYear) {
  EXPECT_EQ(*CheckFiscalDate("date", DateFromIso("2022-01-01"), 2023), "2022-01-01");
  EXPECT_EQ(*CheckFiscalDate("date", DateFromIso("2024-12-31"), 2023), "2024-12-31");
  EXPECT_EQ(CheckFiscalDate("date", DateFromIso("9999-12-31"), 2023).status().message(),
            "date: 9999-12-31 is outside 2022..2024, the years around fiscal year 2023");
  EXPECT_EQ(CheckFiscalDate("lines[0].date", DateFromIso("2021-12-31"), 2023).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckFiscalDate("date", DateFromIso("2023-02-30"), 2023).status().message(),
            "date: 2023-02-30 is not a calendar date");
}

TEST(DateTest, ARecordWithoutAFiscalYearLiesFrom2000ToTheYearAfterToday) {
  const YearWindow w = RecordYears();
  EXPECT_EQ(w.first, 2000);
  const int this_year = static_cast<int>(absl::ToCivilYear(absl::Now(), absl::UTCTimeZone()).year());
  EXPECT_EQ(w.last, this_year + 1);
  EXPECT_EQ(*CheckRecordDate("date", DateFromIso("2000-01-01")), "2000-01-01");
  common::v1::Date last;
  last.set_year(w.last);
  last.set_month(12);
  last.set_day(31);
  EXPECT_TRUE(CheckRecordDate("date", last).ok());
  last.set_year(w.last + 1);
  last.set_month(1);
  last.set_day(1);
  EXPECT_EQ(CheckRecordDate("changes[3].date", last).status().message(),
            absl::StrCat("changes[3].date: ", w.last + 1, "-01-01 is outside 2000..", w.last,
                         ", the years a record may carry"));
  EXPECT_EQ(CheckRecordDate("date", DateFromIso("1999-12-31")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CheckRecordDate("date", DateFromIso("2023-02-30")).status().message(),
            "date: 2023-02-30 is not a calendar date");
  EXPECT_EQ(*CheckOptionalRecordDate("custody_end", common::v1::Date()), "");
  EXPECT_FALSE(CheckOptionalRecordDate("custody_end", DateFromIso("9999-12-31")).ok());
  EXPECT_EQ(OutsideRecordYears(2023), "");
  EXPECT_NE(OutsideRecordYears(9999), "");
}

}  // namespace
}  // namespace lkip
