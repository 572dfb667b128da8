#include "services/pencegahan/ikp.h"

#include <gtest/gtest.h>

#include "common/rules/rule_book.h"

namespace lkip::pencegahan {
namespace {

TEST(IkpTest, SatkerIkpIsTheMeanOfItsInstitutionsAndSeedExampleIsSangatMandiri) {
  auto satker = SatkerIkp({*Decimal::Parse("3.36"), *Decimal::Parse("3.25")});
  ASSERT_TRUE(satker.ok());
  EXPECT_EQ(satker->ToExactString(), "3.305");
  auto book = RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
  const YearRules& rules = **(*book).ForYear(2023);
  const auto* ikp = rules.FindMeasure("ikp");
  EXPECT_EQ(ikp->categories(rules.CategoryIndex(*ikp, *satker)).label(), "Sangat Mandiri");
  EXPECT_EQ(ikp->categories(rules.CategoryIndex(*ikp, *Decimal::Parse("3.25"))).label(), "Mandiri");
  EXPECT_FALSE(SatkerIkp({}).ok());
}

TEST(IkpTest, InstitutionIkpIsTheMeanOfSixVariables) {
  IkpAssessment a{"Dinas Pendidikan", Lingkungan::kPemerintah, {4, 3, 3, 4, 3, 4}};
  ASSERT_TRUE(ValidateIkpAssessment(a, "rows[0]").ok());
  EXPECT_EQ(InstitutionIkp(a).ToExactString(), "3.5");
  a.scores[2] = 5;
  absl::Status s = ValidateIkpAssessment(a, "rows[0]");
  EXPECT_NE(s.message().find("rows[0].scores[2] (Anggaran): 5"), absl::string_view::npos) << s;
  a.institution.clear();
  EXPECT_FALSE(ValidateIkpAssessment(a, "r").ok());
}

TEST(IkpTest, ByKindCountsAndAveragesEachLingkunganInOrder) {
  const auto kinds = IkpByKind({{Lingkungan::kPendidikan, *Decimal::Parse("3.32")},
                                {Lingkungan::kPemerintah, *Decimal::Parse("3.66")},
                                {Lingkungan::kPendidikan, *Decimal::Parse("3.5")}});
  ASSERT_EQ(kinds.size(), 2u);
  EXPECT_EQ(kinds[0].lingkungan, Lingkungan::kPemerintah);
  EXPECT_EQ(kinds[0].institutions, 1);
  EXPECT_EQ(kinds[0].mean.ToExactString(), "3.66");
  EXPECT_EQ(kinds[1].lingkungan, Lingkungan::kPendidikan);
  EXPECT_EQ(kinds[1].institutions, 2);
  EXPECT_EQ(kinds[1].mean.ToExactString(), "3.41");
  EXPECT_TRUE(IkpByKind({}).empty());
}

TEST(IkpTest, Lingkungan) {
  EXPECT_EQ(*ParseLingkungan("Pendidikan"), Lingkungan::kPendidikan);
  EXPECT_FALSE(ParseLingkungan("sekolah").ok());
}

}  // namespace
}  // namespace lkip::pencegahan
