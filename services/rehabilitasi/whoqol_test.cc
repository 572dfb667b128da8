#include "services/rehabilitasi/whoqol.h"

#include <gtest/gtest.h>

namespace lkip::rehabilitasi {
namespace {

// A form scored by hand (docs in the test): Q3, Q4 and Q26 reversed, Q12 missing.
WhoqolForm HandForm() {
  const int answers[kWhoqolItems] = {3, 4, 2, 1, 3, 4, 3, 4, 3, 4, 3, 0, 4,
                                     3, 5, 4, 4, 3, 4, 3, 2, 4, 4, 3, 4, 2};
  WhoqolForm form;
  for (int i = 0; i < kWhoqolItems; ++i) {
    if (answers[i] != 0) form.items[i] = answers[i];
  }
  return form;
}

TEST(WhoqolTest, HandComputedFormWithReversedItemsAndOneMissing) {
  auto scores = ScoreWhoqol(HandForm(), WhoqolRules(), "form");
  ASSERT_TRUE(scores.ok()) << scores.status();
  // Physical: Q3 2->4, Q4 1->5, Q10 4, Q15 5, Q16 4, Q17 4, Q18 3: sum 29 of 7 items;
  // raw 4 x 29/7 = 116/7; transformed (116/7 - 4) x 6,25 = 550/7 = 78,57.
  EXPECT_EQ(scores->raw[kPhysical]->ToExactString(), "116/7");
  EXPECT_EQ(scores->transformed[kPhysical]->ToFixed(2), "78.57");
  // Psychological: 3, 4, 3, 3, 4, Q26 2->4: 21/6 = 3,5; raw 14; transformed 62,5.
  EXPECT_EQ(scores->transformed[kPsychological]->ToExactString(), "62.5");
  // Social: 3, 2, 4: mean 3; raw 12; transformed 50.
  EXPECT_EQ(scores->transformed[kSocial]->ToExactString(), "50");
  // Environment without Q12: 4, 3, 4, 3, 4, 3, 4 = 25 of 7; raw 100/7; transformed 450/7 = 64,29.
  EXPECT_EQ(scores->transformed[kEnvironment]->ToFixed(2), "64.29");
}

TEST(WhoqolTest, PreReversedFormsAreTakenAsPrinted) {
  WhoqolForm form = HandForm();
  form.pre_reversed = true;
  auto scores = ScoreWhoqol(form, WhoqolRules(), "form");
  // Physical with Q3 = 2 and Q4 = 1 as printed: 23 of 7; transformed (92/7 - 4) x 6,25 = 400/7.
  EXPECT_EQ(scores->transformed[kPhysical]->ToExactString(), "400/7");
}

TEST(WhoqolTest, SixMissingItemsDiscardTheFormWithTheReason) {
  WhoqolForm form = HandForm();
  for (int i : {0, 1, 4, 5, 6}) form.items[i] = std::nullopt;  // plus Q12: six missing
  auto scores = ScoreWhoqol(form, WhoqolRules(), "rows[3]");
  EXPECT_EQ(scores.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(scores.status().message().find("rows[3].items: 6 of 26 items are missing"),
            absl::string_view::npos)
      << scores.status();
}

TEST(WhoqolTest, AnswersOutsideOneToFiveAreRefused) {
  for (int bad : {0, 6}) {
    WhoqolForm form = HandForm();
    form.items[9] = bad;
    auto scores = ScoreWhoqol(form, WhoqolRules(), "rows[0]");
    EXPECT_EQ(scores.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(scores.status().message().find("rows[0].items[9] (Q10): " + std::to_string(bad)),
              absl::string_view::npos)
        << scores.status();
  }
}

TEST(WhoqolTest, ADomainWithTooFewItemsIsNotScored) {
  WhoqolForm form = HandForm();
  form.items[19] = std::nullopt;  // Q20
  form.items[20] = std::nullopt;  // Q21: social keeps 1 of 3, below the minimum of 2
  auto scores = ScoreWhoqol(form, WhoqolRules(), "form");
  ASSERT_TRUE(scores.ok());
  EXPECT_FALSE(scores->transformed[kSocial].has_value());
  EXPECT_TRUE(scores->transformed[kPhysical].has_value());
}

TEST(WhoqolTest, ImprovementPercentages) {
  auto at = [](const char* a, const char* b, const char* c, const char* d) {
    WhoqolScores s;
    const char* values[] = {a, b, c, d};
    for (int i = 0; i < kWhoqolDomains; ++i) s.transformed[i] = *Decimal::Parse(values[i]);
    return s;
  };
  std::vector<WhoqolPair> clients = {
      {at("50", "50", "50", "50"), at("60", "55", "40", "50")},  // mean up: improved; social down
      {at("70", "70", "70", "70"), at("70", "70", "70", "70")},  // equal: not improved
      {at("40", "60", "60", "60"), at("30", "60", "65", "60")},  // mean down
  };
  ImprovementResult r = ComputeImprovement(clients);
  EXPECT_EQ(r.clients, 3);
  EXPECT_EQ(r.improved, 1);
  EXPECT_EQ(r.percentage->ToFixed(2), "33.33");
  EXPECT_EQ(r.domain_improved[kPhysical], 1);
  EXPECT_EQ(r.domain_improved[kSocial], 1);
  EXPECT_EQ(r.domain_percentage[kEnvironment]->ToExactString(), "0");
  EXPECT_FALSE(ComputeImprovement({}).percentage.has_value());
}

}  // namespace
}  // namespace lkip::rehabilitasi
