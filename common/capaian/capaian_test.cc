#include "common/capaian/capaian.h"

#include <gtest/gtest.h>

#include "common/rules/rule_book.h"
#include "common/testing/expected_figures.h"

namespace lkip {
namespace {

using common::v1::POLARITY_HIGHER_IS_BETTER;
using common::v1::POLARITY_LOWER_IS_BETTER;

Decimal D(const char* s) { return *Decimal::Parse(s); }

TEST(CapaianTest, PermenPanRb8Of2021WorkedExampleLowerIsBetterRange) {
  // Target 7-8 months, lower is better.
  const TargetSpec target = TargetSpec::Range(D("7"), D("8"));
  Capaian faster = ComputeCapaian(POLARITY_LOWER_IS_BETTER, target, D("6.5"), {});
  ASSERT_TRUE(faster.available);
  EXPECT_EQ(faster.value.ToFixed(2), "107.14");
  Capaian slower = ComputeCapaian(POLARITY_LOWER_IS_BETTER, target, D("9"), {});
  EXPECT_EQ(slower.value.ToExactString(), "87.5");
  Capaian inside = ComputeCapaian(POLARITY_LOWER_IS_BETTER, target, D("7.5"), {});
  EXPECT_EQ(inside.value.ToExactString(), "100");
}

TEST(CapaianTest, HigherIsBetterHasNoCap) {
  EXPECT_EQ(
      ComputeCapaian(POLARITY_HIGHER_IS_BETTER, TargetSpec::Single(D("12")), D("20"), {}).value.ToFixed(2),
      "166.67");
  EXPECT_EQ(
      ComputeCapaian(POLARITY_HIGHER_IS_BETTER, TargetSpec::Single(D("4")), D("0"), {}).value.ToFixed(2),
      "0.00");
}

TEST(CapaianTest, LowerIsBetterIsFlooredAtZero) {
  Capaian c = ComputeCapaian(POLARITY_LOWER_IS_BETTER, TargetSpec::Single(D("10")), D("25"), {});
  ASSERT_TRUE(c.available);
  EXPECT_EQ(c.value.ToExactString(), "0");
}

TEST(CapaianTest, NotAvailableCases) {
  Capaian zero_higher = ComputeCapaian(POLARITY_HIGHER_IS_BETTER, TargetSpec::Single(D("0")), D("3"), {});
  EXPECT_FALSE(zero_higher.available);
  EXPECT_FALSE(zero_higher.note.empty());
  EXPECT_FALSE(
      ComputeCapaian(common::v1::POLARITY_UNSPECIFIED, TargetSpec::Single(D("1")), D("1"), {}).available);
  EXPECT_FALSE(ComputeCapaian(POLARITY_HIGHER_IS_BETTER, TargetSpec{}, D("1"), {}).available);
}

TEST(CapaianTest, ZeroTargetLowerIsBetterFollowsTheConfiguredDefault) {
  ZeroTargetRule rule{D("100"), D("0"), false};
  Capaian hit = ComputeCapaian(POLARITY_LOWER_IS_BETTER, TargetSpec::Single(D("0")), D("0"), rule);
  EXPECT_TRUE(hit.available);
  EXPECT_EQ(hit.value.ToExactString(), "100");
  EXPECT_FALSE(hit.verified);
  Capaian miss = ComputeCapaian(POLARITY_LOWER_IS_BETTER, TargetSpec::Single(D("0")), D("2"), rule);
  EXPECT_EQ(miss.value.ToExactString(), "0");
  ZeroTargetRule other{D("120"), D("50"), true};
  EXPECT_EQ(ComputeCapaian(POLARITY_LOWER_IS_BETTER, TargetSpec::Single(D("0")), D("0"), other)
                .value.ToExactString(),
            "120");
}

// The 19 IKK of BNNP NTB 2023 (domain-rules §4) counted into the band sets of the shipped
// rule file reproduce the seed's S1, S2 and S3 tables.
TEST(CapaianTest, Ntb2023CapaianAndBandCounts) {
  auto book = RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
  ASSERT_TRUE(book.ok()) << book.status();
  const YearRules* rules = *(*book).ForYear(2023);
  const auto& expected = testing::Ntb2023Expected();
  std::vector<Capaian> capaian;
  for (const auto& ikk : expected.indicators) {
    capaian.push_back(ComputeCapaian(POLARITY_HIGHER_IS_BETTER, TargetSpec::Single(D(ikk.target.c_str())),
                                     D(ikk.realisasi.c_str()), {}));
    EXPECT_EQ(capaian.back().value.ToFixed(2), ikk.capaian) << ikk.code;
  }
  auto counts = [&](const char* id) {
    const rules::v1::BandSet* set = rules->FindBandSet(id);
    std::vector<int> out(set->bands_size(), 0);
    for (const auto& c : capaian) {
      auto band = AssignBand(*set, rules->numbers(), c);
      EXPECT_TRUE(band.has_value());
      if (band) ++out[*band];
    }
    return out;
  };
  for (const auto& [set, counts_expected] : expected.bands)
    EXPECT_EQ(counts(set.c_str()), counts_expected) << set;
}

TEST(CapaianTest, NotAvailableCapaianGoesToTheNaBandOnly) {
  auto book = RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
  const YearRules* rules = *(*book).ForYear(2023);
  Capaian na;
  EXPECT_EQ(AssignBand(*rules->FindBandSet("S2"), rules->numbers(), na), std::optional<int>(4));
  EXPECT_EQ(AssignBand(*rules->FindBandSet("S1"), rules->numbers(), na), std::nullopt);
}

}  // namespace
}  // namespace lkip
