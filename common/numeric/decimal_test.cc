#include "common/numeric/decimal.h"

#include <gtest/gtest.h>

namespace lkip {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

TEST(DecimalTest, ParsesExactDecimalsAndFractions) {
  EXPECT_EQ(D("2.88").ToExactString(), "2.88");
  EXPECT_EQ(D("53.50").ToExactString(), "53.5");
  EXPECT_EQ(D("-7").ToExactString(), "-7");
  EXPECT_EQ(D(".5").ToExactString(), "0.5");
  EXPECT_EQ(D("400/3").ToExactString(), "400/3");
  EXPECT_EQ(D("6/4").ToExactString(), "1.5");
}

TEST(DecimalTest, ToDoubleIsTheNearestDoubleNotATruncation) {
  // GMP's get_d truncates toward zero: 94.12 became 94.11999999999999 in the workbook.
  EXPECT_EQ(Decimal::Parse("94.12")->ToDouble(), 94.12);
  EXPECT_EQ(Decimal::Parse("2353/25")->ToDouble(), 94.12);
  EXPECT_EQ(Decimal::Parse("-0.1")->ToDouble(), -0.1);
  EXPECT_EQ(Decimal::Parse("400/3")->ToDouble(), 400.0 / 3.0);
  EXPECT_EQ(Decimal::Parse("16468319000")->ToDouble(), 16468319000.0);
}

TEST(DecimalTest, RejectsWhatIsNotANumber) {
  for (const char* bad : {"", "-", "1.", "1,5", "abc", "1e5", "1/0", "1.2.3", "NaN", " 1"}) {
    EXPECT_FALSE(Decimal::Parse(bad).ok()) << bad;
  }
}

TEST(DecimalTest, AStoredValueThatIsNotADecimalIsDataLoss) {
  EXPECT_EQ(*Decimal::ParseStored("12.5", "satker value"), Decimal(25) / Decimal(2));
  const auto bad = Decimal::ParseStored("12,5x", "satker value BNNK_BIMA");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("satker value BNNK_BIMA"), std::string::npos) << bad.status();
}

TEST(DecimalTest, ParsesIndonesianNotation) {
  EXPECT_EQ(Decimal::ParseLocalized("3,81")->ToExactString(), "3.81");
  EXPECT_EQ(Decimal::ParseLocalized("16.468.319.000")->ToExactString(), "16468319000");
  EXPECT_EQ(Decimal::ParseLocalized("1.234,5")->ToExactString(), "1234.5");
  EXPECT_EQ(*Decimal::LocalizedToPlain("65,00"), "65.00");
  EXPECT_EQ(*Decimal::LocalizedToPlain(" 16.468.319.000 "), "16468319000");
  EXPECT_FALSE(Decimal::LocalizedToPlain("400/3").ok());
  EXPECT_FALSE(Decimal::LocalizedToPlain("1,2,3").ok());
  EXPECT_FALSE(Decimal::ParseLocalized("3,8,1").ok());
}

TEST(DecimalTest, RoundsHalfAwayFromZeroOnlyForDisplay) {
  EXPECT_EQ(D("400/3").ToFixed(2), "133.33");
  EXPECT_EQ(D("500/3").ToFixed(2), "166.67");
  EXPECT_EQ(D("0.125").ToFixed(2), "0.13");
  EXPECT_EQ(D("-0.125").ToFixed(2), "-0.13");
  EXPECT_EQ(D("2.5").ToFixed(0), "3");
  EXPECT_EQ(D("-2.5").ToFixed(0), "-3");
  EXPECT_EQ(D("-0.001").ToFixed(2), "0.00");
  // 2,88 / 2,76 = 104,3478...: the exact value is kept, display rounds.
  Decimal c = D("2.88") / D("2.76") * Decimal(100);
  EXPECT_FALSE(c.IsTerminating());
  EXPECT_EQ(c.ToFixed(2), "104.35");
}

TEST(DecimalTest, FormatsIndonesian) {
  EXPECT_EQ(D("16468319000").ToIndonesian(0), "16.468.319.000");
  EXPECT_EQ(D("99.4373").ToIndonesian(2), "99,44");
  EXPECT_EQ(D("-1234.5").ToIndonesian(1), "-1.234,5");
  EXPECT_EQ(D("0.004").ToIndonesian(2), "0,00");
  EXPECT_EQ(D("-0.004").ToIndonesian(2), "0,00");
  EXPECT_EQ(D("100").ToIndonesian(2), "100,00");
  EXPECT_EQ(GroupThousands("1234567"), "1.234.567");
  // Whole rupiah without a rational: the same text as the rational's.
  for (int64_t v : {int64_t{0}, int64_t{7}, int64_t{-999}, int64_t{1000}, int64_t{16468319000},
                    int64_t{-92664300}, INT64_MAX, INT64_MIN}) {
    EXPECT_EQ(IntegerIndonesian(v), D(std::to_string(v).c_str()).ToIndonesian(0)) << v;
  }
}

}  // namespace
}  // namespace lkip
