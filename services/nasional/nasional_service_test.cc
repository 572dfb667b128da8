// The national service against real provincial suites on loopback (each a whole suite in this
// process with the NTB example's data, BALI's renamed and its Dektari/Dektara values moved), and
// one address where nothing listens: pulls with an hq token over mutual TLS, stale marking, the
// national values against figures read from the provinces' own reports, and the comparisons
// taken into NTB's report.
#include "services/nasional/nasional_service.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "common/numeric/decimal.h"
#include "common/testing/test_pki.h"
#include "services/aggregator/suite_fixture.h"
#include "services/nasional/pull_schedule.h"

namespace lkip::nasional {
namespace {

using ::lkip::testing::Context;
using ::lkip::testing::SuiteFixture;
using ::lkip::testing::TempDir;
using ::lkip::testing::TestServer;

Principal Admin(const std::string& province) {
  return Principal{"admin." + province, Role::kAdmin, province, {}, ""};
}
Principal Hq() { return Principal{"hq.pusat", Role::kHq, "", {}, ""}; }

// The NTB example's bundle as `province`'s, its Dektari and Dektara satker values moved by `shift`.
report::v1::ImportBundleRequest BundleOf(const std::string& province, int shift) {
  report::v1::ImportBundleRequest req = SuiteFixture::ExampleBundle();
  std::string json;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(req, &json).ok());
  json = absl::StrReplaceAll(json, {{"BNNP_NTB", province}});
  req.Clear();
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &req).ok());
  for (auto& v : *req.mutable_bundle()->mutable_satker_values()) {
    if (v.measure() != "dektari" && v.measure() != "dektara") continue;
    v.mutable_value()->set_value((*Decimal::Parse(v.value().value()) + Decimal(shift)).ToExactString());
  }
  return req;
}

