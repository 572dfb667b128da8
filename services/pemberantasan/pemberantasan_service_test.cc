// The pemberantasan RPCs through real stubs: case-file stages and IKK-12, the detainee register
// and IKK-13, evidence BA and IKK-14; each refusal names the field and writes nothing.
#include "services/pemberantasan/pemberantasan_service.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/storage/key_codec.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "services/pemberantasan/case_store.h"

namespace lkip::pemberantasan {
namespace {

using testing::Context;
using Fixture = testing::BidangFixture<v1::Pemberantasan, PemberantasanService>;

RuleBook ComputedRules() {
  rules::v1::RuleSet rs = (*testing::ShippedRules().ForYear(2023))->rules();
  for (auto& ind : *rs.mutable_indicators()) {
    if (ind.code() >= "IKK-12" && ind.code() <= "IKK-14")
      ind.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  }
  return std::move(*RuleBook::FromRuleSets({rs}));
}

class PemberantasanTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  grpc::Status Stage(const std::string& satker, const std::string& ref, v1::CaseStage stage,
                     const std::string& date, v1::RecordCaseStageResponse* resp = nullptr) {
    v1::RecordCaseStageRequest req;
    req.set_satker_code(satker);
    req.set_case_ref(ref);
    req.set_stage(stage);
    *req.mutable_date() = DateFromIso(date);
    v1::RecordCaseStageResponse ignored;
    return f_.stub().RecordCaseStage(Context("penyidik").get(), req, resp ? resp : &ignored);
  }

  grpc::Status Ba(v1::BeritaAcaraKind kind, const std::string& ref, const std::string& date,
                  std::vector<std::tuple<std::string, std::string, std::string>> items,
                  const std::string& penitipan = "", const std::string& satker = "BNNP_NTB",
                  v1::RecordBeritaAcaraResponse* resp = nullptr) {
    v1::RecordBeritaAcaraRequest req;
    auto* ba = req.mutable_berita_acara();
    ba->set_kind(kind);
    ba->set_ba_ref(ref);
    ba->set_satker_code(satker);
    *ba->mutable_date() = DateFromIso(date);
    ba->set_penitipan_ref(penitipan);
    if (kind == v1::BERITA_ACARA_KIND_PENYUSUTAN) ba->set_reason("uji laboratorium");
    for (const auto& [type, quantity, unit] : items) {
      auto* i = ba->add_items();
      i->set_type(type);
      i->mutable_quantity()->set_value(quantity);
      i->set_unit(unit);
    }
    v1::RecordBeritaAcaraResponse ignored;
    return f_.stub().RecordBeritaAcara(Context("petugas-bb").get(), req, resp ? resp : &ignored);
  }

  Fixture f_{"pemberantasan", ComputedRules()};
};

TEST_F(PemberantasanTest, AFileBegunIn2022ThatReachedP21In2023CountsIn2023) {
  // BP-01 began in 2022, P-21 in January 2023; BP-02 all in 2023; BP-03 reached P-21 in 2022.
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-01/XII/2022", v1::CASE_STAGE_SPDP, "2022-11-02").ok());
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-01/XII/2022", v1::CASE_STAGE_TAHAP_I, "2022-12-12").ok());
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-01/XII/2022", v1::CASE_STAGE_P21, "2023-01-10").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_SPDP, "2023-02-01").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_TAHAP_I, "2023-03-01").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_P19, "2023-03-10").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_TAHAP_I, "2023-03-20").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_P21, "2023-04-02").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-03/2022", v1::CASE_STAGE_SPDP, "2022-02-01").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-03/2022", v1::CASE_STAGE_TAHAP_I, "2022-03-01").ok());
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-03/2022", v1::CASE_STAGE_P21, "2022-04-01").ok());

