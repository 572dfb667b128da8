// The zonaintegritas RPCs through real stubs on a real RocksDB: LKE assessments (scores and
// answers), the TPI's totals as IKK-19's recorded value with the LKE total beside it, refusals
// naming the field and writing nothing.
#include "services/zonaintegritas/zonaintegritas_service.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"

namespace lkip::zonaintegritas {
namespace {

using testing::Context;
using Fixture = testing::BidangFixture<v1::ZonaIntegritas, ZonaIntegritasService>;

const std::vector<std::string> kAreas = {"manajemen_perubahan", "penataan_tatalaksana", "sdm_aparatur",
                                         "akuntabilitas",       "pengawasan",           "pelayanan_publik"};

v1::RecordLkeAssessmentRequest Assessment(const std::string& satker, std::vector<const char*> pemenuhan,
                                          std::vector<const char*> reform, std::vector<const char*> hasil) {
  v1::RecordLkeAssessmentRequest req;
  req.set_fiscal_year(2023);
  req.set_satker_code(satker);
  req.set_assessor("TPI Inspektorat Utama BNN");
  *req.mutable_date() = DateFromIso("2023-12-20");
  req.set_source_document("LKE ZI 2023");
  for (size_t i = 0; i < kAreas.size(); ++i) {
    auto* p = req.add_pemenuhan();
    p->set_area_id(kAreas[i]);
    p->mutable_score()->set_value(pemenuhan[i]);
    auto* r = req.add_reform();
    r->set_area_id(kAreas[i]);
    r->mutable_score()->set_value(reform[i]);
  }
  const char* ids[] = {"ipak", "kinerja", "ipkp"};
  for (int i = 0; i < 3; ++i) {
    auto* h = req.add_hasil();
    h->set_id(ids[i]);
    h->mutable_score()->set_value(hasil[i]);
  }
  return req;
}

v1::RecordLkeAssessmentRequest Ntb() {
  return Assessment("BNNP_NTB", {"3.40", "2.90", "4.20", "4.10", "6.28", "4.20"},
                    {"3.50", "3.00", "4.50", "4.40", "6.86", "4.50"}, {"16.00", "5.00", "14.34"});
}

class ZonaIntegritasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto units = testing::TwoProvinces();
    *units.add_units() = testing::MakeUnit("BNNP_DIY", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI");
    ASSERT_TRUE(f_.PutUnits(units).ok());
  }

  grpc::Status Record(const v1::RecordLkeAssessmentRequest& req, v1::LkeResult* out) {
    return f_.stub().RecordLkeAssessment(Context("tpi").get(), req, out);
  }

  grpc::Status Tpi(std::vector<std::tuple<const char*, const char*, const char*, const char*>> rows,
                   v1::ImportTpiResultsResponse* out) {
    v1::ImportTpiResultsRequest req;
    req.set_fiscal_year(2023);
    req.set_source_document("Surat Inspektur Utama BNN B/770/XII/IR/IR.04.05/2023/INS 28 Desember 2023");
    for (const auto& [satker, p, r, h] : rows) {
      auto* row = req.add_rows();
      row->set_satker_code(satker);
      row->mutable_pemenuhan()->set_value(p);
      row->mutable_reform()->set_value(r);
      row->mutable_hasil()->set_value(h);
    }
    return f_.stub().ImportTpiResults(Context("perencana").get(), req, out);
  }

  void ExpectRefused(const grpc::Status& s, const std::string& field, size_t audit_before) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    EXPECT_NE(s.error_message().find(field), std::string::npos) << s.error_message();
    EXPECT_EQ(f_.AuditEntries(), audit_before) << "a refused request wrote something";
  }

  Fixture f_{"zonaintegritas"};
};

TEST_F(ZonaIntegritasTest, LkeAssessmentGivesTheTotalAndVerdicts) {
  v1::LkeResult result;
  ASSERT_TRUE(Record(Ntb(), &result).ok());
  EXPECT_EQ(result.pemenuhan().value(), "25.08");
  EXPECT_EQ(result.reform().value(), "26.76");
  EXPECT_EQ(result.hasil().value(), "35.34");
  EXPECT_EQ(result.total().value(), "87.18");
  ASSERT_EQ(result.verdicts_size(), 2);
  EXPECT_TRUE(result.verdicts(0).eligible());
  EXPECT_TRUE(result.verdicts(1).eligible());
  EXPECT_EQ(result.areas_size(), 12);
  EXPECT_EQ(result.areas(4).fraction().value(), "314/375");
  v1::GetLkeResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNP_NTB");
  v1::LkeResult again;
  ASSERT_TRUE(f_.stub().GetLkeResult(Context().get(), get, &again).ok());
  EXPECT_EQ(again.total().value(), "87.18");
  // Without the TPI's letter IKK-19 has no value: the rule takes the TPI's total, and the
  // LKE's own total waits beside it (see TpiTotalsAreWhatIkk19UsesWithTheLkeBeside).
  auto ikk19 = f_.Values("IKK-19");
  ASSERT_EQ(ikk19.values_size(), 1);
  EXPECT_FALSE(ikk19.values(0).available());
}