void Import(SuiteFixture& suite, const std::string& province, int shift) {
  report::v1::ImportBundleResponse resp;
  grpc::Status s =
      suite.reports().ImportBundle(Context(Admin(province)).get(), BundleOf(province, shift), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
}

class NasionalServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Import(ntb_, "BNNP_NTB", 0);
    Import(bali_, "BNNP_BALI", 5);
    {
      std::ofstream(dir_.Sub("hq.token")) << testing::TestToken(Hq()) << "\n";
      std::ofstream(dir_.Sub("provinces.json"))
          << R"({"provinces": [)"
          << R"({"province_code": "BNNP_NTB", "name": "Nusa Tenggara Barat", "address": ")"
          << ntb_.aggregator().server().address() << R"("},)"
          << R"({"province_code": "BNNP_BALI", "name": "Bali", "address": ")"
          << bali_.aggregator().server().address() << R"("},)"
          << R"({"province_code": "BNNP_PAPUA", "name": "Papua", "address": "127.0.0.1:1"}]})";
    }
    const TransportConfig& transport = testing::TestTransport("aggregator");
    auto provinces = LoadDirectory(dir_.Sub("provinces.json"), {transport.ca_pem, transport.cert_pem,
                                                                transport.key_pem, dir_.Sub("hq.token")});
    ASSERT_TRUE(provinces.ok()) << provinces.status();
    StoreOptions o;
    o.path = dir_.Sub("store");
    o.service = "nasional";
    store_ = *Store::Open(o);
    rules_ = *RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
    core_ = std::make_unique<NasionalCore>(store_.get(), &rules_, *provinces, absl::Seconds(10));
    service_ = std::make_unique<NasionalService>(core_.get(), LKIP_SOURCE_DIR "/report_render/templates");
    server_ = std::make_unique<TestServer>(std::vector<grpc::Service*>{service_.get()}, "nasional");
    stub_ = v1::NasionalService::NewStub(server_->Channel());
  }

  v1::PullReportsResponse Pull() {
    v1::PullReportsRequest req;
    req.set_fiscal_year(2023);
    v1::PullReportsResponse resp;
    grpc::Status s = stub_->PullReports(Context(Hq()).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // A province's report as its aggregator serves it to headquarters.
  report::v1::Report ReportOf(SuiteFixture& suite, const std::string& province) {
    report::v1::GetReportRequest req;
    req.set_fiscal_year(2023);
    req.set_province_code(province);
    report::v1::Report report;
    grpc::Status s = suite.reports().GetReport(Context(Hq()).get(), req, &report);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return report;
  }

  static const report::v1::IndicatorSection& Section(const report::v1::Report& report,
                                                     const std::string& code) {
    for (const auto& s : report.sasaran())
      for (const auto& i : s.indicators())
        if (i.code() == code) return i;
    ADD_FAILURE() << code;
    return report.sasaran(0).indicators(0);
  }

  static Decimal SatkerMean(const report::v1::IndicatorSection& section) {
    Decimal sum;
    for (const auto& line : section.satker_rows()) sum = sum + *Decimal::Parse(line.row().value().value());
    return sum / Decimal(section.satker_rows_size());
  }

  TempDir dir_;
  SuiteFixture ntb_, bali_;
  std::unique_ptr<Store> store_;
  RuleBook rules_;
  std::unique_ptr<NasionalCore> core_;
  std::unique_ptr<NasionalService> service_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::NasionalService::Stub> stub_;
};

TEST_F(NasionalServiceTest, PullsEveryProvinceAndKeepsTheLastSnapshotOfOneThatGoesDown) {
  v1::PullReportsResponse first = Pull();
  ASSERT_EQ(first.outcomes_size(), 3);
  EXPECT_TRUE(first.outcomes(0).ok()) << first.outcomes(0).error();
  EXPECT_TRUE(first.outcomes(1).ok()) << first.outcomes(1).error();
  EXPECT_FALSE(first.outcomes(2).ok());
  EXPECT_TRUE(absl::StartsWith(first.outcomes(2).error(), "UNAVAILABLE")) << first.outcomes(2).error();
  const v1::RollUp& roll_up = first.roll_up();
  EXPECT_EQ(std::vector<std::string>(roll_up.missing().begin(), roll_up.missing().end()),
            std::vector<std::string>{"BNNP_PAPUA"});
  EXPECT_FALSE(roll_up.complete());

  // Every national value against the provinces' own reports, read here directly.
  const report::v1::Report ntb = ReportOf(ntb_, "BNNP_NTB"), bali = ReportOf(bali_, "BNNP_BALI");
  for (const v1::NationalIndicator& ind : roll_up.indicators()) {
    const auto& a = Section(ntb, ind.code());
    const auto& b = Section(bali, ind.code());
    const Decimal sum = *Decimal::Parse(a.realisasi().value()) + *Decimal::Parse(b.realisasi().value());
    const bool summed = absl::StartsWith(ind.national().rule(), "jumlah");
    EXPECT_EQ(ind.national().value().value(), (summed ? sum : sum / Decimal(2)).ToExactString())
        << ind.code();
    EXPECT_EQ(ind.national().provinces(), 2) << ind.code();
    EXPECT_FALSE(ind.national().verified()) << ind.code();
  }
  // Dektari: the mean of the provinces' means of their satker values; BALI's are 5 higher.
  const auto& ikk01 = roll_up.indicators(0);
  ASSERT_EQ(ikk01.code(), "IKK-01");
  const Decimal ntb_mean = SatkerMean(Section(ntb, "IKK-01")),
                bali_mean = SatkerMean(Section(bali, "IKK-01"));
  EXPECT_EQ(bali_mean, ntb_mean + Decimal(5));
  EXPECT_EQ(ikk01.comparison().value().value(), ((ntb_mean + bali_mean) / Decimal(2)).ToExactString());
  EXPECT_EQ(roll_up.ditetapkan_size(), 0);

  // BALI's aggregator goes down: its snapshot stays, marked stale with the reason.
  bali_.aggregator().server().Stop();
  v1::PullReportsResponse second = Pull();
  EXPECT_TRUE(second.outcomes(0).ok());
  EXPECT_FALSE(second.outcomes(0).changed());  // the same report: the snapshot is not rewritten
  EXPECT_FALSE(second.outcomes(1).ok());
  const v1::SnapshotInfo& info = second.roll_up().provinces(1);
  EXPECT_TRUE(info.has_snapshot());
  EXPECT_TRUE(info.stale());
  EXPECT_TRUE(absl::StrContains(info.stale_reason(), "tidak dapat dihubungi")) << info.stale_reason();
  EXPECT_EQ(std::vector<std::string>(second.roll_up().stale().begin(), second.roll_up().stale().end()),
            (std::vector<std::string>{"BNNP_BALI", "BNNP_PAPUA"}));
  EXPECT_EQ(second.roll_up().indicators(0).comparison().value().value(), ikk01.comparison().value().value());

  v1::GetSnapshotRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_BALI");
  v1::Snapshot snapshot;
  ASSERT_TRUE(stub_->GetSnapshot(Context(Hq()).get(), req, &snapshot).ok());
  EXPECT_EQ(snapshot.report().province_code(), "BNNP_BALI");
  EXPECT_TRUE(snapshot.info().stale());
  req.set_province_code("BNNP_PAPUA");
  EXPECT_EQ(stub_->GetSnapshot(Context(Hq()).get(), req, &snapshot).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Every file of the roll-up, the stale province marked on the page.
  v1::RenderRollUpRequest render;
  render.set_fiscal_year(2023);
  v1::RenderRollUpResponse files;
  grpc::Status s = stub_->RenderRollUp(Context(Hq()).get(), render, &files);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::map<std::string, std::string> by_name;
  for (const auto& f : files.files()) by_name[f.name()] = f.content();
  EXPECT_EQ(by_name.size(), 5u);
  EXPECT_TRUE(absl::StartsWith(by_name["nasional.xlsx"], "PK"));  // a zip archive
  const std::string& html = by_name["nasional.html"];
  EXPECT_TRUE(absl::StrContains(html, "Rekapitulasi Nasional Kinerja BNN Provinsi")) << html.substr(0, 400);
  EXPECT_TRUE(absl::StrContains(html, "Bali <span class=\"basi\">(BASI)</span>"));
  EXPECT_TRUE(absl::StrContains(html, "BASI: tidak dapat dihubungi"));
  EXPECT_TRUE(absl::StrContains(by_name["nasional.csv"], ";BNNP_BALI;Bali;"));
}

TEST_F(NasionalServiceTest, NtbReportTakesItsNasionalRowsFromTheNationalService) {
  Pull();
  v1::GetNationalComparisonsRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  v1::GetNationalComparisonsResponse national;
  const Principal perencana{"perencana.ntb", Role::kPerencana, "BNNP_NTB", {}, ""};
  grpc::Status s = stub_->GetNationalComparisons(Context(perencana).get(), req, &national);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(national.comparisons_size(), 2);  // Dektari (IKK-01) and Dektara (IKK-02)
  EXPECT_EQ(national.comparisons(1).code(), "IKK-02");
  EXPECT_TRUE(absl::StrContains(national.comparisons(1).national_label(), "Dektara"));

  // As lkipctl nasional bandingkan stores them: the national fields, at NTB's aggregator.
  aggregator::v1::PutComparisonsRequest put;
  put.set_fiscal_year(2023);
  put.set_province_code("BNNP_NTB");
  for (const auto& c : national.comparisons()) *put.add_comparisons() = c;
  aggregator::v1::PutComparisonsResponse written;
  s = ntb_.aggregator().data()->PutComparisons(Context(perencana).get(), put, &written);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const report::v1::Report ntb = ReportOf(ntb_, "BNNP_NTB");
  for (const char* code : {"IKK-01", "IKK-02"}) {
    const auto& section = Section(ntb, code);
    const Decimal own = SatkerMean(section);
    EXPECT_EQ(section.comparison().province_value().value(), own.ToExactString()) << code;
    // BALI's values are NTB's plus 5: the national mean is NTB's plus 2,5.
    EXPECT_EQ(section.comparison().national_value().value(), (own + *Decimal::Parse("2.5")).ToExactString())
        << code;
    ASSERT_FALSE(section.perbandingan().empty()) << code;
    // The sentence compares; the document lists its source once (document_view's sumber_pembanding).
    EXPECT_TRUE(
        absl::StrContains(section.perbandingan(section.perbandingan_size() - 1), "nilai nasional sebesar"))
        << section.perbandingan(section.perbandingan_size() - 1);
    EXPECT_TRUE(absl::StrContains(section.comparison().national_source(), "layanan nasional lkip"))
        << section.comparison().national_source();
  }

  // A province reads its own comparisons only.
  req.set_province_code("BNNP_BALI");
  EXPECT_EQ(stub_->GetNationalComparisons(Context(perencana).get(), req, &national).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(NasionalServiceTest, TheScheduleLeavesTheProvincesPulledWithoutAnyonePulling) {
  {
    PullSchedule schedule(core_.get(), {2023}, absl::Milliseconds(20));
    for (int i = 0; i < 500 && schedule.rounds() < 2; ++i) absl::SleepFor(absl::Milliseconds(10));
    EXPECT_GE(schedule.rounds(), 2);
  }
  v1::ListProvincesRequest req;
  req.set_fiscal_year(2023);
  v1::ListProvincesResponse resp;
  ASSERT_TRUE(stub_->ListProvinces(Context(Hq()).get(), req, &resp).ok());
  EXPECT_TRUE(resp.provinces(0).has_snapshot());
  EXPECT_TRUE(resp.provinces(1).has_snapshot());
  EXPECT_TRUE(resp.provinces(2).stale());
  // Recorded as the service's own rounds.
  auto audit = store_->ReadAudit(100);
  ASSERT_TRUE(audit.ok()) << audit.status();
  bool scheduled = false;
  for (const auto& entry : *audit) scheduled |= entry.method() == "ScheduledPull";
  EXPECT_TRUE(scheduled);
}

TEST_F(NasionalServiceTest, BadRequestsNameTheFieldAndWriteNothing) {
  const uint64_t commits = store_->Commits();
  v1::PullReportsRequest req;
  req.set_fiscal_year(2023);
  req.add_province_codes("BNNP_NTB");
  req.add_province_codes("BNNP_JAWA");
  v1::PullReportsResponse resp;
  grpc::Status s = stub_->PullReports(Context(Hq()).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "province_codes[1]: \"BNNP_JAWA\"")) << s.error_message();
  req.clear_province_codes();
  req.set_fiscal_year(1999);
  s = stub_->PullReports(Context(Hq()).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "fiscal_year: 1999")) << s.error_message();
  req.set_fiscal_year(2031);
  EXPECT_EQ(stub_->PullReports(Context(Hq()).get(), req, &resp).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(store_->Commits(), commits);

  v1::RenderRollUpRequest render;
  render.set_fiscal_year(2023);
  render.add_formats(static_cast<v1::RollUpFormat>(9));
  v1::RenderRollUpResponse files;
  s = stub_->RenderRollUp(Context(Hq()).get(), render, &files);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(absl::StrContains(s.error_message(), "formats[0]: 9")) << s.error_message();
}

}  // namespace
}  // namespace lkip::nasional
