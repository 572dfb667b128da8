// The aggregator through its real stub, pulling from a real pencegahan service (its own store
// and server on 127.0.0.1:0); the other services are absent or stopped.
#include "services/aggregator/aggregator_service.h"

#include <gtest/gtest.h>

#include <map>

#include "common/bidang/bidang_service.h"
#include "common/testing/bidang_fixture.h"
#include "common/testing/test_pki.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "common/validation/money.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"

namespace lkip::aggregator {
namespace {

using testing::Context;

using testing::MakeUnit;

unit::v1::PutUnitsRequest NtbUnits() {
  unit::v1::PutUnitsRequest req;
  *req.add_units() = MakeUnit("BNN_RI", common::v1::UNIT_LEVEL_PUSAT, "");
  *req.add_units() = MakeUnit("BNNP_NTB", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI");
  *req.add_units() = MakeUnit("BNNK_MATARAM", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB");
  *req.add_units() = MakeUnit("BNNK_BIMA", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB");
  return req;
}

class AggregatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    book_ = std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules"));
    // A real pencegahan service.
    StoreOptions po;
    po.path = dir_.Sub("pencegahan");
    po.service = "pencegahan";
    p_store_ = std::move(*Store::Open(po));
    p_core_ = std::make_unique<BidangCore>("pencegahan", p_store_.get(), &book_);
    p_records_ = std::make_unique<BidangRecordsService<pencegahan::v1::Pencegahan>>(p_core_.get());
    p_source_ = std::make_unique<IndicatorSourceService>(p_core_.get());
    p_units_ = std::make_unique<UnitRegistryService>(p_store_.get());
    p_server_ = std::make_unique<testing::TestServer>(
        std::vector<grpc::Service*>{p_records_.get(), p_source_.get(), p_units_.get()});
    // A pemberantasan address with nothing behind it: its server was started and stopped.
    {
      StoreOptions so;
      so.path = dir_.Sub("pemberantasan");
      so.service = "pemberantasan";
      auto store = std::move(*Store::Open(so));
      BidangCore core("pemberantasan", store.get(), &book_);
      IndicatorSourceService source(&core);
      testing::TestServer gone({&source});
      dead_address_ = gone.address();
    }
    // The aggregator.
    StoreOptions ao;
    ao.path = dir_.Sub("aggregator");
    ao.service = "aggregator";
    a_store_ = std::move(*Store::Open(ao));
    clients_ = std::make_unique<BidangClients>(
        std::map<std::string, std::string>{
            {"pencegahan", p_server_->address()}, {"pemberantasan", dead_address_}, {"keuangan", ""}},
        absl::Seconds(2), testing::TestChannelCredentials("aggregator"));
    stores_ = std::make_unique<AggregatorStores>(a_store_.get(), &book_);
    service_ = std::make_unique<AggregatorService>(stores_.get(), clients_.get());
    a_units_ = std::make_unique<UnitRegistryService>(a_store_.get());
    a_server_ =
        std::make_unique<testing::TestServer>(std::vector<grpc::Service*>{service_.get(), a_units_.get()});
    stub_ = aggregator::v1::Aggregator::NewStub(a_server_->Channel());

    unit::v1::PutUnitsResponse ur;
    ASSERT_TRUE(unit::v1::UnitRegistry::NewStub(p_server_->Channel())
                    ->PutUnits(Context().get(), NtbUnits(), &ur)
                    .ok());
    ASSERT_TRUE(unit::v1::UnitRegistry::NewStub(a_server_->Channel())
                    ->PutUnits(Context().get(), NtbUnits(), &ur)
                    .ok());
    indicator::v1::RecordSatkerValuesRequest rec;
    rec.set_fiscal_year(2023);
    for (auto [satker, value] : std::vector<std::pair<const char*, const char*>>{
             {"BNNP_NTB", "54.36"}, {"BNNK_MATARAM", "58.17"}, {"BNNK_BIMA", "50.28"}}) {
      auto* v = rec.add_values();
      v->set_measure("dektari");
      v->set_satker_code(satker);
      v->mutable_value()->set_value(value);
    }
    indicator::v1::RecordSatkerValuesResponse rr;
    ASSERT_TRUE(pencegahan::v1::Pencegahan::NewStub(p_server_->Channel())
                    ->RecordSatkerValues(Context().get(), rec, &rr)
                    .ok());
  }

  aggregator::v1::PerjanjianKinerja Pk() {
    aggregator::v1::PerjanjianKinerja pk;
    pk.set_fiscal_year(2023);
    pk.set_province_code("BNNP_NTB");
    auto* s1 = pk.add_sasaran();
    s1->set_number(1);
    s1->set_text("Meningkatnya daya tangkal remaja");
    auto* i1 = s1->add_indicators();
    i1->set_code("IKK-01");
    i1->set_name("Jumlah kab/kota dengan Dektari Tinggi");
    i1->set_unit("Kabupaten/Kota");
    i1->mutable_target()->mutable_value()->set_value("2");
    auto* s2 = pk.add_sasaran();
    s2->set_number(2);
    s2->set_text("Berkas perkara");
    auto* i2 = s2->add_indicators();
    i2->set_code("IKK-12");
    i2->set_name("Berkas perkara P-21");
    i2->set_unit("Berkas");
    i2->mutable_target()->mutable_value()->set_value("12");
    return pk;
  }

  grpc::Status PutPk(const aggregator::v1::PerjanjianKinerja& pk, bool* changed = nullptr) {
    aggregator::v1::PutPerjanjianKinerjaRequest req;
    *req.mutable_perjanjian_kinerja() = pk;
    aggregator::v1::PutPerjanjianKinerjaResponse resp;
    grpc::Status s = stub_->PutPerjanjianKinerja(Context().get(), req, &resp);
    if (changed) *changed = resp.changed();
    return s;
  }

  testing::TempDir dir_;
  RuleBook book_;
  std::unique_ptr<Store> p_store_, a_store_;
  std::unique_ptr<BidangCore> p_core_;
  std::unique_ptr<BidangRecordsService<pencegahan::v1::Pencegahan>> p_records_;
  std::unique_ptr<IndicatorSourceService> p_source_;
  std::unique_ptr<UnitRegistryService> p_units_, a_units_;
  std::unique_ptr<testing::TestServer> p_server_, a_server_;
  std::string dead_address_;
  std::unique_ptr<AggregatorStores> stores_;
  std::unique_ptr<BidangClients> clients_;
  std::unique_ptr<AggregatorService> service_;
  std::unique_ptr<aggregator::v1::Aggregator::Stub> stub_;
};

TEST_F(AggregatorTest, CapaianFromALiveServiceAndUnavailableForADeadOne) {
  bool changed = false;
  ASSERT_TRUE(PutPk(Pk(), &changed).ok());
  EXPECT_TRUE(changed);
  ASSERT_TRUE(PutPk(Pk(), &changed).ok());
  EXPECT_FALSE(changed);  // identical: nothing written

  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  aggregator::v1::CapaianReport report;
  grpc::Status s = stub_->GetCapaian(Context().get(), req, &report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(report.complete());
  ASSERT_EQ(report.indicators_size(), 2);
  EXPECT_TRUE(report.indicators(0).available());
  EXPECT_EQ(report.indicators(0).realisasi().value(), "1");
  EXPECT_EQ(report.indicators(0).capaian().value(), "50");
  EXPECT_FALSE(report.indicators(1).available());
  EXPECT_NE(report.indicators(1).unavailable_reason().find("pemberantasan"), std::string::npos);
  // The reader's reason is Indonesian; the call's own message stays in services[].
  EXPECT_EQ(report.indicators(1).unavailable_reason(),
            "layanan pemberantasan tidak dapat dihubungi saat laporan disusun");
  bool keuangan_reported = false;
  for (const auto& svc : report.services()) {
    if (svc.service() == "keuangan") {
      keuangan_reported = true;
      EXPECT_FALSE(svc.available());
      EXPECT_FALSE(svc.reason().empty());
    }
  }
  EXPECT_TRUE(keuangan_reported);
}

TEST_F(AggregatorTest, PkErrorsNameTheFieldAndWriteNothing) {
  const size_t audits = a_store_->ReadAudit(100)->size();
  auto pk = Pk();
  pk.mutable_sasaran(1)->mutable_indicators(0)->set_code("IKK-99");
  grpc::Status s = PutPk(pk);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("perjanjian_kinerja.sasaran[1].indicators[0].code: \"IKK-99\""),
            std::string::npos)
      << s.error_message();
  pk = Pk();
  pk.mutable_sasaran(0)->mutable_indicators(0)->mutable_target()->mutable_value()->set_value("dua");
  s = PutPk(pk);
  EXPECT_NE(s.error_message().find("indicators[0].target"), std::string::npos) << s.error_message();
  pk = Pk();
  pk.mutable_sasaran(0)->mutable_indicators(0)->set_service("keuangan");
  EXPECT_EQ(PutPk(pk).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Limits: a text of 10 MB, a NUL byte in a name, a range below zero.
  pk = Pk();
  pk.mutable_sasaran(0)->set_text(std::string(10 << 20, 'x'));
  s = PutPk(pk);
  EXPECT_NE(s.error_message().find("sasaran[0].text: must be 1..2000 characters without control characters "
                                   "(10485760 given)"),
            std::string::npos)
      << s.error_message().substr(0, 200);
  pk = Pk();
  pk.mutable_sasaran(0)->mutable_indicators(0)->set_name(std::string("Indeks\0P4GN", 11));
  s = PutPk(pk);
  EXPECT_NE(s.error_message().find("sasaran[0].indicators[0].name: must be 1..500 characters"),
            std::string::npos)
      << s.error_message();
  pk = Pk();
  auto* range = pk.mutable_sasaran(0)->mutable_indicators(0)->mutable_target()->mutable_range();
  range->mutable_low()->set_value("-3");
  range->mutable_high()->set_value("5");
  s = PutPk(pk);
  EXPECT_NE(s.error_message().find("indicators[0].target.range.low: -3 is negative"), std::string::npos)
      << s.error_message();
  pk = Pk();
  pk.set_province_code("BNNP_ACEH");
  // A token of NTB may not write Aceh's; Aceh's own perencana is told Aceh is not in the tree.
  EXPECT_EQ(PutPk(pk).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  aggregator::v1::PutPerjanjianKinerjaRequest aceh;
  *aceh.mutable_perjanjian_kinerja() = pk;
  aggregator::v1::PutPerjanjianKinerjaResponse resp;
  const Principal perencana{"cut", Role::kPerencana, "BNNP_ACEH", {}, ""};
  EXPECT_EQ(stub_->PutPerjanjianKinerja(testing::Context(perencana).get(), aceh, &resp).error_code(),
            grpc::StatusCode::NOT_FOUND);
  pk = Pk();
  pk.set_fiscal_year(1990);
  EXPECT_EQ(PutPk(pk).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(PutPk(aggregator::v1::PerjanjianKinerja()).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(a_store_->ReadAudit(100)->size(), audits);
}

// The PK's kegiatan budgets (its lampiran): kegiatan of the rule set's budget programs, each once,
// whole rupiah within a request's bound; refused naming the line and field with nothing written;
// stored with each kegiatan's name from the rule set.
TEST_F(AggregatorTest, PkKegiatanBudgetsAreCheckedAndStoredWithTheirNames) {
  const size_t audits = a_store_->ReadAudit(100)->size();
  auto with = [this](const std::string& program, const std::string& kegiatan, int64_t amount) {
    auto pk = Pk();
    auto* k = pk.add_kegiatan();
    k->set_program_code("P4GN");
    k->set_kegiatan_code("advokasi");
    k->mutable_anggaran()->set_amount(510000000);
    k = pk.add_kegiatan();
    k->set_program_code(program);
    k->set_kegiatan_code(kegiatan);
    k->mutable_anggaran()->set_amount(amount);
    return pk;
  };
  for (const auto& [pk, message] : std::vector<std::pair<aggregator::v1::PerjanjianKinerja, std::string>>{
           {with("P4GNX", "advokasi", 1),
            "perjanjian_kinerja.kegiatan[1].program_code: \"P4GNX\" is not a program"},
           {with("DUKMAN", "advokasi", 1),
            "perjanjian_kinerja.kegiatan[1].kegiatan_code: \"advokasi\" is not a kegiatan of program DUKMAN"},
           {with("P4GN", "advokasi", 1), "perjanjian_kinerja.kegiatan[1]: P4GN/advokasi appears twice"},
           {with("P4GN", "informasi-edukasi", -1),
            "perjanjian_kinerja.kegiatan[1].anggaran: -1 is outside 0.."},
           {with("P4GN", "informasi-edukasi", kMaxRequestRupiah),
            "perjanjian_kinerja.kegiatan: the budgets add up to more than"},
       }) {
    grpc::Status s = PutPk(pk);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << message;
    EXPECT_NE(s.error_message().find(message), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(a_store_->ReadAudit(100)->size(), audits);

  ASSERT_TRUE(PutPk(with("P4GN", "informasi-edukasi", 403000000)).ok());
  aggregator::v1::GetPerjanjianKinerjaRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  aggregator::v1::PerjanjianKinerja stored;
  ASSERT_TRUE(stub_->GetPerjanjianKinerja(Context().get(), get, &stored).ok());
  ASSERT_EQ(stored.kegiatan_size(), 2);
  EXPECT_EQ(stored.kegiatan(1).kegiatan_code(), "informasi-edukasi");
  EXPECT_EQ(stored.kegiatan(1).name(), "Pengelolaan Informasi dan Edukasi");
  EXPECT_EQ(stored.kegiatan(1).anggaran().amount(), 403000000);
  EXPECT_EQ(stored.kegiatan(0).name(), "Penyelenggaraan Advokasi");
}

// The PK's Renstra target of an IKK and the IKK its kegiatan serve: checked on write (refused
// naming the field, nothing written), then stored and read back as given.
TEST_F(AggregatorTest, RenstraTargetsAndKegiatanLinksAreCheckedAndStored) {
  const size_t audits = a_store_->ReadAudit(100)->size();
  auto with = [this](const std::string& period, const std::string& target, std::vector<std::string> ikk) {
    auto pk = Pk();
    auto* r = pk.mutable_sasaran(1)->mutable_indicators(0)->mutable_renstra();
    r->set_period(period);
    r->mutable_target()->set_value(target);
    auto* k = pk.add_kegiatan();
    k->set_program_code("P4GN");
    k->set_kegiatan_code("advokasi");
    k->mutable_anggaran()->set_amount(510000000);
    for (auto& code : ikk) k->add_ikk_codes(code);
    return pk;
  };
  const std::string renstra = "perjanjian_kinerja.sasaran[1].indicators[0].renstra";
  for (const auto& [pk, message] : std::vector<std::pair<aggregator::v1::PerjanjianKinerja, std::string>>{
           {with("2024-2028", "60", {}),
            renstra + ".period: \"2024-2028\" is not a period YYYY-YYYY that holds 2023"},
           {with("2020/2024", "60", {}), renstra + ".period: \"2020/2024\" is not a period"},
           {with("", "60", {}), renstra + ".period: \"\" is not a period"},
           {with("2020-2024", "-3", {}), renstra + ".target: \"-3\" is not a decimal of at least 0"},
           {with("2020-2024", "60", {"IKK-07"}),
            "perjanjian_kinerja.kegiatan[0].ikk_codes[0]: \"IKK-07\" is not an indicator of this Perjanjian "
            "Kinerja"},
           {with("2020-2024", "60", {"IKK-12", "IKK-12"}),
            "perjanjian_kinerja.kegiatan[0].ikk_codes[1]: \"IKK-12\" appears twice"},
       }) {
    grpc::Status s = PutPk(pk);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << message;
    EXPECT_NE(s.error_message().find(message), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(a_store_->ReadAudit(100)->size(), audits);

  ASSERT_TRUE(PutPk(with("2020-2024", "60.0", {"IKK-12", "IKK-01"})).ok());
  aggregator::v1::GetPerjanjianKinerjaRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  aggregator::v1::PerjanjianKinerja stored;
  ASSERT_TRUE(stub_->GetPerjanjianKinerja(Context().get(), get, &stored).ok());
  const auto& ind = stored.sasaran(1).indicators(0);
  EXPECT_EQ(ind.renstra().period(), "2020-2024");
  EXPECT_EQ(ind.renstra().target().value(), "60");  // stored exact
  EXPECT_FALSE(stored.sasaran(0).indicators(0).has_renstra());
  EXPECT_EQ(
      std::vector<std::string>(stored.kegiatan(0).ikk_codes().begin(), stored.kegiatan(0).ikk_codes().end()),
      (std::vector<std::string>{"IKK-12", "IKK-01"}));
}

// Each satker's own PK target: checked on write (nothing written on a refusal), then printed
// on its row with its capaian, computed as the province's is.
TEST_F(AggregatorTest, SatkerTargetsAreCheckedAndGiveEachRowItsCapaian) {
  const size_t audits = a_store_->ReadAudit(100)->size();
  auto with = [this](const std::string& satker, const std::string& target) {
    auto pk = Pk();
    auto* ind = pk.mutable_sasaran(0)->mutable_indicators(0);
    auto* t = ind->add_satker_targets();
    t->set_satker_code("BNNK_BIMA");
    t->mutable_target()->set_value("51");
    t = ind->add_satker_targets();
    t->set_satker_code(satker);
    t->mutable_target()->set_value(target);
    return pk;
  };
  const std::string field = "perjanjian_kinerja.sasaran[0].indicators[0].satker_targets[1]";
  for (const auto& [pk, message] : std::vector<std::pair<aggregator::v1::PerjanjianKinerja, std::string>>{
           {with("BNNK_XYZ", "5"), field + ".satker_code: \"BNNK_XYZ\" is not a unit of BNNP_NTB"},
           {with("BNN_RI", "5"), field + ".satker_code: \"BNN_RI\" is not a unit of BNNP_NTB"},
           {with("BNNK_BADUNG", "5"), field + ".satker_code: \"BNNK_BADUNG\" is not a unit of BNNP_NTB"},
           {with("BNNK_BIMA", "5"), field + ".satker_code: \"BNNK_BIMA\" appears twice"},
           {with("BNNK_MATARAM", "-1"), field + ".target: \"-1\" is not a decimal of at least 0"},
           {with("BNNK_MATARAM", "lima"), field + ".target: \"lima\" is not a decimal of at least 0"},
       }) {
    grpc::Status s = PutPk(pk);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << message;
    EXPECT_NE(s.error_message().find(message), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(a_store_->ReadAudit(100)->size(), audits);

  ASSERT_TRUE(PutPk(with("BNNP_NTB", "51.00")).ok());
  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  aggregator::v1::CapaianReport report;
  ASSERT_TRUE(stub_->GetCapaian(Context().get(), req, &report).ok());
  std::map<std::string, const indicator::v1::SatkerRow*> rows;
  for (const auto& row : report.indicators(0).satker_rows()) rows[row.satker_code()] = &row;
  ASSERT_TRUE(rows.count("BNNK_BIMA") && rows.count("BNNP_NTB") && rows.count("BNNK_MATARAM"));
  EXPECT_EQ(rows["BNNK_BIMA"]->target().value(), "51");
  EXPECT_EQ(rows["BNNK_BIMA"]->capaian().value(), "1676/17");  // 50,28 / 51 × 100, exact
  EXPECT_EQ(rows["BNNP_NTB"]->target().value(), "51");         // stored exact
  EXPECT_EQ(rows["BNNP_NTB"]->capaian().value(), "1812/17");   // 54,36 / 51 × 100
  EXPECT_TRUE(rows["BNNK_MATARAM"]->target().value().empty());
  EXPECT_TRUE(rows["BNNK_MATARAM"]->capaian().value().empty());
}

grpc::Status PutTexts(aggregator::v1::Aggregator::Stub& stub,
                      std::vector<std::pair<std::string, std::string>> texts,
                      aggregator::v1::PutNarrativesResponse* resp) {
  aggregator::v1::PutNarrativesRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  for (const auto& [key, text] : texts) {
    auto* n = req.add_narratives();
    n->set_key(key);
    n->set_text(text);
  }
  return stub.PutNarratives(Context("perencana").get(), req, resp);
}

TEST_F(AggregatorTest, NarrativesAreStoredPerYearAndProvinceUnderKnownKeys) {
  aggregator::v1::PutNarrativesResponse resp;
  EXPECT_EQ(PutTexts(*stub_, {{"kata_pengantar", "Puji syukur"}}, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // no PK yet
  ASSERT_TRUE(PutPk(Pk()).ok());
  ASSERT_TRUE(
      PutTexts(*stub_,
               {{"kata_pengantar", "Puji syukur kami panjatkan ..."},
                {"IKK-01.definisi_operasional", "Jumlah kabupaten/kota yang penduduk usia remajanya ..."},
                {"IKK-12.hambatan", "Keterbatasan personel penyidik."}},
               &resp)
          .ok());
  EXPECT_EQ(resp.written(), 3);
  const size_t audit = a_store_->ReadAudit(1000)->size();
  // Refused, all or nothing: an IKK outside the PK, an unknown field, an unknown section.
  for (const auto& [key, expected] : std::vector<std::pair<std::string, std::string>>{
           {"IKK-05.hambatan",
            "narratives[1].key: \"IKK-05.hambatan\" is not an IKK of the Perjanjian Kinerja"},
           {"IKK-01.catatan", "narratives[1].key: \"IKK-01.catatan\""},
           {"bab5.penutup", "narratives[1].key: \"bab5.penutup\" is not a section of the report"}}) {
    grpc::Status s = PutTexts(*stub_, {{"kata_pengantar", "Teks baru"}, {key, "x"}}, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << key;
    EXPECT_NE(s.error_message().find(expected), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(PutTexts(*stub_, {{"kata_pengantar", std::string(70000, 'a')}}, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A figure bound in a text names an IKK of the rule set and a satker of the province, in the
  // grammar of stated figures.
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"Realisasi {{IKK-99.realisasi}} berkas.",
            "narratives[1].text: {{IKK-99.realisasi}}: \"IKK-99\" is not an IKK of the rule set"},
           {"Nilai {{IKK-01.satker.BNNK_BADUNG}}.",
            "narratives[1].text: {{IKK-01.satker.BNNK_BADUNG}}: \"BNNK_BADUNG\" is not a satker of the "
            "province"},
           {"{{IKK-01.realisasi", "narratives[1].text: \"{{\" at byte 1 has no \"}}\""}}) {
    grpc::Status s = PutTexts(*stub_, {{"kata_pengantar", "Teks baru"}, {"IKK-12.hambatan", text}}, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << text;
    EXPECT_NE(s.error_message().find(expected), std::string::npos) << s.error_message();
  }
  EXPECT_EQ(a_store_->ReadAudit(1000)->size(), audit) << "a refused request wrote something";
  ASSERT_TRUE(PutTexts(*stub_,
                       {{"IKK-12.hambatan", "Dari {{IKK-12.target}} berkas, {{IKK-01.satker.BNNK_BIMA}}."}},
                       &resp)
                  .ok());

  // The same text again is unchanged; an empty text removes the key.
  ASSERT_TRUE(
      PutTexts(*stub_, {{"kata_pengantar", "Puji syukur kami panjatkan ..."}, {"IKK-12.hambatan", ""}}, &resp)
          .ok());
  EXPECT_EQ(resp.unchanged(), 1);
  EXPECT_EQ(resp.removed(), 1);
  aggregator::v1::GetNarrativesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  aggregator::v1::GetNarrativesResponse texts;
  ASSERT_TRUE(stub_->GetNarratives(Context().get(), get, &texts).ok());
  ASSERT_EQ(texts.narratives_size(), 2);
  EXPECT_EQ(texts.narratives(0).key(), "IKK-01.definisi_operasional");
  EXPECT_EQ(texts.narratives(1).key(), "kata_pengantar");
  EXPECT_EQ(texts.narratives(1).actor(), "perencana");
  get.set_fiscal_year(2022);
  ASSERT_TRUE(stub_->GetNarratives(Context().get(), get, &texts).ok());
  EXPECT_EQ(texts.narratives_size(), 0);
}

TEST_F(AggregatorTest, ComparisonsAreCheckedAgainstThePkAndStored) {
  aggregator::v1::PutComparisonsRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  auto* c = req.add_comparisons();
  c->set_code("IKK-12");
  c->mutable_previous_value()->set_value("19");
  c->set_previous_source("LKIP 2022");
  aggregator::v1::PutComparisonsResponse resp;
  EXPECT_EQ(stub_->PutComparisons(Context().get(), req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(PutPk(Pk()).ok());
  ASSERT_TRUE(stub_->PutComparisons(Context().get(), req, &resp).ok());
  EXPECT_EQ(resp.written(), 1);
  ASSERT_TRUE(stub_->PutComparisons(Context().get(), req, &resp).ok());
  EXPECT_EQ(resp.unchanged(), 1);
  const size_t audit = a_store_->ReadAudit(1000)->size();
  auto bad = req;
  bad.mutable_comparisons(0)->set_code("IKK-07");
  grpc::Status s = stub_->PutComparisons(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("comparisons[0].code: \"IKK-07\""), std::string::npos)
      << s.error_message();
  bad = req;
  bad.mutable_comparisons(0)->mutable_previous_value()->set_value("19,5");
  s = stub_->PutComparisons(Context().get(), bad, &resp);
  EXPECT_NE(s.error_message().find("comparisons[0].previous_value: \"19,5\""), std::string::npos)
      << s.error_message();
  bad = req;
  bad.mutable_comparisons(0)->clear_previous_source();
  EXPECT_EQ(stub_->PutComparisons(Context().get(), bad, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(a_store_->ReadAudit(1000)->size(), audit) << "a refused request wrote something";
  aggregator::v1::GetComparisonsRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  aggregator::v1::GetComparisonsResponse out;
  ASSERT_TRUE(stub_->GetComparisons(Context().get(), get, &out).ok());
  ASSERT_EQ(out.comparisons_size(), 1);
  EXPECT_EQ(out.comparisons(0).previous_value().value(), "19");
}

TEST_F(AggregatorTest, ReadErrors) {
  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  aggregator::v1::CapaianReport report;
  EXPECT_EQ(stub_->GetCapaian(Context().get(), req, &report).error_code(), grpc::StatusCode::NOT_FOUND);
  req.set_fiscal_year(0);
  grpc::Status s = stub_->GetCapaian(Context().get(), req, &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("fiscal_year: 0"), std::string::npos);
  aggregator::v1::GetPerjanjianKinerjaRequest get;
  get.set_fiscal_year(2023);
  aggregator::v1::PerjanjianKinerja pk;
  s = stub_->GetPerjanjianKinerja(Context().get(), get, &pk);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("province_code"), std::string::npos);
  get.set_province_code("BNNP_NTB");
  EXPECT_EQ(stub_->GetPerjanjianKinerja(Context().get(), get, &pk).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(PutPk(Pk()).ok());
  ASSERT_TRUE(stub_->GetPerjanjianKinerja(Context().get(), get, &pk).ok());
  EXPECT_EQ(pk.sasaran(1).indicators(0).service(), "pemberantasan");  // filled from the rules
  EXPECT_EQ(pk.provenance().actor(), "test");
  aggregator::v1::ListServicesResponse services;
  ASSERT_TRUE(stub_->ListServices(Context().get(), aggregator::v1::ListServicesRequest(), &services).ok());
  EXPECT_EQ(services.services_size(), 3);
}

// A bidang service that answers too late is cut off by the per-dependency deadline.
class SlowSource final : public indicator::v1::IndicatorSource::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetIndicatorValues(grpc::CallbackServerContext* context,
                                               const indicator::v1::GetIndicatorValuesRequest*,
                                               indicator::v1::GetIndicatorValuesResponse*) override {
    auto* reactor = context->DefaultReactor();
    // Finishing from another thread after the caller's deadline; never blocks the reaction.
    std::thread([reactor] {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      reactor->Finish(grpc::Status::OK);
    }).detach();
    return reactor;
  }
};

TEST_F(AggregatorTest, ALateServiceIsReportedAsDeadlineExceeded) {
  SlowSource slow;
  testing::TestServer slow_server({&slow});
  BidangClients clients({{"pencegahan", slow_server.address()}}, absl::Milliseconds(200),
                        testing::TestChannelCredentials("aggregator"));
  std::atomic<bool> done{false};
  std::vector<ServiceFetch> got;
  absl::Mutex mu;
  clients.FetchAll(nullptr, 2023, "BNNP_NTB", [&](std::vector<ServiceFetch> fetched) {
    absl::MutexLock lock(&mu);
    got = std::move(fetched);
    done = true;
  });
  absl::MutexLock lock(&mu);
  mu.Await(absl::Condition(
      +[](std::atomic<bool>* d) { return d->load(); }, &done));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status.code(), absl::StatusCode::kDeadlineExceeded);
  std::this_thread::sleep_for(std::chrono::milliseconds(1400));  // let the slow reply drain
}

}  // namespace
}  // namespace lkip::aggregator
