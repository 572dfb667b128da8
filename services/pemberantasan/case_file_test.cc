#include "services/pemberantasan/case_file.h"

#include <gtest/gtest.h>

namespace lkip::pemberantasan {
namespace {

TEST(CaseFileTest, StagesMoveForwardAndP19GoesBackToTahapI) {
  std::vector<StageEntry> file;
  for (const StageEntry& next : std::vector<StageEntry>{{v1::CASE_STAGE_SPDP, "2022-11-02"},
                                                        {v1::CASE_STAGE_TAHAP_I, "2022-12-10"},
                                                        {v1::CASE_STAGE_P18, "2022-12-20"},
                                                        {v1::CASE_STAGE_P19, "2022-12-21"},
                                                        {v1::CASE_STAGE_TAHAP_I, "2023-01-09"},
                                                        {v1::CASE_STAGE_P21, "2023-01-30"},
                                                        {v1::CASE_STAGE_TAHAP_II, "2023-02-06"}}) {
    ASSERT_TRUE(CheckNextStage(file, next, "").ok()) << StageName(next.stage);
    file.push_back(next);
  }
}

TEST(CaseFileTest, IllegalTransitionsAndBackwardDatesAreRefused) {
  absl::Status s = CheckNextStage({}, {v1::CASE_STAGE_TAHAP_I, "2023-01-01"}, "");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("opens with SPDP"), absl::string_view::npos) << s;

  std::vector<StageEntry> file = {{v1::CASE_STAGE_SPDP, "2023-03-01"},
                                  {v1::CASE_STAGE_TAHAP_I, "2023-04-01"}};
  s = CheckNextStage(file, {v1::CASE_STAGE_TAHAP_II, "2023-05-01"}, "");
  EXPECT_NE(s.message().find("Tahap II cannot follow Tahap I"), absl::string_view::npos) << s;
  s = CheckNextStage(file, {v1::CASE_STAGE_SPDP, "2023-05-01"}, "");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  s = CheckNextStage(file, {v1::CASE_STAGE_P21, "2023-03-31"}, "");
  EXPECT_NE(s.message().find("date: 2023-03-31 is before"), absl::string_view::npos) << s;
  EXPECT_TRUE(CheckNextStage(file, {v1::CASE_STAGE_P21, "2023-04-01"}, "").ok());  // same day is fine

  file.push_back({v1::CASE_STAGE_P21, "2023-04-20"});
  EXPECT_FALSE(TransitionAllowed(v1::CASE_STAGE_P21, v1::CASE_STAGE_P19));
  EXPECT_FALSE(TransitionAllowed(v1::CASE_STAGE_TAHAP_II, v1::CASE_STAGE_TAHAP_I));
  EXPECT_FALSE(TransitionAllowed(v1::CASE_STAGE_P18, v1::CASE_STAGE_TAHAP_I));
}

}  // namespace
}  // namespace lkip::pemberantasan
