// Withdrawing pencegahan imports (IKP assessments, respondent scores) through the real
// IndicatorSource: the records and computed values are those before the import.
#include <gtest/gtest.h>

#include "common/bidang/satker_values.h"
#include "common/testing/bidang_fixture.h"
#include "services/pencegahan/pencegahan_service.h"

namespace lkip::pencegahan {
namespace {

using Fixture = testing::BidangFixture<v1::Pencegahan, PencegahanService>;

v1::IkpAssessmentRow Ikp(int64_t n, const std::string& satker, const std::string& institution, int all) {
  v1::IkpAssessmentRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  r.set_institution(institution);
  r.set_lingkungan("pendidikan");
  for (int i = 0; i < kIkpVariables; ++i) r.add_scores(all);
  return r;
}

v1::RespondentScoreRow Score(int64_t n, const std::string& satker, const std::string& ref,
                             const std::string& score, std::vector<std::string> dims = {}) {
  v1::RespondentScoreRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  r.set_measure("dektari");
  r.set_respondent_ref(ref);
  r.mutable_score()->set_value(score);
  for (const auto& d : dims) r.add_dimension_scores()->set_value(d);
  return r;
}

class WithdrawalTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  grpc::Status ImportIkp(const std::string& id, const std::vector<v1::IkpAssessmentRow>& rows) {
    indicator::v1::ImportResult ignored;
    return testing::StreamRows<v1::ImportIkpAssessmentsRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportIkpAssessments(ctx, res); }, id, rows, &ignored);
  }
  grpc::Status ImportScores(const std::string& id, const std::vector<v1::RespondentScoreRow>& rows) {
    indicator::v1::ImportResult ignored;
    return testing::StreamRows<v1::ImportRespondentScoresRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportRespondentScores(ctx, res); }, id, rows, &ignored);
  }
  void Withdraw(const std::string& kind, const std::string& id) {
    grpc::Status s = f_.Withdraw(kind, id, "data ganda");
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  std::map<std::string, std::string> IkpState() {
    return testing::DataState(f_.store(), {kTagIkpInstitution, kTagComputedValue});
  }
  std::map<std::string, std::string> ScoreState() {
    return testing::DataState(f_.store(), {kTagRespondentSum, kTagComputedValue});
  }

  Fixture f_{"pencegahan"};
};

// A re-assessed institution gets its earlier assessment back when the re-assessment's import is
// withdrawn; withdrawing the earlier import under it leaves the later one alone.
TEST_F(WithdrawalTest, IkpAssessmentsReplacedAreBroughtBack) {
  const auto empty = IkpState();
  ASSERT_TRUE(
      ImportIkp("ikp-1", {Ikp(2, "BNNK_BIMA", "SMA 1 Bima", 2), Ikp(3, "BNNK_BIMA", "SMA 2 Bima", 3)}).ok());
  const auto after_first = IkpState();
  ASSERT_TRUE(
      ImportIkp("ikp-2", {Ikp(2, "BNNK_BIMA", "SMA 1 Bima", 4), Ikp(3, "BNNK_MATARAM", "Kantor Camat", 1)})
          .ok());
  ASSERT_NE(IkpState(), after_first);
  Withdraw("ikp", "ikp-2");
  EXPECT_EQ(IkpState(), after_first);
  const std::vector<v1::IkpAssessmentRow> again = {Ikp(2, "BNNK_BIMA", "SMA 1 Bima", 4)};
  ASSERT_TRUE(ImportIkp("ikp-3", again).ok());
  Withdraw("ikp", "ikp-1");  // SMA 2 goes; SMA 1 keeps ikp-3's assessment, now without a past
  Fixture alone{"pencegahan"};
  ASSERT_TRUE(alone.PutUnits().ok());
  indicator::v1::ImportResult ignored;
  ASSERT_TRUE(testing::StreamRows<v1::ImportIkpAssessmentsRequest>(
                  [&](auto* ctx, auto* res) { return alone.stub().ImportIkpAssessments(ctx, res); }, "ikp-3",
                  again, &ignored)
                  .ok());
  EXPECT_EQ(IkpState(), testing::DataState(alone.store(), {kTagIkpInstitution, kTagComputedValue}));
  Withdraw("ikp", "ikp-3");
  EXPECT_EQ(IkpState(), empty);
}

// Respondent scores, with and without dimension scores, come out of the exact running sums.
TEST_F(WithdrawalTest, RespondentSumsAreThoseBeforeTheImport) {
  const auto empty = ScoreState();
  ASSERT_TRUE(
      ImportScores("dektari-1", {Score(2, "BNNK_BIMA", "R1", "50"), Score(3, "BNNK_BIMA", "R2", "50.56")})
          .ok());
  const auto after_first = ScoreState();
  ASSERT_TRUE(ImportScores("dektari-2", {Score(2, "BNNK_BIMA", "R3", "61.17", {"40", "50.5", "60"}),
                                         Score(3, "BNNK_MATARAM", "R4", "58.17")})
                  .ok());
  ASSERT_NE(ScoreState(), after_first);
  Withdraw("respondent", "dektari-2");
  EXPECT_EQ(ScoreState(), after_first);
  Withdraw("respondent", "dektari-1");
  EXPECT_EQ(ScoreState(), empty);
}

}  // namespace
}  // namespace lkip::pencegahan
