// The kawasan rawan RPCs of the pencegahan service through real stubs: the register, the dated
// status history and IKK-04's count with its findings, interventions, IKKR and IKK-05.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "services/pencegahan/pencegahan_service.h"

namespace lkip::pencegahan {
namespace {

using testing::Context;
using Fixture = testing::BidangFixture<v1::Pencegahan, PencegahanService>;

// The shipped rules with IKK-04 and IKK-05 reading computed values.
RuleBook ComputedKawasanRules() {
  rules::v1::RuleSet rs = (*testing::ShippedRules().ForYear(2023))->rules();
  for (auto& ind : *rs.mutable_indicators()) {
    if (ind.code() == "IKK-04" || ind.code() == "IKK-05")
      ind.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  }
  return std::move(*RuleBook::FromRuleSets({rs}));
}

v1::KawasanStatusChange Change(const std::string& id, const std::string& date, const std::string& status) {
  v1::KawasanStatusChange c;
  c.set_kawasan_id(id);
  *c.mutable_date() = DateFromIso(date);
  c.set_status(status);
  c.set_basis("uji");
  return c;
}

v1::IkkrRespondent Respondent(const std::string& role, std::vector<int> scores) {
  v1::IkkrRespondent r;
  r.set_role(role);
  for (int s : scores) r.add_scores(s);
  return r;
}

class KawasanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(f_.PutUnits().ok());
    v1::RegisterKawasanRequest req;
    for (const auto& [id, satker] : std::vector<std::pair<std::string, std::string>>{
             {"kuta", "BNNP_NTB"}, {"ampenan", "BNNP_NTB"}, {"rabadompu", "BNNK_BIMA"}}) {
      auto* k = req.add_kawasan();
      k->set_kawasan_id(id);
      k->set_satker_code(satker);
      k->set_name("Desa " + id);
    }
    v1::KawasanWriteResponse resp;
    grpc::Status s = f_.stub().RegisterKawasan(Context("operator-1").get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(resp.written(), 3);
  }

  grpc::Status Status(std::vector<v1::KawasanStatusChange> changes,
                      v1::KawasanWriteResponse* resp = nullptr) {
    v1::RecordKawasanStatusRequest req;
    for (auto& c : changes) *req.add_changes() = c;
    v1::KawasanWriteResponse ignored;
    return f_.stub().RecordKawasanStatus(Context("operator-1").get(), req, resp ? resp : &ignored);
  }

  grpc::Status Ikkr(const std::string& kawasan, const std::string& id, const std::string& date,
                    std::vector<v1::IkkrRespondent> respondents) {
    v1::RecordIkkrAssessmentRequest req;
    auto* a = req.mutable_assessment();
    a->set_kawasan_id(kawasan);
    a->set_assessment_id(id);
    *a->mutable_date() = DateFromIso(date);
    for (auto& r : respondents) *a->add_respondents() = r;
    v1::KawasanWriteResponse resp;
    return f_.stub().RecordIkkrAssessment(Context("operator-1").get(), req, &resp);
  }

  v1::ListKawasanTransitionsResponse Transitions(const std::string& satker) {
    v1::ListKawasanTransitionsRequest req;
    req.set_fiscal_year(2023);
    req.set_satker_code(satker);
    v1::ListKawasanTransitionsResponse resp;
    EXPECT_TRUE(f_.stub().ListKawasanTransitions(Context().get(), req, &resp).ok());
    return resp;
  }