  auto v = f_.Values("IKK-12");
  ASSERT_TRUE(v.values(0).available()) << v.values(0).unavailable_reason();
  EXPECT_EQ(v.values(0).realisasi().value(), "2");
  v1::ListP21FilesRequest list;
  list.set_fiscal_year(2023);
  list.set_satker_code("BNNP_NTB");
  v1::ListP21FilesResponse files;
  ASSERT_TRUE(f_.stub().ListP21Files(Context().get(), list, &files).ok());
  ASSERT_EQ(files.files_size(), 1);
  EXPECT_EQ(DateText(files.files(0).stages(0).date()), "2022-11-02");

  // A retry of the last stage changes nothing.
  const size_t audit = f_.AuditEntries();
  v1::RecordCaseStageResponse resp;
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_P21, "2023-04-02", &resp).ok());
  EXPECT_TRUE(resp.unchanged());
  // Replaying an earlier stage of the history (an import run again) changes nothing either.
  ASSERT_TRUE(Stage("BNNK_BIMA", "BP-02/2023", v1::CASE_STAGE_SPDP, "2023-02-01", &resp).ok());
  EXPECT_TRUE(resp.unchanged());
  EXPECT_EQ(resp.current_stage(), v1::CASE_STAGE_P21);
  EXPECT_EQ(f_.AuditEntries(), audit);
  EXPECT_EQ(f_.Values("IKK-12").values(0).realisasi().value(), "2");
}

// A file as recorded, a file never opened (NOT_FOUND) and a record that does not parse
// (DATA_LOSS, not NOT_FOUND: the file exists and is damaged).
TEST_F(PemberantasanTest, GetCaseFileTellsMissingFromDamaged) {
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-20", v1::CASE_STAGE_SPDP, "2023-05-01").ok());
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-20", v1::CASE_STAGE_TAHAP_I, "2023-06-01").ok());
  auto get = [&](const std::string& ref, v1::CaseFile* file) {
    v1::GetCaseFileRequest req;
    req.set_satker_code("BNNP_NTB");
    req.set_case_ref(ref);
    return f_.stub().GetCaseFile(Context().get(), req, file);
  };
  v1::CaseFile file;
  ASSERT_TRUE(get("BP-20", &file).ok());
  ASSERT_EQ(file.stages_size(), 2);
  EXPECT_EQ(file.stages(1).stage(), v1::CASE_STAGE_TAHAP_I);
  EXPECT_EQ(file.case_ref(), "BP-20");
  EXPECT_EQ(get("BP-21", &file).error_code(), grpc::StatusCode::NOT_FOUND);
  Mutation damage;
  damage.Put(KeyBuilder(kTagCaseFile).AddString("BNNP_NTB").AddString("BP-22").Build(), "\xff\xff");
  ASSERT_TRUE(f_.store().Commit(WriteContext{"test", "Damage", ""}, std::move(damage)).ok());
  EXPECT_EQ(get("BP-22", &file).error_code(), grpc::StatusCode::DATA_LOSS);
}

TEST_F(PemberantasanTest, IllegalStagesAndBackwardDatesAreRefusedAndNothingIsWritten) {
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-09", v1::CASE_STAGE_SPDP, "2023-05-01").ok());
  ASSERT_TRUE(Stage("BNNP_NTB", "BP-09", v1::CASE_STAGE_TAHAP_I, "2023-06-01").ok());
  const size_t audit = f_.AuditEntries();
  grpc::Status s = Stage("BNNP_NTB", "BP-09", v1::CASE_STAGE_TAHAP_II, "2023-07-01");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("stage: Tahap II cannot follow Tahap I"), std::string::npos)
      << s.error_message();
  s = Stage("BNNP_NTB", "BP-09", v1::CASE_STAGE_P21, "2023-05-30");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("date: 2023-05-30 is before"), std::string::npos) << s.error_message();
  s = Stage("BNNP_NTB", "BP-10", v1::CASE_STAGE_P21, "2023-05-30");
  EXPECT_NE(s.error_message().find("opens with SPDP"), std::string::npos) << s.error_message();
  s = Stage("BNNP_NTB", "BP-09", v1::CASE_STAGE_P21, "2023-13-01");
  EXPECT_NE(s.error_message().find("date: 2023-13-01 is not a calendar date"), std::string::npos)
      << s.error_message();
  // A year no record can carry: a typing error.
  for (const char* typo : {"9999-12-31", "2203-05-01", "1945-08-17"}) {
    s = Stage("BNNP_NTB", "BP-12", v1::CASE_STAGE_SPDP, typo);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find(absl::StrCat("date: ", typo, " is outside 2000..")), std::string::npos)
        << s.error_message();
  }
  s = Stage("BNNK_LOMBOK", "BP-11", v1::CASE_STAGE_SPDP, "2023-05-30");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  s = Stage("BNNP_NTB", "", v1::CASE_STAGE_SPDP, "2023-05-30");
  EXPECT_NE(s.error_message().find("case_ref"), std::string::npos) << s.error_message();
  EXPECT_EQ(f_.AuditEntries(), audit);
  EXPECT_FALSE(f_.Values("IKK-12").values(0).available());
}

