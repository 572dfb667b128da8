#include "services/pencegahan/kawasan.h"

#include <gtest/gtest.h>

namespace lkip::pencegahan {
namespace {

using S = KawasanStatus;

TEST(KawasanTest, CountsMatchingTransitionsInTheYearAndReportsTheOthers) {
  std::vector<KawasanHistory> h = {
      {"DESA_KUTA", {{"2023-08-01", S::kWaspada}, {"2022-03-01", S::kBahaya}}},  // counts (sorted by date)
      {"DESA_A", {{"2022-01-10", S::kBahaya}, {"2022-11-01", S::kWaspada}}},     // moved in 2022: not 2023
      {"DESA_B", {{"2022-05-05", S::kBahaya}, {"2023-06-01", S::kSiaga}}},       // Bahaya -> Siaga: a finding
      {"DESA_C", {{"2023-01-01", S::kWaspada}, {"2023-12-31", S::kBahaya}}},     // worse: a finding
      {"DESA_D", {{"2021-01-01", S::kBahaya}}},                                  // no change
  };
  TransitionCount c = CountTransitions(h, 2023, S::kBahaya, S::kWaspada);
  EXPECT_EQ(c.counted, 1);
  EXPECT_EQ(c.counted_kawasan, std::vector<std::string>{"DESA_KUTA"});
  ASSERT_EQ(c.not_matching.size(), 2u);
  EXPECT_EQ(c.not_matching[0].kawasan_id, "DESA_B");
  EXPECT_EQ(c.not_matching[0].to, S::kSiaga);
  EXPECT_EQ(c.not_matching[1].kawasan_id, "DESA_C");
}

TEST(KawasanTest, AKawasanCountsOnce) {
  std::vector<KawasanHistory> h = {{"X",
                                    {{"2022-12-01", S::kBahaya},
                                     {"2023-02-01", S::kWaspada},
                                     {"2023-05-01", S::kBahaya},
                                     {"2023-09-01", S::kWaspada}}}};
  TransitionCount c = CountTransitions(h, 2023, S::kBahaya, S::kWaspada);
  EXPECT_EQ(c.counted, 1);
  EXPECT_EQ(c.not_matching.size(), 1u);  // Waspada -> Bahaya in May
}

TEST(KawasanTest, HistoryValidation) {
  KawasanHistory h{"X", {{"2023-02-30", S::kBahaya}}};
  absl::Status s = ValidateHistory(h, "kawasan[0]");
  EXPECT_NE(s.message().find("kawasan[0].changes[0].date: \"2023-02-30\""), absl::string_view::npos) << s;
  h.changes = {{"2023-02-01", S::kBahaya}, {"2023-02-01", S::kAman}};
  EXPECT_FALSE(ValidateHistory(h, "k").ok());
  EXPECT_FALSE(ParseKawasanStatus("Rawan").ok());
  EXPECT_EQ(*ParseKawasanStatus("waspada"), S::kWaspada);
}

TEST(KawasanTest, IkkrIsTheMeanOverAspectsAndRespondents) {
  IkkrResponse kades{"kades", {3, 3, 3, 3, 2, 3, 3}};
  IkkrResponse babinsa{"babinsa", {3, 3, 3, 3, 3, 3, 3}};
  auto ikkr = ComputeIkkr({kades, babinsa});
  ASSERT_TRUE(ikkr.ok());
  EXPECT_EQ(ikkr->ToExactString(), "41/14");
  EXPECT_EQ(ikkr->ToFixed(2), "2.93");
  kades.scores[6] = 0;
  EXPECT_NE(
      ValidateIkkrResponse(kades, "r[1]").message().find("r[1].scores[6] (hasil dirasakan masyarakat): 0"),
      absl::string_view::npos);
  EXPECT_FALSE(ComputeIkkr({}).ok());
}

}  // namespace
}  // namespace lkip::pencegahan
