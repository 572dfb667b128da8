// The rounded text is Decimal's, figure for figure: on the report's own figures, on every
// half-way case, on random fractions and decimals, and on text too long for 128 bits.
#include "common/numeric/rounded_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"

namespace lkip {
namespace {

void ExpectSameAsDecimal(const std::string& exact) {
  const Decimal d = *Decimal::Parse(exact);
  for (int places = 0; places <= 4; ++places) {
    EXPECT_EQ(*RoundedFixed(exact, places), d.ToFixed(places)) << exact << " places " << places;
    EXPECT_EQ(*RoundedIndonesian(exact, places), d.ToIndonesian(places)) << exact << " places " << places;
  }
}

TEST(RoundedTextTest, ReportFigures) {
  EXPECT_EQ(*RoundedIndonesian("2166772921/21770226", 2), "99,53");
  EXPECT_EQ(*RoundedFixed("400/3", 2), "133.33");
  EXPECT_EQ(*RoundedIndonesian("16375654700", 0), "16.375.654.700");
  EXPECT_EQ(*RoundedIndonesian("-0.004", 2), "0,00") << "zero has no sign";
  EXPECT_EQ(*RoundedFixed("-0.005", 2), "-0.01") << "half away from zero";
  for (const char* s :
       {"150", "400/3", "2400/23", "1375/18", "8793/92", "87.93", "116.24", "0", "-2.5", ".5", "+7",
        "1108358019/11166412", "34082467/341220", "99.995", "-99.995", "0.0049999", "999999999999999999"}) {
    ExpectSameAsDecimal(s);
  }
}

// One IKK's figures share their decimals: each figure's own, and any figure with a given number.
TEST(RoundedTextTest, PlacesOfAFigureAndAFigureWithGivenPlaces) {
  EXPECT_EQ(DisplayPlaces("53.50"), 1);
  EXPECT_EQ(WrittenPlaces("53.50"), 2);  // as written, trailing zeros kept
  EXPECT_EQ(WrittenPlaces("102"), 0);
  EXPECT_EQ(DisplayPlaces("2.88"), 2);
  EXPECT_EQ(DisplayPlaces("1375/18"), 2);
  EXPECT_EQ(DisplayPlaces("16468319000"), 0);
  EXPECT_EQ(DisplayPlaces("3.305"), 3);
  EXPECT_EQ(DisplayPlaces("tiga"), -1);
  EXPECT_EQ(DisplayIndonesian("53.5", 2), "53,50");
  EXPECT_EQ(DisplayIndonesian("3.305", 2), "3,31");
  EXPECT_EQ(DisplayIndonesian("1375/18", 0), "76");
  EXPECT_EQ(DisplayIndonesian("53.5", -1), "53,5");
  EXPECT_EQ(DisplayIndonesian("tiga", 2), "tiga");
}

TEST(RoundedTextTest, RandomFractionsAndDecimalsAgreeWithDecimal) {
  std::mt19937_64 rng(20231231);
  std::uniform_int_distribution<int64_t> num(-999999999999, 999999999999);
  std::uniform_int_distribution<int64_t> den(1, 99999999);
  for (int i = 0; i < 2000; ++i) {
    const int64_t n = num(rng), d = den(rng);
    ExpectSameAsDecimal(absl::StrCat(n, "/", d).insert(0, n < 0 ? "" : (i % 2 ? "+" : "")));
    const std::string whole = std::to_string(n / 1000);
    ExpectSameAsDecimal(absl::StrCat(whole, ".", std::to_string(d).substr(0, 1 + i % 8)));
  }
  // Exact halves at each number of places.
  for (const char* s :
       {"0.5", "1.5", "2.5", "0.05", "0.125", "0.0005", "-0.5", "12345.00005", "1/8", "-1/8", "3/16"}) {
    ExpectSameAsDecimal(s);
  }
}

TEST(RoundedTextTest, LongTextFallsBackToDecimalAndBadTextIsRefused) {
  // 40 digits: beyond 128-bit arithmetic, still Decimal's answer.
  ExpectSameAsDecimal("1234567890123456789012345678901234567890/7");
  ExpectSameAsDecimal("0.1234567890123456789012345");
  for (const char* bad : {"", "-", "1/0", "abc", "1.", "/3", "3/", "1,5", "1.2.3"}) {
    EXPECT_FALSE(RoundedFixed(bad, 2).ok()) << bad;
    EXPECT_FALSE(RoundedIndonesian(bad, 2).ok()) << bad;
  }
}

}  // namespace
}  // namespace lkip