TEST_F(PemberantasanTest, DetaineeValueIsHundredWithoutIncidentAndFallsWithIncidents) {
  v1::RecordDetaineesRequest reg;
  for (const auto& [ref, start, end] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"T-001/2023", "2023-01-05", "2023-03-01"}, {"T-002/2023", "2023-02-10", ""}}) {
    auto* d = reg.add_detainees();
    d->set_detainee_ref(ref);
    d->set_satker_code("BNNP_NTB");
    *d->mutable_custody_start() = DateFromIso(start);
    *d->mutable_custody_end() = DateFromIso(end);
  }
  v1::DetaineeWriteResponse resp;
  ASSERT_TRUE(f_.stub().RecordDetainees(Context().get(), reg, &resp).ok());
  EXPECT_EQ(f_.Values("IKK-13").values(0).realisasi().value(), "100");

  v1::RecordDetaineeIncidentsRequest inc;
  auto* i = inc.add_incidents();
  i->set_incident_id("INS-1");
  i->set_detainee_ref("T-002/2023");
  i->set_kind(v1::INCIDENT_KIND_ESCAPE);
  *i->mutable_date() = DateFromIso("2023-04-01");
  ASSERT_TRUE(f_.stub().RecordDetaineeIncidents(Context().get(), inc, &resp).ok());
  EXPECT_EQ(f_.Values("IKK-13").values(0).realisasi().value(), "50");  // 100 / (1 + 1)
  v1::GetDetaineeResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNP_NTB");
  v1::DetaineeResult result;
  ASSERT_TRUE(f_.stub().GetDetaineeResult(Context().get(), get, &result).ok());
  EXPECT_EQ(result.detainees_held(), 2);
  EXPECT_EQ(result.escapes(), 1);

  const size_t audit = f_.AuditEntries();
  *i->mutable_date() = DateFromIso("2023-01-01");  // before the custody began
  grpc::Status s = f_.stub().RecordDetaineeIncidents(Context().get(), inc, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("incidents[0].date"), std::string::npos) << s.error_message();
  *i->mutable_date() = DateFromIso("2023-04-01");
  i->set_detainee_ref("T-404");
  EXPECT_EQ(f_.stub().RecordDetaineeIncidents(Context().get(), inc, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
  *reg.mutable_detainees(0)->mutable_custody_end() = DateFromIso("2022-12-31");
  s = f_.stub().RecordDetainees(Context().get(), reg, &resp);
  EXPECT_NE(s.error_message().find("detainees[0].custody_end"), std::string::npos) << s.error_message();
  *reg.mutable_detainees(0)->mutable_custody_end() = DateFromIso("");
  reg.mutable_detainees(0)->set_detainee_ref("Budi Santoso");
  s = f_.stub().RecordDetainees(Context().get(), reg, &resp);
  EXPECT_NE(s.error_message().find("detainees[0].detainee_ref"), std::string::npos) << s.error_message();
  EXPECT_EQ(f_.AuditEntries(), audit);
}

TEST_F(PemberantasanTest, EvidenceValueComesFromTheItemsOfEachBaPair) {
  using K = v1::BeritaAcaraKind;
  // Pair 1 matches after a laboratory shrinkage; pair 2 releases less than was deposited.
  ASSERT_TRUE(Ba(K::BERITA_ACARA_KIND_PENITIPAN, "BAP-1", "2023-02-01", {{"sabu", "12.5", "gram"}}).ok());
  ASSERT_TRUE(
      Ba(K::BERITA_ACARA_KIND_PENYUSUTAN, "BAS-1", "2023-02-10", {{"sabu", "0.5", "gram"}}, "BAP-1").ok());
  ASSERT_TRUE(
      Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-1", "2023-05-01", {{"sabu", "12", "gram"}}, "BAP-1").ok());
  EXPECT_EQ(f_.Values("IKK-14").values(0).realisasi().value(), "100");
  ASSERT_TRUE(Ba(K::BERITA_ACARA_KIND_PENITIPAN, "BAP-2", "2023-03-01", {{"ganja", "1.2", "kilogram"}}).ok());
  ASSERT_TRUE(
      Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-2", "2023-06-01", {{"ganja", "1", "kilogram"}}, "BAP-2")
          .ok());
  auto v = f_.Values("IKK-14");
  EXPECT_EQ(v.values(0).realisasi().value(), "50");
  ASSERT_EQ(v.values(0).satker_rows(0).findings_size(), 1);
  EXPECT_EQ(v.values(0).satker_rows(0).findings(0).code(), "BARANG_BUKTI_TIDAK_SESUAI");
  EXPECT_NE(v.values(0).satker_rows(0).findings(0).message().find("dititipkan 1,2"), std::string::npos);

  v1::GetEvidenceResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNP_NTB");
  v1::EvidenceResult result;
  ASSERT_TRUE(f_.stub().GetEvidenceResult(Context().get(), get, &result).ok());
  ASSERT_EQ(result.pairs_size(), 2);
  EXPECT_TRUE(result.pairs(0).matches());
  EXPECT_FALSE(result.pairs(1).matches());
  get.set_satker_code("BNNK_BIMA");  // no BA at all: not available, not 100
  ASSERT_TRUE(f_.stub().GetEvidenceResult(Context().get(), get, &result).ok());
  EXPECT_FALSE(result.available());
}

// A chain is one record: its shrinkage BAs stop at 1.000 so the record stays small.
// Every computation of IKK-13 reads a detainee's incidents whole: a thousand at most, refused
// past that with nothing written.
TEST_F(PemberantasanTest, ADetaineeTakesAtMostAThousandIncidents) {
  v1::RecordDetaineesRequest reg;
  auto* d = reg.add_detainees();
  d->set_detainee_ref("T-009/2023");
  d->set_satker_code("BNNP_NTB");
  *d->mutable_custody_start() = DateFromIso("2023-01-05");
  v1::DetaineeWriteResponse resp;
  ASSERT_TRUE(f_.stub().RecordDetainees(Context().get(), reg, &resp).ok());
  auto incidents = [](int from, int to) {
    v1::RecordDetaineeIncidentsRequest inc;
    for (int n = from; n < to; ++n) {
      auto* i = inc.add_incidents();
      i->set_incident_id("INS-" + std::to_string(n));
      i->set_detainee_ref("T-009/2023");
      i->set_kind(v1::INCIDENT_KIND_FIGHT_INJURY_OR_DEATH);
      *i->mutable_date() = DateFromIso("2023-04-01");
    }
    return inc;
  };
  grpc::Status s = f_.stub().RecordDetaineeIncidents(Context().get(), incidents(0, 1000), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const size_t audit = f_.AuditEntries();
  s = f_.stub().RecordDetaineeIncidents(Context().get(), incidents(1000, 1002), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      s.error_message(),
      "incidents[0].detainee_ref: \"T-009/2023\" would have 1002 incidents, more than the limit of 1000; "
      "nothing written");
  EXPECT_EQ(f_.AuditEntries(), audit);
  // Rewriting one it has is no new incident.
  s = f_.stub().RecordDetaineeIncidents(Context().get(), incidents(999, 1000), &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(PemberantasanTest, AChainTakesAtMostAThousandShrinkageBas) {
  ASSERT_TRUE(Ba(v1::BERITA_ACARA_KIND_PENITIPAN, "BA-T/1", "2023-01-10", {{"sabu", "5000", "gram"}}).ok());
  for (int i = 0; i < 1000; ++i) {
    grpc::Status s = Ba(v1::BERITA_ACARA_KIND_PENYUSUTAN, "BA-S/" + std::to_string(i), "2023-02-01",
                        {{"sabu", "1", "gram"}}, "BA-T/1");
    ASSERT_TRUE(s.ok()) << i << ": " << s.error_message();
  }
  const size_t audit = f_.AuditEntries();
  grpc::Status s =
      Ba(v1::BERITA_ACARA_KIND_PENYUSUTAN, "BA-S/1000", "2023-02-01", {{"sabu", "1", "gram"}}, "BA-T/1");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      s.error_message(),
      "berita_acara.penitipan_ref: \"BA-T/1\" would have 1001 BA penyusutan, more than the limit of 1000; "
      "nothing written");
  EXPECT_EQ(f_.AuditEntries(), audit);
  s = Ba(v1::BERITA_ACARA_KIND_PENGELUARAN, "BA-K/1", "2023-03-01", {{"sabu", "4000", "gram"}}, "BA-T/1");
  EXPECT_TRUE(s.ok()) << "the chain still closes: " << s.error_message();
}

TEST_F(PemberantasanTest, BadBeritaAcaraAreRefusedAndNothingIsWritten) {
  using K = v1::BeritaAcaraKind;
  ASSERT_TRUE(Ba(K::BERITA_ACARA_KIND_PENITIPAN, "BAP-1", "2023-02-01", {{"sabu", "5", "gram"}}).ok());
  const size_t audit = f_.AuditEntries();
  grpc::Status s =
      Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-9", "2023-05-01", {{"sabu", "5", "gram"}}, "BAP-404");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("berita_acara.penitipan_ref: \"BAP-404\" has no BA penitipan"),
            std::string::npos)
      << s.error_message();
  s = Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-1", "2023-01-01", {{"sabu", "5", "gram"}}, "BAP-1");
  EXPECT_NE(s.error_message().find("berita_acara.date"), std::string::npos) << s.error_message();
  s = Ba(K::BERITA_ACARA_KIND_PENITIPAN, "BAP-3", "2023-02-01", {{"sabu", "-5", "gram"}});
  EXPECT_NE(s.error_message().find("berita_acara.items[0].quantity: \"-5\""), std::string::npos)
      << s.error_message();
  s = Ba(K::BERITA_ACARA_KIND_PENITIPAN, "BAP-3", "2023-02-01", {});
  EXPECT_NE(s.error_message().find("berita_acara.items"), std::string::npos) << s.error_message();
  s = Ba(K::BERITA_ACARA_KIND_PENITIPAN, "BAP-3", "2023-02-01", {{"sabu", "5", "gram"}}, "", "BNNK_LOMBOK");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(f_.AuditEntries(), audit);

  ASSERT_TRUE(
      Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-1", "2023-05-01", {{"sabu", "5", "gram"}}, "BAP-1").ok());
  s = Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-2", "2023-06-01", {{"sabu", "5", "gram"}}, "BAP-1");
  EXPECT_NE(s.error_message().find("was released by BAK-1"), std::string::npos) << s.error_message();
  v1::RecordBeritaAcaraResponse resp;
  ASSERT_TRUE(Ba(K::BERITA_ACARA_KIND_PENGELUARAN, "BAK-1", "2023-05-01", {{"sabu", "5", "gram"}}, "BAP-1",
                 "BNNP_NTB", &resp)
                  .ok());
  EXPECT_TRUE(resp.unchanged());
}

}  // namespace
}  // namespace lkip::pemberantasan
