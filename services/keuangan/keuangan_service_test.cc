// The keuangan RPCs through real stubs on a real RocksDB: DIPA, realisasi and the budget
// tables; NKA and IKPA imports with their recomputation; every refusal names the field and
// writes nothing.
#include "services/keuangan/keuangan_service.h"

#include <gtest/gtest.h>

#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"

namespace lkip::keuangan {
namespace {

using testing::Context;
using Fixture = testing::BidangFixture<v1::Keuangan, KeuanganService>;

v1::BudgetLine Line(const char* program, const char* kegiatan, int64_t amount) {
  v1::BudgetLine l;
  l.set_program_code(program);
  l.set_kegiatan_code(kegiatan);
  l.mutable_amount()->set_amount(amount);
  return l;
}

class KeuanganTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  grpc::Status Dipa(const std::string& satker, std::vector<v1::BudgetLine> lines,
                    v1::BudgetWriteResponse* resp = nullptr, const std::string& ref = "DIPA-066.01.2/2023") {
    v1::RecordDipaRequest req;
    req.set_fiscal_year(2023);
    req.set_satker_code(satker);
    req.set_dipa_ref(ref);
    *req.mutable_date() = DateFromIso("2022-12-12");
    for (auto& l : lines) *req.add_lines() = l;
    v1::BudgetWriteResponse ignored;
    return f_.stub().RecordDipa(Context("bendahara").get(), req, resp ? resp : &ignored);
  }

  grpc::Status Realisasi(const std::string& satker, int month, std::vector<v1::BudgetLine> lines,
                         v1::BudgetWriteResponse* resp = nullptr) {
    v1::RecordRealisasiRequest req;
    req.set_fiscal_year(2023);
    req.set_satker_code(satker);
    req.set_month(month);
    req.set_source_document("OM-SPAN realisasi bulanan");
    for (auto& l : lines) *req.add_lines() = l;
    v1::BudgetWriteResponse ignored;
    return f_.stub().RecordRealisasi(Context("bendahara").get(), req, resp ? resp : &ignored);
  }

  v1::BudgetTables Tables(int through = 0) {
    v1::GetBudgetTablesRequest req;
    req.set_fiscal_year(2023);
    req.set_province_code("BNNP_NTB");
    req.set_through_month(through);
    v1::BudgetTables out;
    EXPECT_TRUE(f_.stub().GetBudgetTables(Context().get(), req, &out).ok());
    return out;
  }

  void ExpectRefused(const grpc::Status& s, const std::string& field, size_t audit_before) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    EXPECT_NE(s.error_message().find(field), std::string::npos) << s.error_message();
    EXPECT_EQ(f_.AuditEntries(), audit_before) << "a refused request wrote something";
  }

  Fixture f_{"keuangan"};
};

TEST_F(KeuanganTest, DipaAndRealisasiMakeTheTables) {
  ASSERT_TRUE(Dipa("BNNP_NTB",
                   {Line("DUKMAN", "ketatausahaan-sarpras", 6000000000), Line("P4GN", "advokasi", 500000000)})
                  .ok());
  ASSERT_TRUE(Dipa("BNNK_MATARAM", {Line("DUKMAN", "administrasi-keuangan", 1000000000)}).ok());
  ASSERT_TRUE(Realisasi("BNNP_NTB", 1, {Line("DUKMAN", "ketatausahaan-sarpras", 400000000)}).ok());
  ASSERT_TRUE(
      Realisasi("BNNP_NTB", 12,
                {Line("DUKMAN", "ketatausahaan-sarpras", 5500000000), Line("P4GN", "advokasi", 499000000)})
          .ok());
  ASSERT_TRUE(Realisasi("BNNK_MATARAM", 6, {Line("DUKMAN", "administrasi-keuangan", 999999999)}).ok());
  auto t = Tables();
  EXPECT_EQ(t.per_satker().total().pagu().amount(), 7500000000);
  EXPECT_EQ(t.per_satker().total().realisasi().amount(), 7398999999);
  EXPECT_EQ(t.per_satker().total().sisa().amount(), 101000001);
  EXPECT_EQ(t.per_program().rows(0).code(), "DUKMAN");
  EXPECT_EQ(t.per_program().rows(0).realisasi().amount(), 6899999999);
  EXPECT_EQ(t.per_kegiatan().rows_size(), 3);
  ASSERT_EQ(t.satker_without_dipa_size(), 1);
  EXPECT_EQ(t.satker_without_dipa(0), "BNNK_BIMA");
  EXPECT_EQ(Tables(6).per_satker().total().realisasi().amount(), 400000000 + 999999999);
  // A month recorded again replaces what it held; the same again is unchanged.
  ASSERT_TRUE(Realisasi("BNNP_NTB", 1, {Line("DUKMAN", "ketatausahaan-sarpras", 300000000)}).ok());
  EXPECT_EQ(Tables().per_satker().total().realisasi().amount(), 7298999999);
  v1::BudgetWriteResponse resp;
  const size_t before = f_.AuditEntries();
  ASSERT_TRUE(Realisasi("BNNP_NTB", 1, {Line("DUKMAN", "ketatausahaan-sarpras", 300000000)}, &resp).ok());
  EXPECT_TRUE(resp.unchanged());
  EXPECT_EQ(f_.AuditEntries(), before);
}

