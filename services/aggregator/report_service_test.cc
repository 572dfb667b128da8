// lkip.report.v1 through its real stub, over a suite in one process: every bidang service of the
// registry with its own store and server on 127.0.0.1:0 (keuangan with its budget tables), and
// the aggregator. The NTB example's published bundle is imported server-side; a bundle refused
// writes nothing anywhere; the report, the verifier and the rendered files come from the
// aggregator alone.
#include "services/aggregator/report_service.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "common/bidang/bidang_service.h"
#include "common/files/text_file.h"
#include "common/numeric/rounded_text.h"
#include "common/proto/json_file.h"
#include "common/registry/bidang_protos.inc"
#include "common/registry/bidang_registry.h"
#include "common/testing/expected_figures.h"
#include "common/testing/test_server.h"
#include "services/aggregator/aggregator_service.h"
#include "services/keuangan/keuangan_service.h"

namespace lkip::aggregator {
namespace {

using testing::Context;

// One bidang service: its store, core, records and indicator services on a real server.
struct Bidang {
  std::string name;
  testing::TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<BidangCore> core;
  std::unique_ptr<grpc::Service> records;
  std::unique_ptr<IndicatorSourceService> indicators;
  std::unique_ptr<UnitRegistryService> units;
  std::unique_ptr<testing::TestServer> server;

  size_t AuditEntries() const { return store->ReadAudit(100000)->size(); }
};

std::unique_ptr<grpc::Service> RecordsFor(const std::string& name, BidangCore* core) {
  if (name == "keuangan") return std::make_unique<keuangan::KeuanganService>(core);
#define LKIP_BIDANG(svc, Service, package, label, ikk) \
  if (name == #svc) return std::make_unique<BidangRecordsService<svc::v1::Service>>(core);
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
  return nullptr;
}

class ReportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    book_ = std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules"));
    std::map<std::string, std::string> addresses;
    for (const BidangService& svc : BidangServices()) {
      auto b = std::make_unique<Bidang>();
      b->name = std::string(svc.name);
      StoreOptions o;
      o.path = b->dir.Sub("db");
      o.service = b->name;
      b->store = std::move(*Store::Open(o));
      b->core = std::make_unique<BidangCore>(b->name, b->store.get(), &book_);
      b->records = RecordsFor(b->name, b->core.get());
      b->indicators = std::make_unique<IndicatorSourceService>(b->core.get());
      b->units = std::make_unique<UnitRegistryService>(b->store.get());
      b->server = std::make_unique<testing::TestServer>(
          std::vector<grpc::Service*>{b->records.get(), b->indicators.get(), b->units.get()});
      addresses[b->name] = b->server->address();
      bidang_.push_back(std::move(b));
    }
    StoreOptions ao;
    ao.path = dir_.Sub("aggregator");
    ao.service = "aggregator";
    store_ = std::move(*Store::Open(ao));
    stores_ = std::make_unique<AggregatorStores>(store_.get(), &book_);
    clients_ = std::make_unique<BidangClients>(addresses, absl::Seconds(5));
    background_ = std::make_unique<BackgroundWork>(2);
    units_ = std::make_unique<UnitRegistryService>(store_.get());
    ReportServiceConfig config;
    config.templates_dir = LKIP_SOURCE_DIR "/report_render/templates";
    reports_ = std::make_unique<ReportService>(config, stores_.get(), clients_.get(), units_.get(),
                                               background_.get());
    server_ =
        std::make_unique<testing::TestServer>(std::vector<grpc::Service*>{reports_.get(), units_.get()});
    stub_ = report::v1::ReportService::NewStub(server_->Channel());
  }

  void TearDown() override {
    background_->Stop();
    server_.reset();
  }

  report::v1::ImportBundleRequest Example() {
    report::v1::ImportBundleRequest req;
    EXPECT_TRUE(
        ReadJsonMessage(LKIP_SOURCE_DIR "/examples/ntb-2023/bundle.json", "a bundle", req.mutable_bundle())
            .ok());
    req.set_source_name("bundle.json");
    return req;
  }

  grpc::Status Import(const report::v1::ImportBundleRequest& req, report::v1::ImportBundleResponse* resp) {
    return stub_->ImportBundle(Context("operator").get(), req, resp);
  }

  size_t WritesEverywhere() {
    size_t n = store_->ReadAudit(100000)->size();
    for (const auto& b : bidang_) n += b->AuditEntries();
    return n;
  }

