// Rule sets that extend another: the overlay merges by key into its base and replaces it; the
// example's raw-record rules are such an overlay of the shipped rules.
#include "common/rules/rule_overlay.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/rules/rule_book.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

const char kShipped[] = LKIP_SOURCE_DIR "/deploy/rules";
const char kRawOverlay[] = LKIP_SOURCE_DIR "/examples/ntb-2023/raw/rules";

rules::v1::RuleSet Shipped() { return (*(*RuleBook::LoadDirectory(kShipped)).ForYear(2023))->rules(); }

TEST(RuleOverlayTest, MergesIndicatorsByCodeAndKeepsTheRest) {
  const rules::v1::RuleSet base = Shipped();
  rules::v1::RuleSet overlay;
  overlay.set_version("2023.1-test");
  overlay.set_extends(base.version());
  auto* ind = overlay.add_indicators();
  ind->set_code("IKK-03");
  ind->set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  auto merged = ApplyOverlay(base, overlay);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->version(), "2023.1-test");
  EXPECT_EQ(merged->fiscal_year(), 2023);
  EXPECT_TRUE(merged->extends().empty());
  ASSERT_EQ(merged->indicators_size(), base.indicators_size()) << "merged by code, not appended";
  for (int i = 0; i < base.indicators_size(); ++i) {
    rules::v1::IndicatorRule expected = base.indicators(i);
    if (expected.code() == "IKK-03") expected.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(merged->indicators(i), expected))
        << expected.code();
  }
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(merged->measures(0), base.measures(0)));
  EXPECT_TRUE(ValidateRuleSet(*merged).ok());
}

TEST(RuleOverlayTest, RefusesAnotherYearOrTheBaseVersion) {
  const rules::v1::RuleSet base = Shipped();
  rules::v1::RuleSet overlay;
  overlay.set_version(base.version());
  EXPECT_NE(ApplyOverlay(base, overlay).status().message().find("version"), std::string::npos);
  overlay.set_version("2024.1");
  overlay.set_fiscal_year(2024);
  EXPECT_NE(ApplyOverlay(base, overlay).status().message().find("fiscal_year: 2024"), std::string::npos);
}

TEST(RuleOverlayTest, TheRawExampleIsTheShippedRulesWithComputedValues) {
  auto layered = RuleBook::LoadDirectory(absl::StrCat(kShipped, ":", kRawOverlay));
  ASSERT_TRUE(layered.ok()) << layered.status();
  const auto& rules = (*layered->ForYear(2023))->rules();
  EXPECT_EQ(rules.version(), "2023.1-mentah");
  const rules::v1::RuleSet base = Shipped();
  ASSERT_EQ(rules.indicators_size(), base.indicators_size());
  int computed = 0;
  for (const auto& ind : rules.indicators())
    computed += ind.value_source() == rules::v1::VALUE_SOURCE_COMPUTED;
  EXPECT_EQ(computed, 13) << "IKK-01..14 but IKK-04 from raw records";
  // Alone, the overlay is not a rule set.
  auto alone = RuleBook::LoadDirectory(kRawOverlay);
  ASSERT_FALSE(alone.ok());
  EXPECT_NE(alone.status().message().find("no rule set of version \"2023.1\""), std::string::npos)
      << alone.status();
}

TEST(RuleOverlayTest, TwoOverlaysOfOneBaseAreRefusedNamingTheFiles) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("a.json")) << R"({"version": "2023.1-a", "extends": "2023.1"})";
  std::ofstream(dir.Sub("b.json")) << R"({"version": "2023.1-b", "extends": "2023.1"})";
  auto book = RuleBook::LoadDirectory(absl::StrCat(kShipped, ":", dir.path()));
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("b.json: extends: \"2023.1\" is already extended by"),
            std::string::npos)
      << book.status();
}

}  // namespace
}  // namespace lkip