  Fixture f_{"pencegahan", ComputedKawasanRules()};
};

TEST_F(KawasanTest, CountsTheNamedTransitionAndReportsTheOthers) {
  // kuta: Bahaya (2022) -> Waspada (2023): counted. ampenan: Waspada -> Siaga in 2023, as the
  // seed's IKKR table states: not IKK-04's definition, so a finding, not a count.
  ASSERT_TRUE(Status({Change("kuta", "2022-11-01", "Bahaya"), Change("kuta", "2023-07-26", "Waspada"),
                      Change("ampenan", "2023-01-10", "Waspada"), Change("ampenan", "2023-12-05", "Siaga")})
                  .ok());
  auto t = Transitions("BNNP_NTB");
  ASSERT_EQ(t.transitions_size(), 2);
  EXPECT_EQ(t.transitions(0).kawasan_id(), "ampenan");
  EXPECT_EQ(t.transitions(0).counted_in_size(), 0);
  EXPECT_EQ(t.transitions(1).kawasan_id(), "kuta");
  ASSERT_EQ(t.transitions(1).counted_in_size(), 1);
  EXPECT_EQ(t.transitions(1).counted_in(0), "kawasan_bahaya_ke_waspada");
  ASSERT_EQ(t.findings_size(), 1);
  EXPECT_EQ(t.findings(0).code(), "KAWASAN_TRANSISI_TIDAK_DIHITUNG");
  EXPECT_NE(t.findings(0).message().find("Waspada menjadi Siaga"), std::string::npos)
      << t.findings(0).message();
  EXPECT_NE(t.findings(0).message().find("IKK-04"), std::string::npos);

  auto v = f_.Values("IKK-04");
  ASSERT_TRUE(v.values(0).available()) << v.values(0).unavailable_reason();
  EXPECT_EQ(v.values(0).realisasi().value(), "1");
  ASSERT_EQ(v.values(0).satker_rows_size(), 1);
  EXPECT_EQ(v.values(0).satker_rows(0).findings_size(), 1);
}

TEST_F(KawasanTest, AnEarlierStatusRecordedLaterChangesTheYearAfter) {
  ASSERT_TRUE(Status({Change("rabadompu", "2023-05-01", "Waspada")}).ok());
  EXPECT_EQ(f_.Values("IKK-04").values(0).realisasi().value(), "0");
  // The status the area had before 2023 arrives late: 2023's transition appears.
  ASSERT_TRUE(Status({Change("rabadompu", "2022-12-01", "Bahaya")}).ok());
  EXPECT_EQ(f_.Values("IKK-04").values(0).realisasi().value(), "1");
  // The same status again on the same day changes nothing.
  v1::KawasanWriteResponse resp;
  const size_t audit = f_.AuditEntries();
  ASSERT_TRUE(Status({Change("rabadompu", "2022-12-01", "Bahaya")}, &resp).ok());
  EXPECT_EQ(resp.unchanged(), 1);
  EXPECT_EQ(f_.AuditEntries(), audit);
}

TEST_F(KawasanTest, BadStatusChangesAreRefusedAndNothingIsWritten) {
  ASSERT_TRUE(Status({Change("kuta", "2023-01-01", "Bahaya")}).ok());
  const size_t audit = f_.AuditEntries();
  grpc::Status s = Status({Change("kuta", "2023-03-01", "Waspada"), Change("kuta", "2023-04-01", "Rawan")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("changes[1].status"), std::string::npos) << s.error_message();
  EXPECT_NE(s.error_message().find("Rawan"), std::string::npos);

  s = Status({Change("kuta", "2023-01-01", "Aman")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("already has status Bahaya"), std::string::npos) << s.error_message();

  s = Status({Change("kuta", "2023-02-30", "Aman")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("changes[0].date"), std::string::npos) << s.error_message();

  s = Status({Change("senggigi", "2023-03-01", "Aman")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(s.error_message().find("senggigi"), std::string::npos);

  EXPECT_EQ(f_.AuditEntries(), audit);
  v1::GetKawasanRequest get;
  get.set_kawasan_id("kuta");
  v1::KawasanDetail detail;
  ASSERT_TRUE(f_.stub().GetKawasan(Context().get(), get, &detail).ok());
  EXPECT_EQ(detail.history_size(), 1);
}

TEST_F(KawasanTest, RegisterRefusesAMoveToAnotherSatkerAndUnknownSatker) {
  const size_t audit = f_.AuditEntries();
  v1::RegisterKawasanRequest req;
  auto* k = req.add_kawasan();
  k->set_kawasan_id("kuta");
  k->set_satker_code("BNNK_MATARAM");
  k->set_name("Desa Kuta");
  v1::KawasanWriteResponse resp;
  grpc::Status s = f_.stub().RegisterKawasan(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("kawasan[0].satker_code"), std::string::npos) << s.error_message();
  k->set_kawasan_id("baru");
  k->set_satker_code("BNNK_XYZ");
  s = f_.stub().RegisterKawasan(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  k->set_satker_code("BNNK_MATARAM");
  k->set_kawasan_id("bad id");
  s = f_.stub().RegisterKawasan(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("kawasan[0].kawasan_id"), std::string::npos) << s.error_message();
  EXPECT_EQ(f_.AuditEntries(), audit);
}

// A satker's kawasan are read with a scan bounded at 10.000: the write that would pass it is
// refused whole, so the satker's reads keep working.
TEST_F(KawasanTest, ASatkerCannotHoldMoreKawasanThanItsReadsScan) {
  v1::RegisterKawasanRequest req;
  for (int i = 0; i < 9998; ++i) {  // with kuta and ampenan: 10.000
    auto* k = req.add_kawasan();
    k->set_kawasan_id("desa-" + std::to_string(i));
    k->set_satker_code("BNNP_NTB");
    k->set_name("Desa " + std::to_string(i));
  }
  v1::KawasanWriteResponse resp;
  grpc::Status s = f_.stub().RegisterKawasan(Context().get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const size_t audit = f_.AuditEntries();
  req.mutable_kawasan(0)->set_name("Desa nol, nama baru");  // a rename is no new kawasan
  auto* extra = req.add_kawasan();
  extra->set_kawasan_id("satu-lagi");
  extra->set_satker_code("BNNP_NTB");
  extra->set_name("Satu lagi");
  s = f_.stub().RegisterKawasan(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(),
            "kawasan[9998]: BNNP_NTB would have 10001 kawasan rawan, more than the limit of 10000; nothing "
            "written");
  EXPECT_EQ(f_.AuditEntries(), audit);
  extra->set_satker_code("BNNK_BIMA");  // another satker has room
  s = f_.stub().RegisterKawasan(Context().get(), req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  v1::ListKawasanTransitionsRequest list;  // reads every kawasan of the satker: 10.000 still read
  list.set_fiscal_year(2023);
  list.set_satker_code("BNNP_NTB");
  v1::ListKawasanTransitionsResponse transitions;
  grpc::Status read = f_.stub().ListKawasanTransitions(Context().get(), list, &transitions);
  EXPECT_TRUE(read.ok()) << read.error_message();
  v1::GetKawasanRequest get;
  get.set_kawasan_id("desa-0");
  v1::KawasanDetail detail;
  ASSERT_TRUE(f_.stub().GetKawasan(Context().get(), get, &detail).ok());
  EXPECT_EQ(detail.kawasan().name(), "Desa nol, nama baru");
}

TEST_F(KawasanTest, IkkrIsTheMeanOverAspectsAndRespondentsAndFeedsIkk05) {
  // 5 respondents x 7 aspects; sum 101 -> 101/35.
  ASSERT_TRUE(
      Ikkr(
          "kuta", "ikkr-2023", "2023-12-04",
          {Respondent("kades/lurah", {3, 3, 3, 3, 3, 3, 3}),
           Respondent("Bhabinkamtibmas", {3, 3, 3, 3, 3, 3, 3}), Respondent("Babinsa", {3, 3, 3, 3, 2, 3, 3}),
           Respondent("peserta", {3, 3, 3, 3, 3, 3, 3}), Respondent("Kesbangpol", {3, 3, 2, 2, 2, 3, 3})})
          .ok());
  v1::GetKawasanRequest get;
  get.set_kawasan_id("kuta");
  v1::KawasanDetail detail;
  ASSERT_TRUE(f_.stub().GetKawasan(Context().get(), get, &detail).ok());
  ASSERT_EQ(detail.assessments_size(), 1);
  EXPECT_EQ(detail.assessments(0).ikkr().value(), "101/35");  // 2,8857...
  EXPECT_EQ(detail.assessments(0).implied_status(), "Siaga");
  EXPECT_EQ(detail.assessments(0).aspect_means(4).value(), "2.6");

  // A second area of the satker, all 4: satker IKKR = mean of the two areas.
  ASSERT_TRUE(
      Ikkr("ampenan", "ikkr-2023", "2023-12-05", {Respondent("kades/lurah", {4, 4, 4, 4, 4, 4, 4})}).ok());
  auto v = f_.Values("IKK-05");
  ASSERT_TRUE(v.values(0).available()) << v.values(0).unavailable_reason();
  EXPECT_EQ(v.values(0).realisasi().value(), "241/70");  // (101/35 + 4) / 2

  // Moved to 2024 by a correction: 2023 keeps only kuta.
  ASSERT_TRUE(
      Ikkr("ampenan", "ikkr-2023", "2024-01-05", {Respondent("kades/lurah", {4, 4, 4, 4, 4, 4, 4})}).ok());
  EXPECT_EQ(f_.Values("IKK-05").values(0).realisasi().value(), "101/35");
}

TEST_F(KawasanTest, BadIkkrAssessmentsAreRefused) {
  const size_t audit = f_.AuditEntries();
  grpc::Status s =
      Ikkr("kuta", "a1", "2023-12-04",
           {Respondent("kades/lurah", {3, 3, 3, 3, 3, 3, 3}), Respondent("Babinsa", {3, 3, 3, 5, 3, 3, 3})});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("assessment.respondents[1].scores[3]"), std::string::npos)
      << s.error_message();
  s = Ikkr("kuta", "a1", "2023-12-04", {Respondent("kades/lurah", {3, 3, 3, 3, 3, 3})});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("assessment.respondents[0].scores"), std::string::npos)
      << s.error_message();
  s = Ikkr("kuta", "a1", "2023-12-04", {});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Ikkr("nowhere", "a1", "2023-12-04", {Respondent("kades/lurah", {3, 3, 3, 3, 3, 3, 3})});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(f_.AuditEntries(), audit);
}

TEST_F(KawasanTest, InterventionsAreRecordedAndValidated) {
  v1::RecordInterventionsRequest req;
  auto* in = req.add_interventions();
  in->set_kawasan_id("kuta");
  in->set_intervention_id("street-food-2023");
  *in->mutable_start_date() = DateFromIso("2023-07-24");
  *in->mutable_end_date() = DateFromIso("2023-07-26");
  in->set_training_type("Pelatihan: Wirausaha Tataboga (Street Food)");
  in->set_participants_male(14);
  in->set_participants_female(1);
  in->set_synergy_desa_bersinar(true);
  in->set_funding("DIPA");
  v1::KawasanWriteResponse resp;
  ASSERT_TRUE(f_.stub().RecordInterventions(Context().get(), req, &resp).ok());
  EXPECT_EQ(resp.written(), 1);
  ASSERT_TRUE(f_.stub().RecordInterventions(Context().get(), req, &resp).ok());
  EXPECT_EQ(resp.unchanged(), 1);

  const size_t audit = f_.AuditEntries();
  *in->mutable_end_date() = DateFromIso("2023-07-20");
  grpc::Status s = f_.stub().RecordInterventions(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("interventions[0].end_date"), std::string::npos) << s.error_message();
  *in->mutable_end_date() = DateFromIso("2023-07-26");
  in->set_participants_female(-1);
  s = f_.stub().RecordInterventions(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("participants_female"), std::string::npos);
  EXPECT_EQ(f_.AuditEntries(), audit);

  v1::GetKawasanRequest get;
  get.set_kawasan_id("kuta");
  v1::KawasanDetail detail;
  ASSERT_TRUE(f_.stub().GetKawasan(Context().get(), get, &detail).ok());
  ASSERT_EQ(detail.interventions_size(), 1);
  EXPECT_EQ(detail.interventions(0).participants_male(), 14);
  EXPECT_TRUE(detail.interventions(0).synergy_desa_bersinar());
}

// The interventions held in the year in an assessed kawasan are the parts of the satker's IKKR,
// recorded before or after the assessment; a score off its 1..4 scale is refused, nothing written.
TEST_F(KawasanTest, InterventionsOfTheAssessedKawasanAreThePartsOfTheIkkr) {
  auto intervention = [](const std::string& kawasan, const std::string& id, const std::string& start,
                         int male, int female, const std::string& skm, const std::string& wirausaha) {
    v1::Intervention in;
    in.set_kawasan_id(kawasan);
    in.set_intervention_id(id);
    *in.mutable_start_date() = DateFromIso(start);
    *in.mutable_end_date() = DateFromIso(start);
    in.set_training_type("Pelatihan keterampilan");
    in.set_participants_male(male);
    in.set_participants_female(female);
    in.mutable_satisfaction_index()->set_value(skm);
    in.mutable_entrepreneurship_score()->set_value(wirausaha);
    return in;
  };
  auto record = [&](std::vector<v1::Intervention> list) {
    v1::RecordInterventionsRequest req;
    for (auto& in : list) *req.add_interventions() = in;
    v1::KawasanWriteResponse resp;
    return f_.stub().RecordInterventions(Context().get(), req, &resp);
  };
  auto parts = [&]() {
    std::vector<std::string> out;
    auto v = f_.Values("IKK-05");
    for (const auto& row : v.values(0).satker_rows()) {
      for (const auto& d : row.details()) out.push_back(absl::StrCat(d.id(), "=", d.value().value()));
    }
    return out;
  };
  // Before the assessment: no IKKR yet, so no parts.
  ASSERT_TRUE(record({intervention("kuta", "t1", "2023-07-24", 14, 1, "3.28", "3.29")}).ok());
  EXPECT_TRUE(parts().empty());
  ASSERT_TRUE(
      Ikkr("kuta", "ikkr-2023", "2023-12-04", {Respondent("kades/lurah", {3, 3, 3, 3, 3, 3, 3})}).ok());
  EXPECT_EQ(parts(),
            (std::vector<std::string>{"peserta_laki_laki=14", "peserta_perempuan=1", "jumlah_peserta=15",
                                      "nilai_skm=3.28", "nilai_kewirausahaan=3.29"}));
  // After it: a second training of the year adds its participants; the survey means are over those
  // that measured them. One of 2022 and one in a kawasan not assessed add nothing.
  ASSERT_TRUE(record({intervention("kuta", "t2", "2023-09-01", 4, 5, "3.5", ""),
                      intervention("kuta", "t0", "2022-09-01", 100, 100, "1", "1"),
                      intervention("ampenan", "t3", "2023-09-01", 100, 100, "1", "1")})
                  .ok());
  EXPECT_EQ(parts(),
            (std::vector<std::string>{"peserta_laki_laki=18", "peserta_perempuan=6", "jumlah_peserta=24",
                                      "nilai_skm=3.39", "nilai_kewirausahaan=3.29"}));

  const size_t audit = f_.AuditEntries();
  grpc::Status s = record({intervention("kuta", "t4", "2023-10-01", 1, 1, "4.5", "")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "interventions[0].satisfaction_index: 4.5 is outside the scale 1..4");
  s = record({intervention("kuta", "t4", "2023-10-01", 1, 1, "", "tiga")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "interventions[0].entrepreneurship_score: \"tiga\" is not a number");
  EXPECT_EQ(f_.AuditEntries(), audit);

  // The request names no fiscal year, but the year it recomputes is signed: refused, nothing written.
  storage::v1::YearLockRecord lock;
  lock.set_locked_by("kepala.ntb");
  ASSERT_TRUE(f_.store().SetYearLock({"aggregator", "SetYearLock", "lock"}, "BNNP_NTB", 2023, lock).ok());
  const size_t locked = f_.AuditEntries();
  s = record({intervention("kuta", "t5", "2023-10-01", 1, 1, "", "")});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  s = Ikkr("kuta", "ikkr-2023", "2023-12-04", {Respondent("kades/lurah", {4, 3, 3, 3, 3, 3, 3})});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(f_.AuditEntries(), locked);
}

}  // namespace
}  // namespace lkip::pencegahan
