// The pencegahan service's IKP import through the real client-streaming stub.
#include "services/pencegahan/pencegahan_service.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/storage/key_codec.h"
#include "common/testing/bidang_fixture.h"
#include "services/pencegahan/respondent_store.h"

namespace lkip::pencegahan {
namespace {

using testing::Context;

v1::IkpAssessmentRow Row(int64_t n, const std::string& satker, const std::string& institution,
                         const std::string& lingkungan, std::vector<int> scores) {
  v1::IkpAssessmentRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  r.set_institution(institution);
  r.set_lingkungan(lingkungan);
  for (int s : scores) r.add_scores(s);
  return r;
}

class IkpImportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_->PutUnits().ok()); }

  grpc::Status Import(const std::string& id, const std::vector<v1::IkpAssessmentRow>& rows,
                      indicator::v1::ImportResult* result) {
    return testing::StreamRows<v1::ImportIkpAssessmentsRequest>(
        [&](auto* ctx, auto* res) { return f_->stub().ImportIkpAssessments(ctx, res); }, id, rows, result);
  }

  v1::IkpResult Get(const std::string& satker, grpc::Status* status) {
    v1::GetIkpResultRequest req;
    req.set_fiscal_year(2023);
    req.set_satker_code(satker);
    v1::IkpResult result;
    *status = f_->stub().GetIkpResult(Context().get(), req, &result);
    return result;
  }

  std::unique_ptr<testing::BidangFixture<v1::Pencegahan, PencegahanService>> f_ =
      std::make_unique<testing::BidangFixture<v1::Pencegahan, PencegahanService>>("pencegahan");
};

TEST_F(IkpImportTest, SatkerIkpIsTheMeanOfItsInstitutions) {
  indicator::v1::ImportResult result;
  grpc::Status s = Import("ikp-2023",
                          {Row(2, "BNNK_BIMA", "Dinas Kesehatan", "pemerintah", {4, 3, 3, 4, 3, 4}),
                           Row(3, "BNNK_BIMA", "SMAN 1 Bima", "pendidikan", {3, 3, 3, 3, 3, 4}),
                           Row(4, "BNNK_MATARAM", "Karang Taruna", "masyarakat", {2, 2, 3, 2, 2, 2})},
                          &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(result.satker_updated_size(), 2);
  grpc::Status gs;
  v1::IkpResult bima = Get("BNNK_BIMA", &gs);
  ASSERT_TRUE(gs.ok());
  ASSERT_EQ(bima.institutions_size(), 2);
  EXPECT_EQ(bima.institutions(0).ikp().value(), "3.5");  // 21/6
  EXPECT_EQ(bima.institutions(1).ikp().value(), "19/6");
  EXPECT_EQ(bima.ikp().value(), "10/3");  // (21/6 + 19/6) / 2

  // A later import re-assessing one institution replaces its assessment.
  ASSERT_TRUE(Import("ikp-2023-revisi",
                     {Row(2, "BNNK_BIMA", "SMAN 1 Bima", "pendidikan", {4, 4, 4, 4, 4, 4})}, &result)
                  .ok());
  bima = Get("BNNK_BIMA", &gs);
  EXPECT_EQ(bima.ikp().value(), "3.75");  // (21/6 + 4) / 2 = 15/4

  // The computed IKP sits beside the (absent) recorded one; the shipped rule uses recorded values,
  // so IKK-03 shows the computed values as alternatives only.
  auto values = f_->Values("IKK-03");
  EXPECT_FALSE(values.values(0).available());
}

TEST_F(IkpImportTest, ARuleSetNamingComputedValuesCountsFromAssessments) {
  rules::v1::RuleSet rs = (*testing::ShippedRules().ForYear(2023))->rules();
  for (auto& ind : *rs.mutable_indicators()) {
    if (ind.code() == "IKK-03") ind.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  }
  f_ = std::make_unique<testing::BidangFixture<v1::Pencegahan, PencegahanService>>(
      "pencegahan", std::move(*RuleBook::FromRuleSets({rs})));
  ASSERT_TRUE(f_->PutUnits().ok());
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("ikp",
                     {Row(2, "BNNK_BIMA", "Dinas Kesehatan", "pemerintah", {4, 3, 3, 4, 3, 4}),
                      Row(3, "BNNK_MATARAM", "Karang Taruna", "masyarakat", {2, 2, 3, 2, 2, 2}),
                      Row(4, "BNNK_BIMA", "Dinas Sosial", "pemerintah", {3, 3, 3, 3, 3, 3}),
                      Row(5, "BNNK_BIMA", "SMAN 1 Bima", "pendidikan", {4, 4, 4, 4, 4, 4})},
                     &result)
                  .ok());
  auto values = f_->Values("IKK-03");
  ASSERT_TRUE(values.values(0).available());
  EXPECT_EQ(values.values(0).realisasi().value(), "1");  // Bima 3,5 is Mandiri or better; Mataram 13/6 is not
  const auto& bima = values.values(0).satker_rows(0);
  EXPECT_EQ(bima.provenance().kind(), common::v1::PROVENANCE_KIND_COMPUTED);
  // Its parts, for the report's rincian table: the lembaga per lingkungan, their number, and the
  // IKP of each lingkungan (pemerintah: (21/6 + 3) / 2 = 13/4).
  std::vector<std::string> parts;
  for (const auto& d : bima.details()) parts.push_back(absl::StrCat(d.id(), "=", d.value().value()));
  EXPECT_EQ(parts, (std::vector<std::string>{"lembaga_pemerintah=2", "lembaga_swasta=0",
                                             "lembaga_masyarakat=0", "lembaga_pendidikan=1",
                                             "jumlah_lembaga=3", "ikp_pemerintah=3.25", "ikp_pendidikan=4"}));
  EXPECT_EQ(bima.details(0).label(), "Lembaga pemerintah");
}

