// A score import is checked and its records made before the store sees it: the field and value
// of each refusal, and the recomputation with its rule reference, from the shipped 2023 rules.
#include "services/keuangan/score_import.h"

#include <gtest/gtest.h>

namespace lkip::keuangan {
namespace {

const YearRules& Rules2023() {
  static const RuleBook* book =
      new RuleBook(std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules")));
  return **book->ForYear(2023);
}

v1::ImportBudgetScoresRequest NkaRequest() {
  v1::ImportBudgetScoresRequest r;
  r.set_fiscal_year(2023);
  r.set_kind(v1::SCORE_KIND_NKA);
  r.set_source(v1::SCORE_SOURCE_SMART);
  r.set_source_document("SMART DJA, ekspor 2024-01-15");
  auto* s = r.add_scores();
  s->set_satker_code("BNNP_NTB");
  s->mutable_value()->set_value("87.93");
  auto* c = s->mutable_nka();
  c->mutable_penyerapan()->set_value("95.53");
  c->mutable_konsistensi()->set_value("99.61");
  c->mutable_capaian_output()->set_value("99.72");
  c->mutable_nilai_efisiensi()->set_value("59.98");
  return r;
}

TEST(ScoreImportTest, MakesEachRecordWithItsRecomputation) {
  auto checked = CheckScoreImport(NkaRequest(), Rules2023());
  ASSERT_TRUE(checked.ok()) << checked.status();
  ASSERT_EQ(checked->scores.size(), 1u);
  const auto& [satker, record] = checked->scores[0];
  EXPECT_EQ(satker, "BNNP_NTB");
  EXPECT_EQ(record.value(), "87.93");
  EXPECT_EQ(record.recomputed(), "87.92791");
  EXPECT_EQ(checked->source_document, "SMART: SMART DJA, ekspor 2024-01-15");
  EXPECT_NE(record.rule_ref().find("NKA = "), std::string::npos) << record.rule_ref();
  // Within the rule's tolerance: no finding.
  auto findings = DifferenceFindings(v1::SCORE_KIND_NKA, satker, record, checked->rule.tolerance);
  ASSERT_TRUE(findings.ok());
  EXPECT_TRUE(findings->empty());
}

TEST(ScoreImportTest, RefusalsNameTheFieldAndTheValue) {
  auto refused = [](v1::ImportBudgetScoresRequest r) {
    auto checked = CheckScoreImport(r, Rules2023());
    EXPECT_EQ(checked.status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(checked.status().message());
  };
  auto r = NkaRequest();
  r.mutable_scores(0)->mutable_nka()->mutable_penyerapan()->set_value("120");
  EXPECT_EQ(refused(r), "scores[0].nka.penyerapan: 120 is outside 0..100");
  r = NkaRequest();
  *r.add_scores() = r.scores(0);
  EXPECT_EQ(refused(r), "scores[1].satker_code: BNNP_NTB appears twice");
  r = NkaRequest();
  r.set_source(v1::SCORE_SOURCE_OM_SPAN);
  EXPECT_NE(refused(r).find("source: SCORE_SOURCE_OM_SPAN does not publish NKA"), std::string::npos);
  r = NkaRequest();
  r.set_kind(v1::SCORE_KIND_UNSPECIFIED);
  EXPECT_NE(refused(r).find("kind: 0 is neither NKA nor IKPA"), std::string::npos);
  r = NkaRequest();
  r.mutable_scores(0)->mutable_nka()->clear_nilai_efisiensi();
  EXPECT_EQ(refused(r), "scores[0].nka: needs efisiensi or nilai_efisiensi");
}

}  // namespace
}  // namespace lkip::keuangan
