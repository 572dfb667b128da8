#include "services/pemberantasan/evidence.h"

#include <gtest/gtest.h>

namespace lkip::pemberantasan {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

TEST(EvidenceTest, ReleaseMatchesDepositLessLawfulShrinkage) {
  std::vector<Item> deposited = {{"Sabu", D("12.5"), "gram"}, {"Telepon genggam", D("2"), "buah"}};
  std::vector<std::vector<Item>> shrinkage = {{{"sabu", D("0.5"), "Gram"}}, {{"sabu", D("2"), "gram"}}};
  std::vector<Item> released = {{"sabu ", D("10"), "gram"}, {"telepon genggam", D("2"), "buah"}};
  EXPECT_TRUE(CompareRelease(deposited, shrinkage, released).empty());
}

TEST(EvidenceTest, AMissingQuantityOrAnExtraItemIsADifference) {
  std::vector<Item> deposited = {{"ganja", D("1.2"), "kilogram"}};
  auto diffs = CompareRelease(deposited, {}, {{"ganja", D("1"), "kilogram"}, {"sabu", D("1"), "gram"}});
  ASSERT_EQ(diffs.size(), 2u);
  EXPECT_EQ(diffs[0].type, "ganja");
  EXPECT_EQ(diffs[0].deposited.ToExactString(), "1.2");
  EXPECT_EQ(diffs[0].released.ToExactString(), "1");
  EXPECT_EQ(diffs[1].type, "sabu");
  EXPECT_EQ(diffs[1].deposited.ToExactString(), "0");
}

}  // namespace
}  // namespace lkip::pemberantasan