// More institutions for one satker than a read scans to are refused at the commit, so the
// satker's reads keep working (10.001 were accepted once, and every read failed after them).
TEST_F(IkpImportTest, MoreInstitutionsThanAReadScansAreRefused) {
  std::vector<v1::IkpAssessmentRow> rows;
  for (int i = 0; i < 10001; ++i)
    rows.push_back(Row(i + 2, "BNNK_BIMA", absl::StrCat("Lembaga ", i), "pemerintah", {3, 3, 3, 3, 3, 3}));
  const size_t audits = f_->AuditEntries();
  indicator::v1::ImportResult result;
  grpc::Status s = Import("ikp-big", rows, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find(
                "BNNK_BIMA would have 10001 IKP institutions in 2023, more than the limit of 10000"),
            std::string::npos)
      << s.error_message();
  EXPECT_EQ(f_->AuditEntries(), audits);
  rows.pop_back();
  ASSERT_TRUE(Import("ikp-big", rows, &result).ok()) << "10.000, the limit, under the same id";
  grpc::Status gs;
  EXPECT_EQ(Get("BNNK_BIMA", &gs).institutions_size(), 10000);
  EXPECT_TRUE(gs.ok()) << gs.error_message();
}

TEST_F(IkpImportTest, BadRowsAreAllReportedAndNothingIsWritten) {
  const size_t audits = f_->AuditEntries();
  indicator::v1::ImportResult result;
  grpc::Status s = Import("ikp-bad",
                          {Row(2, "BNNK_BIMA", "Dinas Kesehatan", "pemerintah", {4, 3, 3, 4, 3, 4}),
                           Row(3, "BNNK_BIMA", "Polres", "kepolisian", {3, 3, 3, 3, 3, 3}),
                           Row(4, "BNNK_BIMA", "SMAN 2", "pendidikan", {3, 3, 5, 3, 3, 0}),
                           Row(5, "BNNK_LOMBOK", "X", "swasta", {3, 3, 3, 3, 3, 3}),
                           Row(6, "BNNK_BIMA", "Y", "swasta", {3, 3, 3}),
                           Row(7, "BNNK_BIMA", "Dinas Kesehatan", "pemerintah", {4, 4, 4, 4, 4, 4})},
                          &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  ASSERT_EQ(details.errors_size(), 6) << details.DebugString();
  EXPECT_EQ(details.errors(0).field(), "lingkungan");
  EXPECT_EQ(details.errors(0).value(), "kepolisian");
  EXPECT_EQ(details.errors(1).field(), "scores[2] (Anggaran)");
  EXPECT_EQ(details.errors(2).field(), "scores[5] (Aktivitas)");
  EXPECT_EQ(details.errors(3).value(), "BNNK_LOMBOK");
  EXPECT_EQ(details.errors(4).field(), "scores");
  EXPECT_EQ(details.errors(5).problem(), "assessed twice in this import");
  EXPECT_EQ(f_->AuditEntries(), audits);
  grpc::Status gs;
  Get("BNNK_BIMA", &gs);
  EXPECT_EQ(gs.error_code(), grpc::StatusCode::NOT_FOUND);
  Get("BNNK_NOWHERE", &gs);
  EXPECT_EQ(gs.error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace lkip::pencegahan

namespace lkip::pencegahan {
namespace {

v1::RespondentScoreRow Score(int64_t n, const std::string& satker, const std::string& measure,
                             const std::string& ref, const std::string& score) {
  v1::RespondentScoreRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  r.set_measure(measure);
  r.set_respondent_ref(ref);
  r.mutable_score()->set_value(score);
  return r;
}

TEST(RespondentScoresTest, SatkerIndexIsTheMeanAndFeedsTheCount) {
  rules::v1::RuleSet rs = (*testing::ShippedRules().ForYear(2023))->rules();
  for (auto& ind : *rs.mutable_indicators()) {
    if (ind.code() == "IKK-01") ind.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  }
  testing::BidangFixture<v1::Pencegahan, PencegahanService> f("pencegahan",
                                                              std::move(*RuleBook::FromRuleSets({rs})));
  ASSERT_TRUE(f.PutUnits().ok());
  auto import = [&](const std::string& id, const std::vector<v1::RespondentScoreRow>& rows,
                    indicator::v1::ImportResult* result) {
    return testing::StreamRows<v1::ImportRespondentScoresRequest>(
        [&](auto* ctx, auto* res) { return f.stub().ImportRespondentScores(ctx, res); }, id, rows, result);
  };
  indicator::v1::ImportResult result;
  grpc::Status s =
      import("dektari-2023",
             {Score(2, "BNNK_BIMA", "dektari", "R1", "50"), Score(3, "BNNK_BIMA", "dektari", "R2", "50.56"),
              Score(4, "BNNK_MATARAM", "dektari", "R3", "58.17")},
             &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  auto values = f.Values("IKK-01");
  ASSERT_TRUE(values.values(0).available());
  EXPECT_EQ(values.values(0).realisasi().value(), "1");  // Bima 50,28 Tinggi; Mataram Sangat Tinggi
  EXPECT_EQ(values.values(0).satker_rows(0).value().value(), "50.28");
  EXPECT_NE(values.values(0).satker_rows(0).provenance().source_document().find("2 responden"),
            std::string::npos);

  const size_t audits = f.AuditEntries();
  s = import("dektari-bad",
             {Score(2, "BNNK_BIMA", "dektari", "R9", "120"), Score(3, "BNNK_BIMA", "ikp", "R10", "3"),
              Score(4, "BNNK_BIMA", "dektari", "R11", "51"), Score(5, "BNNK_BIMA", "dektari", "R11", "52"),
              Score(6, "BNNK_BIMA", "dektara", "F1", "lima puluh")},
             &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  ASSERT_EQ(details.errors_size(), 4) << details.DebugString();
  EXPECT_EQ(details.errors(0).value(), "120");
  EXPECT_EQ(details.errors(1).field(), "measure");
  EXPECT_EQ(details.errors(2).field(), "respondent_ref");
  EXPECT_EQ(details.errors(3).value(), "lima puluh");
  EXPECT_EQ(f.AuditEntries(), audits);
}

TEST(RespondentScoresTest, DimensionScoresWhereSuppliedAreAveragedPerSatker) {
  testing::BidangFixture<v1::Pencegahan, PencegahanService> f("pencegahan");
  ASSERT_TRUE(f.PutUnits().ok());
  auto with_dims = [](v1::RespondentScoreRow r, std::vector<std::string> dims) {
    for (const auto& d : dims) r.add_dimension_scores()->set_value(d);
    return r;
  };
  auto import = [&](const std::string& id, const std::vector<v1::RespondentScoreRow>& rows,
                    indicator::v1::ImportResult* result) {
    return testing::StreamRows<v1::ImportRespondentScoresRequest>(
        [&](auto* ctx, auto* res) { return f.stub().ImportRespondentScores(ctx, res); }, id, rows, result);
  };
  indicator::v1::ImportResult result;
  grpc::Status s = import("dektari-dim",
                          {with_dims(Score(2, "BNNK_BIMA", "dektari", "R1", "50"), {"40", "50", "60"}),
                           with_dims(Score(3, "BNNK_BIMA", "dektari", "R2", "52"), {"45", "55", "65"}),
                           Score(4, "BNNK_BIMA", "dektari", "R3", "54")},
                          &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetRespondentResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNK_BIMA");
  get.set_measure("dektari");
  v1::RespondentResult r;
  ASSERT_TRUE(f.stub().GetRespondentResult(testing::Context().get(), get, &r).ok());
  EXPECT_EQ(r.respondents(), 3);
  EXPECT_EQ(r.index().value(), "52");
  EXPECT_EQ(r.dimension_respondents(), 2);
  ASSERT_EQ(r.dimensions_size(), 3);
  EXPECT_EQ(r.dimensions(0).name(), "self regulation");
  EXPECT_EQ(r.dimensions(0).mean().value(), "42.5");
  EXPECT_EQ(r.dimensions(2).mean().value(), "62.5");

  const size_t audits = f.AuditEntries();
  s = import("dektari-dim-bad",
             {with_dims(Score(2, "BNNK_BIMA", "dektari", "R7", "50"), {"40", "50"}),
              with_dims(Score(3, "BNNK_BIMA", "dektari", "R8", "50"), {"40", "150", "50"})},
             &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  ASSERT_EQ(details.errors_size(), 2);
  EXPECT_EQ(details.errors(0).field(), "dimension_scores");
  EXPECT_EQ(details.errors(1).field(), "dimension_scores[1] (assertiveness)");
  EXPECT_EQ(f.AuditEntries(), audits);

  get.set_measure("ikp");
  EXPECT_EQ(f.stub().GetRespondentResult(testing::Context().get(), get, &r).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  get.set_measure("dektara");
  EXPECT_EQ(f.stub().GetRespondentResult(testing::Context().get(), get, &r).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A damaged running sum is told apart from a missing one.
  Mutation damage;
  damage.Put(KeyBuilder(kTagRespondentSum)
                 .AddInt32(2023)
                 .AddString("dektara")
                 .AddString("BNNP_NTB")
                 .AddString("BNNK_BIMA")
                 .Build(),
             "\xff\xff");
  ASSERT_TRUE(f.store().Commit(WriteContext{"test", "Damage", ""}, std::move(damage)).ok());
  EXPECT_EQ(f.stub().GetRespondentResult(testing::Context().get(), get, &r).error_code(),
            grpc::StatusCode::DATA_LOSS);
}

}  // namespace
}  // namespace lkip::pencegahan
