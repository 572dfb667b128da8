// Service tests of the bidang services through their real generated stubs, on a real server
// (127.0.0.1:0) over a real RocksDB in a temporary directory.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "common/bidang/satker_values.h"
#include "common/testing/bidang_fixture.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"

namespace lkip {
namespace {

using indicator::v1::RecordSatkerValuesRequest;
using indicator::v1::RecordSatkerValuesResponse;
using testing::Context;

using testing::BidangFixture;
using testing::MakeUnit;

void AddValue(RecordSatkerValuesRequest* req, const std::string& measure, const std::string& satker,
              const std::string& value, const std::string& target = "") {
  req->set_fiscal_year(2023);
  auto* v = req->add_values();
  v->set_measure(measure);
  v->set_satker_code(satker);
  v->mutable_value()->set_value(value);
  if (!target.empty()) v->mutable_target()->set_value(target);
}

class PencegahanTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f.PutUnits().ok()); }
  BidangFixture<pencegahan::v1::Pencegahan> f{"pencegahan"};
};

// Roles and scope through the real server: the token's role, province and satker bound what a
// caller may touch (docs/security.md); each refusal writes nothing.
TEST_F(PencegahanTest, AnOperatorOfBimaWritesBimasRecordsAndNoOthers) {
  const Principal wayan{"wayan", Role::kOperator, "BNNP_NTB", {"BNNK_BIMA"}, ""};
  RecordSatkerValuesRequest bima;
  AddValue(&bima, "dektari", "BNNK_BIMA", "50.28", "51");
  RecordSatkerValuesResponse resp;
  ASSERT_TRUE(f.stub().RecordSatkerValues(Context(wayan).get(), bima, &resp).ok());
  EXPECT_EQ(f.store().ReadAudit(10)->back().actor(), "wayan");
  const size_t audits = f.AuditEntries();
  RecordSatkerValuesRequest mataram;
  AddValue(&mataram, "dektari", "BNNK_BIMA", "51.00", "51");
  AddValue(&mataram, "dektari", "BNNK_MATARAM", "58.17", "51");
  grpc::Status s = f.stub().RecordSatkerValues(Context(wayan).get(), mataram, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find(
                "role operator (wayan) may write the records of BNNK_BIMA only, not BNNK_MATARAM"),
            std::string::npos)
      << s.error_message();
  EXPECT_EQ(f.AuditEntries(), audits);
  // Nor the unit tree, which is admin's.
  unit::v1::PutUnitsResponse put;
  EXPECT_EQ(f.registry().PutUnits(Context(wayan).get(), testing::TwoProvinces(), &put).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(f.AuditEntries(), audits);
}

TEST_F(PencegahanTest, ABidangRoleWritesItsOwnBidangOnly) {
  RecordSatkerValuesRequest req;
  AddValue(&req, "dektari", "BNNK_BIMA", "50.28", "51");
  RecordSatkerValuesResponse resp;
  const Principal rehab{"ani", Role::kBidang, "BNNP_NTB", {}, "rehabilitasi"};
  grpc::Status s = f.stub().RecordSatkerValues(Context(rehab).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("rehabilitasi's records, not pencegahan's"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(f.AuditEntries(), 1u);  // the units of SetUp
  const Principal pencegahan{"budi", Role::kBidang, "BNNP_NTB", {}, "pencegahan"};
  EXPECT_TRUE(f.stub().RecordSatkerValues(Context(pencegahan).get(), req, &resp).ok());
}

TEST_F(PencegahanTest, ATokenOfAnotherProvinceReadsNothingHereAndHqReadsAll) {
  indicator::v1::GetIndicatorValuesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  indicator::v1::GetIndicatorValuesResponse values;
  const Principal bali{"made", Role::kAdmin, "BNNP_BALI", {}, ""};
  grpc::Status s = f.source().GetIndicatorValues(Context(bali).get(), get, &values);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("role admin (made) of BNNP_BALI may not read BNNP_NTB"), std::string::npos)
      << s.error_message();
  const Principal hq{"pusdatin", Role::kHq, "", {}, ""};
  EXPECT_TRUE(f.source().GetIndicatorValues(Context(hq).get(), get, &values).ok());
  // hq writes nothing.
  RecordSatkerValuesRequest req;
  AddValue(&req, "dektari", "BNNK_BIMA", "50.28", "51");
  RecordSatkerValuesResponse resp;
  EXPECT_EQ(f.stub().RecordSatkerValues(Context(hq).get(), req, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PencegahanTest, RecordsValuesAndComputesTheCountOfBnnkInCategory) {
  RecordSatkerValuesRequest req;
  AddValue(&req, "dektari", "BNNP_NTB", "54.36", "51");
  AddValue(&req, "dektari", "BNNK_MATARAM", "58.17", "51");
  AddValue(&req, "dektari", "BNNK_BIMA", "50.28", "51");
  RecordSatkerValuesResponse resp;
  ASSERT_TRUE(f.Record(req, &resp).ok());
  EXPECT_EQ(resp.written(), 3);
  // Another province's satker, written with that province's token: never counted for NTB. With
  // NTB's token it is refused where it would be stored (its unit is Bali's).
  RecordSatkerValuesRequest badung;
  AddValue(&badung, "dektari", "BNNK_BADUNG", "50.00");
  grpc::Status refused = f.stub().RecordSatkerValues(Context().get(), badung, &resp);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(refused.error_message().find("satker BNNK_BADUNG belongs to BNNP_BALI"), std::string::npos);
  const Principal bali{"made", Role::kAdmin, "BNNP_BALI", {}, ""};
  ASSERT_TRUE(f.stub().RecordSatkerValues(Context(bali).get(), badung, &resp).ok());

  indicator::v1::GetIndicatorValuesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  get.add_codes("IKK-01");
  indicator::v1::GetIndicatorValuesResponse values;
  ASSERT_TRUE(f.source().GetIndicatorValues(Context().get(), get, &values).ok());
  ASSERT_EQ(values.values_size(), 1);
  const auto& v = values.values(0);
  EXPECT_TRUE(v.available());
  EXPECT_EQ(v.realisasi().value(), "1");  // Bima is Tinggi; Mataram is Sangat Tinggi (exact band)
  ASSERT_EQ(v.satker_rows_size(), 3);
  EXPECT_EQ(v.satker_rows(0).satker_code(), "BNNP_NTB");
  EXPECT_EQ(v.satker_rows(1).satker_code(), "BNNK_BIMA");
  EXPECT_EQ(v.satker_rows(1).category(), "Tinggi");
  EXPECT_TRUE(v.satker_rows(1).counted());
  EXPECT_EQ(v.satker_rows(2).category(), "Sangat Tinggi");
  EXPECT_EQ(v.satker_rows(1).provenance().actor(), "operator-1");
  EXPECT_EQ(v.provenance().kind(), common::v1::PROVENANCE_KIND_COMPUTED);
}

// A BNNK of the counted level without a value is listed, not counted, and carries a WARNING
// naming it; the count's rule says who it could not count. The rows with values are unchanged.
TEST_F(PencegahanTest, ABnnkWithoutAValueIsListedAsMissingNotSilentlyDropped) {
  RecordSatkerValuesRequest req;
  AddValue(&req, "dektari", "BNNP_NTB", "54.36");
  AddValue(&req, "dektari", "BNNK_MATARAM", "50.5");
  ASSERT_TRUE(f.Record(req).ok());
  indicator::v1::GetIndicatorValuesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  get.add_codes("IKK-01");
  indicator::v1::GetIndicatorValuesResponse values;
  ASSERT_TRUE(f.source().GetIndicatorValues(Context().get(), get, &values).ok());
  const auto& v = values.values(0);
  EXPECT_EQ(v.realisasi().value(), "1");  // Mataram, Tinggi
  ASSERT_EQ(v.satker_rows_size(), 3);
  const auto& bima = v.satker_rows(2);
  EXPECT_EQ(bima.satker_code(), "BNNK_BIMA");
  EXPECT_TRUE(bima.missing());
  EXPECT_FALSE(bima.counted());
  EXPECT_TRUE(bima.value().value().empty());
  ASSERT_EQ(bima.findings_size(), 1);
  EXPECT_EQ(bima.findings(0).code(), "NILAI_SATKER_BELUM_ADA");
  EXPECT_EQ(bima.findings(0).severity(), common::v1::SEVERITY_WARNING);
  EXPECT_NE(bima.findings(0).message().find("tidak dihitung dalam IKK-01"), std::string::npos)
      << bima.findings(0).message();
  EXPECT_NE(v.provenance().rule_ref().find("tanpa nilai, tidak dihitung: "), std::string::npos)
      << v.provenance().rule_ref();
  EXPECT_FALSE(v.satker_rows(0).missing());
  EXPECT_FALSE(v.satker_rows(1).missing());
  // A sum (IKK-04) lists no missing rows: only counts have a set of units to be counted.
  get.clear_codes();
  get.add_codes("IKK-04");
  RecordSatkerValuesRequest kawasan;
  AddValue(&kawasan, "kawasan_bahaya_ke_waspada", "BNNP_NTB", "1");
  ASSERT_TRUE(f.Record(kawasan).ok());
  ASSERT_TRUE(f.source().GetIndicatorValues(Context().get(), get, &values).ok());
  EXPECT_EQ(values.values(0).satker_rows_size(), 1);
}

// A record that no longer holds a decimal (a disk fault, a hand edit of the database) fails the
// read that meets it with DATA_LOSS naming the record; the service goes on serving.
TEST_F(PencegahanTest, ACorruptStoredValueIsDataLossNotACrash) {
  RecordSatkerValuesRequest req;
  AddValue(&req, "dektari", "BNNK_BIMA", "50.28", "51");
  RecordSatkerValuesResponse resp;
  ASSERT_TRUE(f.Record(req, &resp).ok());
  const std::string key = SatkerValueKey(2023, "dektari", "BNNP_NTB", "BNNK_BIMA");
  storage::v1::SatkerValueRecord record;
  ASSERT_TRUE(record.ParseFromString(**f.store().Find(key)));
  record.set_value("50,28 rusak");
  Mutation corrupt;
  corrupt.Put(key, record.SerializeAsString());
  ASSERT_TRUE(f.store().Commit({"test", "corrupt", "a damaged record"}, std::move(corrupt)).ok());

  indicator::v1::GetIndicatorValuesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  get.add_codes("IKK-01");
  indicator::v1::GetIndicatorValuesResponse values;
  const grpc::Status s = f.source().GetIndicatorValues(Context().get(), get, &values);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DATA_LOSS) << s.error_message();
  EXPECT_NE(s.error_message().find("dektari value of BNNK_BIMA"), std::string::npos) << s.error_message();
  indicator::v1::ListIndicatorsRequest list;
  list.set_fiscal_year(2023);
  indicator::v1::ListIndicatorsResponse listed;
  EXPECT_TRUE(f.source().ListIndicators(Context().get(), list, &listed).ok()) << "still serving";
}

TEST_F(PencegahanTest, RepeatedRecordChangesNothingAndSaysSo) {
  RecordSatkerValuesRequest req;
  AddValue(&req, "ikp", "BNNK_BIMA", "3.31");
  ASSERT_TRUE(f.Record(req).ok());
  const size_t audits = f.AuditEntries();
  RecordSatkerValuesResponse resp;
  AddValue(&req, "ikp", "BNNK_MATARAM", "3.720");
  req.mutable_values(0)->mutable_value()->set_value("3.310");  // same number, other spelling
  ASSERT_TRUE(f.Record(req, &resp).ok());
  EXPECT_EQ(resp.written(), 1);
  EXPECT_EQ(resp.unchanged(), 1);
  EXPECT_EQ(f.AuditEntries(), audits + 1);
}

struct BadCase {
  std::string name, measure, satker, value, expected_field;
  grpc::StatusCode code;
  std::string expected_value;  // the offending value, as the message must name it
};

TEST_F(PencegahanTest, BadInputIsRefusedNamingFieldAndValueAndWritesNothing) {
  const std::vector<BadCase> cases = {
      {"unknown measure", "dektarii", "BNNK_BIMA", "50", "values[1].measure",
       grpc::StatusCode::INVALID_ARGUMENT, "\"dektarii\""},
      {"other service's measure", "nka", "BNNK_BIMA", "50", "values[1].measure",
       grpc::StatusCode::INVALID_ARGUMENT, "\"nka\""},
      {"negative count", "kawasan_bahaya_ke_waspada", "BNNP_NTB", "-1", "values[1].value",
       grpc::StatusCode::INVALID_ARGUMENT, "-1"},
      {"fractional count", "kawasan_bahaya_ke_waspada", "BNNP_NTB", "1.5", "values[1].value",
       grpc::StatusCode::INVALID_ARGUMENT, "1.5"},
      {"outside the scale", "ikp", "BNNK_BIMA", "4.01", "values[1].value", grpc::StatusCode::INVALID_ARGUMENT,
       "4.01"},
      {"not a number", "ikp", "BNNK_BIMA", "3,31", "values[1].value", grpc::StatusCode::INVALID_ARGUMENT,
       "\"3,31\""},
      {"BNN RI", "ikp", "BNN_RI", "3", "values[1].satker_code", grpc::StatusCode::INVALID_ARGUMENT,
       "\"BNN_RI\""},
      {"unknown satker", "ikp", "BNNK_LOMBOK", "3", "values[1].satker_code", grpc::StatusCode::NOT_FOUND,
       "\"BNNK_LOMBOK\""},
  };
  for (const auto& c : cases) {
    RecordSatkerValuesRequest req;
    AddValue(&req, "ikp", "BNNK_MATARAM", "3.72");  // a good value before the bad one
    AddValue(&req, c.measure, c.satker, c.value);
    const size_t audits = f.AuditEntries();
    grpc::Status s = f.Record(req);
    EXPECT_EQ(s.error_code(), c.code) << c.name;
    EXPECT_NE(s.error_message().find(c.expected_field), std::string::npos)
        << c.name << ": " << s.error_message();
    EXPECT_NE(s.error_message().find(c.expected_value), std::string::npos)
        << c.name << ": " << s.error_message();
    EXPECT_EQ(f.AuditEntries(), audits) << c.name;
  }
  indicator::v1::ListSatkerValuesRequest list;
  list.set_fiscal_year(2023);
  indicator::v1::ListSatkerValuesResponse stored;
  ASSERT_TRUE(f.stub().ListSatkerValues(Context().get(), list, &stored).ok());
  EXPECT_EQ(stored.values_size(), 0);
}

TEST_F(PencegahanTest, RequestLevelErrors) {
  RecordSatkerValuesRequest empty;
  empty.set_fiscal_year(2023);
  EXPECT_EQ(f.Record(empty).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  RecordSatkerValuesRequest no_rules;
  AddValue(&no_rules, "ikp", "BNNK_BIMA", "3");
  no_rules.set_fiscal_year(2031);
  EXPECT_EQ(f.Record(no_rules).error_code(), grpc::StatusCode::NOT_FOUND);
  no_rules.set_fiscal_year(1999);
  grpc::Status s = f.Record(no_rules);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("fiscal_year: 1999"), std::string::npos);
  RecordSatkerValuesRequest twice;
  AddValue(&twice, "ikp", "BNNK_BIMA", "3");
  AddValue(&twice, "ikp", "BNNK_BIMA", "3.1");
  EXPECT_EQ(f.Record(twice).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PencegahanTest, ListSatkerValuesRejectsAnotherServicesMeasure) {
  indicator::v1::ListSatkerValuesRequest list;
  list.set_fiscal_year(2023);
  list.set_measure("ikpa");
  indicator::v1::ListSatkerValuesResponse resp;
  grpc::Status s = f.stub().ListSatkerValues(Context().get(), list, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("ikpa"), std::string::npos);
}

// A listing comes in pages: every value exactly once, in key order, whatever the page size; a
// token from elsewhere or a bad page size is refused naming the field.
TEST_F(PencegahanTest, ListSatkerValuesPagesThroughEveryValueOnce) {
  RecordSatkerValuesRequest req;
  for (const char* satker : {"BNNP_NTB", "BNNK_MATARAM", "BNNK_BIMA"}) {
    AddValue(&req, "dektari", satker, "54.36");
    AddValue(&req, "ikp", satker, "3.31");
  }
  RecordSatkerValuesResponse written;
  ASSERT_TRUE(f.Record(req, &written).ok());
  for (int page_size : {1, 2, 4, 6, 0}) {
    indicator::v1::ListSatkerValuesRequest list;
    list.set_fiscal_year(2023);
    list.set_page_size(page_size);
    std::vector<std::string> seen;
    int pages = 0;
    do {
      indicator::v1::ListSatkerValuesResponse page;
      ASSERT_TRUE(f.stub().ListSatkerValues(Context().get(), list, &page).ok());
      ++pages;
      if (page_size > 0) {
        EXPECT_LE(page.values_size(), page_size);
      }
      for (const auto& v : page.values()) seen.push_back(v.measure() + "/" + v.satker_code());
      list.set_page_token(page.next_page_token());
    } while (!list.page_token().empty() && pages < 10);
    EXPECT_EQ(seen.size(), 6u) << "page_size " << page_size;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 6u) << "each value once";
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end())) << "by measure, then satker";
    EXPECT_EQ(pages, page_size == 0 ? 1 : (6 + page_size - 1) / page_size) << "no empty last page";
  }
  indicator::v1::ListSatkerValuesRequest bad;
  bad.set_fiscal_year(2023);
  bad.set_page_token("bm90LWEtdG9rZW4");
  indicator::v1::ListSatkerValuesResponse resp;
  grpc::Status s = f.stub().ListSatkerValues(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_token"), std::string::npos) << s.error_message();
  bad.clear_page_token();
  bad.set_page_size(-1);
  s = f.stub().ListSatkerValues(Context().get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_size: -1"), std::string::npos) << s.error_message();
}

TEST_F(PencegahanTest, IndicatorSourceErrorsAndUnavailableValues) {
  indicator::v1::ListIndicatorsRequest list;
  list.set_fiscal_year(2023);
  indicator::v1::ListIndicatorsResponse defs;
  ASSERT_TRUE(f.source().ListIndicators(Context().get(), list, &defs).ok());
  EXPECT_EQ(defs.indicators_size(), 5);
  EXPECT_EQ(defs.rule_set_version(), "2023.1");
  list.set_fiscal_year(2040);
  EXPECT_EQ(f.source().ListIndicators(Context().get(), list, &defs).error_code(),
            grpc::StatusCode::NOT_FOUND);

  indicator::v1::GetIndicatorValuesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  indicator::v1::GetIndicatorValuesResponse values;
  ASSERT_TRUE(f.source().GetIndicatorValues(Context().get(), get, &values).ok());
  ASSERT_EQ(values.values_size(), 5);
  EXPECT_FALSE(values.values(0).available());  // nothing recorded yet
  // In Indonesian, naming the measure as the report's reader knows it.
  EXPECT_NE(values.values(0).unavailable_reason().find(
                "belum ada nilai satker yang dicatat untuk Indeks Ketahanan Diri"),
            std::string::npos)
      << values.values(0).unavailable_reason();

  get.add_codes("IKK-15");  // keuangan's
  grpc::Status s = f.source().GetIndicatorValues(Context().get(), get, &values);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("codes[0]: \"IKK-15\""), std::string::npos) << s.error_message();
  get.clear_codes();
  get.set_province_code("BNNP_PAPUA");
  // A token of NTB may not read another province, known or not; hq reads any, and is told.
  EXPECT_EQ(f.source().GetIndicatorValues(Context().get(), get, &values).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const Principal hq{"pusdatin", Role::kHq, "", {}, ""};
  EXPECT_EQ(f.source().GetIndicatorValues(Context(hq).get(), get, &values).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_province_code("BNNK_BIMA");
  EXPECT_EQ(f.source().GetIndicatorValues(Context(hq).get(), get, &values).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PencegahanTest, UnitRegistryRefusesBrokenTreesAndWritesNothing) {
  const size_t audits = f.AuditEntries();
  unit::v1::PutUnitsRequest req;
  *req.add_units() = MakeUnit("BNNK_DOMPU", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB");
  *req.add_units() = MakeUnit("BNNK_X", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NOWHERE");
  unit::v1::PutUnitsResponse resp;
  grpc::Status s = f.registry().PutUnits(Context().get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("units[1].parent_code: \"BNNP_NOWHERE\""), std::string::npos)
      << s.error_message();
  EXPECT_EQ(f.AuditEntries(), audits);
  unit::v1::ListUnitsResponse units;
  ASSERT_TRUE(f.registry().ListUnits(Context().get(), unit::v1::ListUnitsRequest(), &units).ok());
  EXPECT_EQ(units.units_size(), 6);
  EXPECT_EQ(f.registry().PutUnits(Context().get(), unit::v1::PutUnitsRequest(), &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PencegahanTest, AuditRecordsTheActorFromMetadata) {
  RecordSatkerValuesRequest req;
  AddValue(&req, "ikkr", "BNNP_NTB", "2.88");
  ASSERT_TRUE(f.Record(req).ok());
  auto audit = f.store().ReadAudit(100);
  EXPECT_EQ(audit->back().actor(), "operator-1");
  EXPECT_EQ(audit->back().method(), "RecordSatkerValues");
  EXPECT_EQ(audit->back().changes_size(), 1);
}

// Every bidang package serves the same records API over the shared core.
template <typename T>
class EveryBidangTest : public ::testing::Test {};
struct Pencegahan {
  using Svc = pencegahan::v1::Pencegahan;
  static constexpr const char* name = "pencegahan";
  static constexpr const char* measure = "ikkr";
  static constexpr const char* code = "IKK-05";
};
struct Rehabilitasi {
  using Svc = rehabilitasi::v1::Rehabilitasi;
  static constexpr const char* name = "rehabilitasi";
  static constexpr const char* measure = "ikm_layanan_rehab";
  static constexpr const char* code = "IKK-11";
};
struct Pemberantasan {
  using Svc = pemberantasan::v1::Pemberantasan;
  static constexpr const char* name = "pemberantasan";
  static constexpr const char* measure = "nilai_tahanan";
  static constexpr const char* code = "IKK-13";
};
struct Keuangan {
  using Svc = keuangan::v1::Keuangan;
  static constexpr const char* name = "keuangan";
  static constexpr const char* measure = "nka";
  static constexpr const char* code = "IKK-15";
};
struct ZonaIntegritas {
  using Svc = zonaintegritas::v1::ZonaIntegritas;
  static constexpr const char* name = "zonaintegritas";
  static constexpr const char* measure = "nilai_zi";
  static constexpr const char* code = "IKK-19";
};
using AllBidang = ::testing::Types<Pencegahan, Rehabilitasi, Pemberantasan, Keuangan, ZonaIntegritas>;
TYPED_TEST_SUITE(EveryBidangTest, AllBidang);

TYPED_TEST(EveryBidangTest, RecordsAndServesItsProvincialValue) {
  BidangFixture<typename TypeParam::Svc> f(TypeParam::name);
  ASSERT_TRUE(f.PutUnits().ok());
  RecordSatkerValuesRequest req;
  AddValue(&req, TypeParam::measure, "BNNP_NTB", "3.5");
  ASSERT_TRUE(f.Record(req).ok());
  indicator::v1::GetIndicatorValuesRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  get.add_codes(TypeParam::code);
  indicator::v1::GetIndicatorValuesResponse values;
  ASSERT_TRUE(f.source().GetIndicatorValues(Context().get(), get, &values).ok());
  EXPECT_EQ(values.values(0).realisasi().value(), "3.5");
  // A measure of another service is refused by this one.
  RecordSatkerValuesRequest foreign;
  AddValue(&foreign, std::string(TypeParam::name) == "keuangan" ? "ikp" : "ikpa", "BNNP_NTB", "3");
  EXPECT_EQ(f.Record(foreign).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace lkip