TEST_F(ZonaIntegritasTest, TpiTotalsAreWhatIkk19UsesWithTheLkeBeside) {
  v1::LkeResult result;
  ASSERT_TRUE(Record(Ntb(), &result).ok());
  v1::ImportTpiResultsResponse resp;
  // The Inspektorat's letter lists every BNNP; each province imports its own row: a row of DIY
  // with NTB's token is refused, and nothing is written.
  const size_t audit_before = f_.AuditEntries();
  grpc::Status s =
      Tpi({{"BNNP_DIY", "27.11", "26.39", "36.61"}, {"BNNP_NTB", "25.08", "26.76", "35.34"}}, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("satker BNNP_DIY belongs to BNNP_DIY"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(f_.AuditEntries(), audit_before);
  ASSERT_TRUE(Tpi({{"BNNP_NTB", "25.08", "26.76", "35.34"}}, &resp).ok());
  EXPECT_EQ(resp.written(), 1);
  EXPECT_EQ(resp.results(0).total().value(), "87.18");
  EXPECT_FALSE(resp.results(0).verdicts(0).determinable());
  EXPECT_TRUE(resp.results(0).verdicts(0).criteria(0).met());
  auto ikk19 = f_.Values("IKK-19");
  ASSERT_EQ(ikk19.values_size(), 1);
  EXPECT_EQ(ikk19.values(0).realisasi().value(), "87.18");
  const auto& row = ikk19.values(0).satker_rows(0);
  EXPECT_EQ(row.provenance().kind(), common::v1::PROVENANCE_KIND_IMPORTED);
  EXPECT_NE(row.provenance().source_document().find("B/770/XII"), std::string::npos);
  EXPECT_EQ(row.alternative().value().value(), "87.18");
  // The letter's three components are the value's parts, for the report's rincian table.
  ASSERT_EQ(row.details_size(), 3);
  EXPECT_EQ(absl::StrCat(row.details(0).label(), " ", row.details(0).value().value(), ", ",
                         row.details(1).label(), " ", row.details(1).value().value(), ", ",
                         row.details(2).label(), " ", row.details(2).value().value()),
            "Pemenuhan 25.08, Reform 26.76, Hasil 35.34");
  // The same letter again writes nothing.
  const size_t before = f_.AuditEntries();
  ASSERT_TRUE(Tpi({{"BNNP_NTB", "25.08", "26.76", "35.34"}}, &resp).ok());
  EXPECT_EQ(resp.unchanged(), 1);
  EXPECT_EQ(f_.AuditEntries(), before);
}

TEST_F(ZonaIntegritasTest, AnswersPerSubAreaMakeTheAreaScore) {
  auto req = Ntb();
  auto* area = req.mutable_pemenuhan(0);  // manajemen perubahan, weight 4
  area->clear_score();
  auto* a = area->add_sub_areas();
  a->set_name("Penyusunan tim kerja");
  a->mutable_weight()->set_value("2");
  for (const char* ans : {"A", "B"}) {
    auto* q = a->add_answers();
    q->set_scale("A-E");
    q->set_answer(ans);
  }
  auto* b = area->add_sub_areas();
  b->set_name("Rencana pembangunan ZI");
  b->mutable_weight()->set_value("2");
  for (const char* ans : {"Ya", "Ya", "Tidak"}) {
    auto* q = b->add_answers();
    q->set_scale("Ya/Tidak");
    q->set_answer(ans);
  }
  v1::LkeResult result;
  ASSERT_TRUE(Record(req, &result).ok());
  // 2 x 0,875 + 2 x 2/3 = 37/12
  EXPECT_EQ(*Decimal::Parse(result.areas(0).score().value()), Decimal(37) / Decimal(12));
}

TEST_F(ZonaIntegritasTest, BadAssessmentsAndLettersAreRefused) {
  const size_t before = f_.AuditEntries();
  v1::LkeResult result;
  auto above = Ntb();
  above.mutable_reform(4)->mutable_score()->set_value("7.6");
  ExpectRefused(Record(above, &result), "reform[4].score: 7.6 is outside 0..7.5", before);
  auto far = Ntb();
  *far.mutable_date() = DateFromIso("9999-12-31");
  ExpectRefused(Record(far, &result), "date: 9999-12-31 is outside 2022..2024", before);
  auto missing = Ntb();
  missing.mutable_pemenuhan()->RemoveLast();
  ExpectRefused(Record(missing, &result), "pemenuhan: area \"pelayanan_publik\"", before);
  auto unknown = Ntb();
  unknown.mutable_pemenuhan(1)->set_area_id("inovasi");
  ExpectRefused(Record(unknown, &result), "pemenuhan[1].area_id: \"inovasi\"", before);
  auto weights = Ntb();
  auto* area = weights.mutable_reform(0);
  area->clear_score();
  auto* sub = area->add_sub_areas();
  sub->mutable_weight()->set_value("3");
  auto* q = sub->add_answers();
  q->set_scale("A-D");
  q->set_answer("A");
  ExpectRefused(Record(weights, &result), "reform[0].sub_areas: the weights sum to 3", before);
  q->set_answer("F");
  sub->mutable_weight()->set_value("4");
  ExpectRefused(Record(weights, &result), "reform[0].sub_areas[0].answers[0].answer: \"F\"", before);
  auto hasil = Ntb();
  hasil.mutable_hasil(0)->mutable_score()->set_value("18");
  ExpectRefused(Record(hasil, &result), "hasil[0].score: 18 is outside 0..17.5", before);
  v1::ImportTpiResultsResponse resp;
  ExpectRefused(Tpi({{"BNNP_NTB", "25.08", "26.76", "35.34"}, {"BNNP_DIY", "31", "26.39", "36.61"}}, &resp),
                "rows[1].pemenuhan: 31 is outside 0..30", before);
  ExpectRefused(Tpi({{"BNNP_NTB", "25,08", "26.76", "35.34"}}, &resp), "rows[0].pemenuhan: \"25,08\"",
                before);
}

}  // namespace
}  // namespace lkip::zonaintegritas