  testing::TempDir dir_;
  RuleBook book_;
  std::vector<std::unique_ptr<Bidang>> bidang_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<AggregatorStores> stores_;
  std::unique_ptr<BidangClients> clients_;
  std::unique_ptr<BackgroundWork> background_;
  std::unique_ptr<UnitRegistryService> units_;
  std::unique_ptr<ReportService> reports_;
  std::unique_ptr<testing::TestServer> server_;
  std::unique_ptr<report::v1::ReportService::Stub> stub_;
};

TEST_F(ReportServiceTest, ImportsTheBundleThenServesTheReport) {
  report::v1::ImportBundleResponse imported;
  grpc::Status s = Import(Example(), &imported);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_NE(imported.summary().find("checked bundle.json"), std::string::npos) << imported.summary();
  int units = 0;
  for (const auto& step : imported.steps()) units += step.part() == "units";
  EXPECT_EQ(units, static_cast<int>(BidangServices().size()) + 1) << "every service and the aggregator";
  // Imported again, nothing changes.
  report::v1::ImportBundleResponse again;
  ASSERT_TRUE(Import(Example(), &again).ok());
  for (const auto& step : again.steps())
    EXPECT_EQ(step.written(), 0) << step.part() << " -> " << step.service();

  report::v1::GetReportRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  report::v1::Report report;
  s = stub_->GetReport(Context().get(), req, &report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const auto& expected = testing::Ntb2023Expected();
  int checked = 0;
  for (const auto& sasaran : report.sasaran()) {
    for (const auto& ind : sasaran.indicators()) {
      for (const auto& e : expected.indicators) {
        if (e.code != ind.code()) continue;
        EXPECT_EQ(*RoundedFixed(ind.capaian().value(), 2), e.capaian) << e.code;
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 19);
  // keuangan has no DIPA in the published bundle: the budget tables are empty, not missing.
  EXPECT_TRUE(report.anggaran().available());
  EXPECT_FALSE(report.findings().empty());
  for (const auto& svc : report.services())
    EXPECT_TRUE(svc.address().empty()) << "no address leaves the aggregator";
}

TEST_F(ReportServiceTest, ARefusedBundleWritesNothingAnywhere) {
  auto req = Example();
  req.mutable_bundle()->mutable_satker_values(3)->set_satker_code("BNNK_LOMBOK_TIMUR");
  const size_t before = WritesEverywhere();
  report::v1::ImportBundleResponse resp;
  grpc::Status s = Import(req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("bundle.json: $.satker_values[3].satker_code"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("BNNK_LOMBOK_TIMUR"), std::string::npos);
  EXPECT_EQ(WritesEverywhere(), before);
  // A dry run checks and writes nothing either.
  req = Example();
  req.set_dry_run(true);
  ASSERT_TRUE(Import(req, &resp).ok());
  EXPECT_EQ(resp.steps_size(), 0);
  EXPECT_EQ(WritesEverywhere(), before);
}

TEST_F(ReportServiceTest, AServiceDownRefusesTheImportBeforeAnyWrite) {
  const size_t before = WritesEverywhere();
  bidang_[2]->server->Stop();
  report::v1::ImportBundleResponse resp;
  grpc::Status s = Import(Example(), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_NE(s.error_message().find(bidang_[2]->name), std::string::npos) << s.error_message();
  EXPECT_NE(s.error_message().find("nothing was written"), std::string::npos) << s.error_message();
  EXPECT_EQ(WritesEverywhere(), before);
}

TEST_F(ReportServiceTest, VerifyAndRenderFromTheAggregatorAlone) {
  report::v1::ImportBundleResponse imported;
  ASSERT_TRUE(Import(Example(), &imported).ok());
  report::v1::VerifyReportRequest verify;
  verify.set_fiscal_year(2023);
  verify.set_province_code("BNNP_NTB");
  auto* stated = verify.mutable_stated();
  stated->set_fiscal_year(2023);
  stated->set_province_code("BNNP_NTB");
  stated->set_source_document("a draft");
  auto* f = stated->add_figures();
  f->set_ref("ikk.IKK-12.realisasi");
  f->set_value("21");
  f->set_where("Bab III");
  report::v1::VerifyReportResponse verified;
  grpc::Status s = stub_->VerifyReport(Context().get(), verify, &verified);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(verified.summary().stated_checked(), 1);
  EXPECT_EQ(verified.summary().stated_agreeing(), 0);
  EXPECT_EQ(verified.findings(0).code(), "ANGKA_DINYATAKAN_BERBEDA");
  f->set_value("20,0");
  s = stub_->VerifyReport(Context().get(), verify, &verified);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("stated.figures[0].value"), std::string::npos) << s.error_message();

  report::v1::RenderReportRequest render;
  render.set_fiscal_year(2023);
  render.set_province_code("BNNP_NTB");
  render.add_formats(report::v1::DOCUMENT_FORMAT_HTML);
  render.add_formats(report::v1::DOCUMENT_FORMAT_JSON);
  report::v1::RenderReportResponse rendered;
  s = stub_->RenderReport(Context().get(), render, &rendered);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<std::string> names;
  for (const auto& file : rendered.files()) names.push_back(file.name());
  EXPECT_EQ(names, (std::vector<std::string>{"lkip.json", "lkip.html", "manifest.json"}));
  EXPECT_NE(rendered.files(1).content().find("166,67"), std::string::npos) << "IKK-12's capaian";
  // An edited template sent with the request replaces the server's.
  auto* t = render.add_templates();
  t->set_name("lkip.html.mustache");
  t->set_text("<h1>{{title}}</h1>");
  ASSERT_TRUE(stub_->RenderReport(Context().get(), render, &rendered).ok());
  EXPECT_EQ(rendered.files(1).content(),
            "<h1>Laporan Kinerja Instansi Pemerintah BNNP Nusa Tenggara Barat Tahun 2023</h1>");
  t->set_text("{{#sasaran}} never closed");
  s = stub_->RenderReport(Context().get(), render, &rendered);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("lkip.html.mustache"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace lkip::aggregator