TEST_F(KeuanganTest, SpendingAbovePaguIsAcceptedAndReported) {
  ASSERT_TRUE(Dipa("BNNK_BIMA", {Line("P4GN", "penyidikan-jaringan", 100000000)}).ok());
  v1::BudgetWriteResponse resp;
  ASSERT_TRUE(Realisasi("BNNK_BIMA", 11, {Line("P4GN", "penyidikan-jaringan", 100000500)}, &resp).ok());
  ASSERT_EQ(resp.findings_size(), 1);
  EXPECT_EQ(resp.findings(0).code(), "REALISASI_MELEBIHI_PAGU");
  auto t = Tables();
  ASSERT_EQ(t.findings_size(), 1);
  EXPECT_EQ(t.per_satker().total().sisa().amount(), -500);
  // A revised DIPA raising the pagu clears it.
  ASSERT_TRUE(
      Dipa("BNNK_BIMA", {Line("P4GN", "penyidikan-jaringan", 100000500)}, &resp, "DIPA revisi 1").ok());
  EXPECT_EQ(resp.findings_size(), 0);
  EXPECT_EQ(Tables().findings_size(), 0);
}

TEST_F(KeuanganTest, BadBudgetInputIsRefusedAndWritesNothing) {
  ASSERT_TRUE(Dipa("BNNP_NTB", {Line("DUKMAN", "ketatausahaan-sarpras", 1000)}).ok());
  const size_t before = f_.AuditEntries();
  ExpectRefused(
      Dipa("BNNP_NTB", {Line("DUKMAN", "ketatausahaan-sarpras", 1000), Line("P4GN", "advokasi", -5)}),
      "lines[1].amount: -5", before);
  ExpectRefused(Dipa("BNNP_NTB", {Line("066.01.XX", "advokasi", 5)}), "lines[0].program_code: \"066.01.XX\"",
                before);
  ExpectRefused(Dipa("BNNP_NTB", {Line("DUKMAN", "advokasi", 5)}), "lines[0].kegiatan_code: \"advokasi\"",
                before);
  ExpectRefused(Dipa("BNNP_NTB", {Line("P4GN", "advokasi", 5), Line("P4GN", "advokasi", 6)}), "lines[1]",
                before);
  ExpectRefused(Realisasi("BNNP_NTB", 13, {Line("DUKMAN", "ketatausahaan-sarpras", 5)}), "month: 13", before);
  ExpectRefused(Realisasi("BNNP_NTB", 0, {Line("DUKMAN", "ketatausahaan-sarpras", 5)}), "month: 0", before);
  ExpectRefused(Realisasi("BNNP_NTB", 3, {Line("DUKMAN", "ketatausahaan-sarpras", -1)}),
                "lines[0].amount: -1", before);
  ExpectRefused(Realisasi("BNNP_NTB", 3, {Line("P4GN", "advokasi", 1)}), "not in the DIPA of BNNP_NTB",
                before);
  EXPECT_EQ(Realisasi("BNNK_BIMA", 3, {Line("P4GN", "advokasi", 1)}).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Dipa("BNNK_NOWHERE", {Line("P4GN", "advokasi", 1)}).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::RecordDipaRequest bad_date;
  bad_date.set_fiscal_year(2023);
  bad_date.set_satker_code("BNNP_NTB");
  bad_date.set_dipa_ref("DIPA");
  *bad_date.mutable_date() = DateFromIso("2022-13-01");
  *bad_date.add_lines() = Line("P4GN", "advokasi", 1);
  v1::BudgetWriteResponse ignored;
  ExpectRefused(f_.stub().RecordDipa(Context().get(), bad_date, &ignored),
                "date: 2022-13-01 is not a calendar date", before);
  v1::GetBudgetTablesRequest month;
  month.set_fiscal_year(2023);
  month.set_province_code("BNNP_NTB");
  month.set_through_month(13);
  v1::BudgetTables tables;
  EXPECT_EQ(f_.stub().GetBudgetTables(Context().get(), month, &tables).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

v1::BudgetScoreInput Nka(const char* satker, const char* value, const char* p, const char* k, const char* cro,
                         const char* ne) {
  v1::BudgetScoreInput in;
  in.set_satker_code(satker);
  in.mutable_value()->set_value(value);
  in.mutable_nka()->mutable_penyerapan()->set_value(p);
  in.mutable_nka()->mutable_konsistensi()->set_value(k);
  in.mutable_nka()->mutable_capaian_output()->set_value(cro);
  in.mutable_nka()->mutable_nilai_efisiensi()->set_value(ne);
  return in;
}

grpc::Status ImportScores(Fixture& f, v1::ScoreKind kind, v1::ScoreSource source,
                          std::vector<v1::BudgetScoreInput> scores, v1::ImportBudgetScoresResponse* resp) {
  v1::ImportBudgetScoresRequest req;
  req.set_fiscal_year(2023);
  req.set_kind(kind);
  req.set_source(source);
  req.set_source_document("smart.kemenkeu.go.id unduhan 2024-01-15");
  for (auto& s : scores) *req.add_scores() = s;
  return f.stub().ImportBudgetScores(Context("perencana").get(), req, resp);
}

TEST_F(KeuanganTest, NkaImportedFromSmartWithItsRecomputationBeside) {
  v1::ImportBudgetScoresResponse resp;
  ASSERT_TRUE(ImportScores(f_, v1::SCORE_KIND_NKA, v1::SCORE_SOURCE_SMART,
                           {Nka("BNNP_NTB", "87.93", "95.53", "99.61", "99.72", "59.98"),
                            Nka("BNNK_MATARAM", "93.00", "95.53", "99.61", "99.72", "59.98"),
                            Nka("BNNK_BIMA", "85.77", "85.77", "85.77", "85.77", "85.77")},
                           &resp)
                  .ok());
  EXPECT_EQ(resp.written(), 3);
  // Mataram's published 93,00 is not what its components give (87,93): a finding.
  ASSERT_EQ(resp.findings_size(), 1);
  EXPECT_EQ(resp.findings(0).code(), "NKA_HITUNG_ULANG_BERBEDA");
  EXPECT_EQ(resp.findings(0).subject(), "BNNK_MATARAM");

  auto ikk15 = f_.Values("IKK-15");
  ASSERT_EQ(ikk15.values_size(), 1);
  EXPECT_EQ(ikk15.values(0).realisasi().value(), "87.93");
  const auto& bnnp = ikk15.values(0).satker_rows(0);
  EXPECT_EQ(bnnp.provenance().kind(), common::v1::PROVENANCE_KIND_IMPORTED);
  EXPECT_NE(bnnp.provenance().source_document().find("SMART"), std::string::npos);
  EXPECT_EQ(bnnp.alternative().value().value(), "87.92791");
  EXPECT_NE(bnnp.alternative().provenance().rule_ref().find("PMK 22/2021"), std::string::npos);
  // Its components are the parts of the value (the report's rincian): efisiensi explains it.
  std::vector<std::string> parts;
  for (const auto& d : bnnp.details()) parts.push_back(d.label() + "=" + d.value().value());
  EXPECT_EQ(parts, (std::vector<std::string>{"Penyerapan anggaran=95.53", "Konsistensi RPD=99.61",
                                             "Capaian RO=99.72", "Nilai efisiensi=59.98"}));
  // IKK-16 counts the BNNK whose published NKA reaches 92.
  EXPECT_EQ(f_.Values("IKK-16").values(0).realisasi().value(), "1");

  v1::GetBudgetScoresRequest get;
  get.set_fiscal_year(2023);
  get.set_kind(v1::SCORE_KIND_NKA);
  get.set_province_code("BNNP_NTB");
  v1::BudgetScores scores;
  ASSERT_TRUE(f_.stub().GetBudgetScores(Context().get(), get, &scores).ok());
  ASSERT_EQ(scores.scores_size(), 3);
  EXPECT_EQ(scores.regulation(), "PMK 22/2021");
  EXPECT_EQ(scores.scores(0).satker_code(), "BNNP_NTB");
  EXPECT_EQ(scores.scores(0).category(), "Baik");
  EXPECT_EQ(scores.scores(0).difference().value(), "-0.00209");
  EXPECT_EQ(scores.scores(0).findings_size(), 0);

  // The same import again writes nothing.
  const size_t before = f_.AuditEntries();
  ASSERT_TRUE(ImportScores(f_, v1::SCORE_KIND_NKA, v1::SCORE_SOURCE_SMART,
                           {Nka("BNNP_NTB", "87.93", "95.53", "99.61", "99.72", "59.98")}, &resp)
                  .ok());
  EXPECT_EQ(resp.unchanged(), 1);
  EXPECT_EQ(f_.AuditEntries(), before);
}

TEST_F(KeuanganTest, IkpaFromOmSpanWithAnInapplicableIndicator) {
  v1::BudgetScoreInput in;
  in.set_satker_code("BNNP_NTB");
  in.mutable_value()->set_value("96.67");
  const std::vector<std::pair<const char*, const char*>> values = {
      {"revisi_dipa", "100"},      {"deviasi_halaman_iii", "90"},   {"penyerapan", "95"},
      {"belanja_kontraktual", ""}, {"penyelesaian_tagihan", "100"}, {"up_tup", "100"},
      {"capaian_output", "98"}};
  for (const auto& [id, v] : values) {
    auto* c = in.mutable_ikpa()->add_components();
    c->set_id(id);
    if (*v == '\0') {
      c->set_not_applicable(true);
    } else {
      c->mutable_value()->set_value(v);
    }
  }
  v1::ImportBudgetScoresResponse resp;
  ASSERT_TRUE(ImportScores(f_, v1::SCORE_KIND_IKPA, v1::SCORE_SOURCE_OM_SPAN, {in}, &resp).ok());
  EXPECT_EQ(resp.findings_size(), 0);
  auto ikk17 = f_.Values("IKK-17");
  EXPECT_EQ(ikk17.values(0).realisasi().value(), "96.67");
  EXPECT_EQ(Decimal::Parse(ikk17.values(0).satker_rows(0).alternative().value().value())->ToIndonesian(4),
            "96,6667");
}

TEST_F(KeuanganTest, BadScoresAreRefusedAndWriteNothing) {
  const size_t before = f_.AuditEntries();
  v1::ImportBudgetScoresResponse resp;
  ExpectRefused(ImportScores(f_, v1::SCORE_KIND_NKA, v1::SCORE_SOURCE_OM_SPAN,
                             {Nka("BNNP_NTB", "87.93", "95.53", "99.61", "99.72", "59.98")}, &resp),
                "source: SCORE_SOURCE_OM_SPAN", before);
  ExpectRefused(ImportScores(f_, v1::SCORE_KIND_NKA, v1::SCORE_SOURCE_SMART,
                             {Nka("BNNP_NTB", "87.93", "95.53", "99.61", "99.72", "59.98"),
                              Nka("BNNK_BIMA", "101", "95.53", "99.61", "99.72", "59.98")},
                             &resp),
                "scores[1].value: 101", before);
  ExpectRefused(ImportScores(f_, v1::SCORE_KIND_NKA, v1::SCORE_SOURCE_SMART,
                             {Nka("BNNP_NTB", "87.93", "95.53", "-1", "99.72", "59.98")}, &resp),
                "scores[0].nka.konsistensi: -1", before);
  ExpectRefused(ImportScores(f_, v1::SCORE_KIND_NKA, v1::SCORE_SOURCE_SMART,
                             {Nka("BNNP_NTB", "87.93", "95.53", "99.61", "99.72", "59.98"),
                              Nka("BNNP_NTB", "87.93", "95.53", "99.61", "99.72", "59.98")},
                             &resp),
                "scores[1].satker_code: BNNP_NTB appears twice", before);
  v1::BudgetScoreInput ikpa;
  ikpa.set_satker_code("BNNP_NTB");
  ikpa.mutable_value()->set_value("97");
  auto* c = ikpa.mutable_ikpa()->add_components();
  c->set_id("revisi_dipa");
  c->mutable_value()->set_value("100");
  ExpectRefused(ImportScores(f_, v1::SCORE_KIND_IKPA, v1::SCORE_SOURCE_OM_SPAN, {ikpa}, &resp),
                "scores[0].ikpa.components: \"deviasi_halaman_iii\"", before);
}

}  // namespace
}  // namespace lkip::keuangan
