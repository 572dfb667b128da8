// lkip.report.v1 through its real stub, over a suite in one process: every bidang service of the
// registry with its own store and server on 127.0.0.1:0 (keuangan with its budget tables), and
// the aggregator. The NTB example's published bundle is imported server-side; a bundle refused
// writes nothing anywhere; the report, the verifier and the rendered files come from the
// aggregator alone.
#include "services/aggregator/report_service.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "common/numeric/rounded_text.h"
#include "common/registry/bidang_registry.h"
#include "common/testing/expected_figures.h"
#include "services/aggregator/report/report_builder.h"
#include "services/aggregator/suite_fixture.h"

namespace lkip::aggregator {
namespace {

using testing::Context;

class ReportServiceTest : public ::testing::Test {
 protected:
  report::v1::ImportBundleRequest Example() { return testing::SuiteFixture::ExampleBundle(); }

  grpc::Status Import(const report::v1::ImportBundleRequest& req, report::v1::ImportBundleResponse* resp) {
    return stub_->ImportBundle(Context("operator").get(), req, resp);
  }

  size_t WritesEverywhere() { return suite_.WritesEverywhere(); }

  testing::SuiteFixture suite_;
  std::vector<std::unique_ptr<testing::SuiteBidang>>& bidang_ = suite_.bidang();
  report::v1::ReportService::Stub* stub_ = &suite_.reports();
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
  // keuangan has no DIPA in the published bundle: no budget chapter (not tables of Rp0), said so
  // in the report's findings and among what remains before the final document.
  EXPECT_FALSE(report.anggaran().available());
  EXPECT_EQ(report.anggaran().unavailable_reason(), kNoDipa);
  EXPECT_TRUE(std::any_of(report.findings().begin(), report.findings().end(), [](const auto& f) {
    return f.message() ==
           "Belum ada DIPA tahun 2023 yang dicatat untuk satker mana pun; tabel anggaran belum berisi angka.";
  }));
  EXPECT_TRUE(std::any_of(report.remaining().begin(), report.remaining().end(), [](const std::string& r) {
    return r.starts_with("Data anggaran (DIPA dan realisasi) tidak tersedia");
  }));
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
  // A dry run has every service check its part, says what each would write, and writes nothing.
  req = Example();
  req.set_dry_run(true);
  ASSERT_TRUE(Import(req, &resp).ok());
  int to_write = 0;
  for (const auto& step : resp.steps()) to_write += step.written();
  EXPECT_GT(to_write, 0);
  EXPECT_EQ(WritesEverywhere(), before);
  // Imported for real, it writes what the dry run said.
  report::v1::ImportBundleResponse real;
  req.set_dry_run(false);
  ASSERT_TRUE(Import(req, &real).ok());
  ASSERT_EQ(real.steps_size(), resp.steps_size());
  for (int i = 0; i < real.steps_size(); ++i) {
    EXPECT_EQ(real.steps(i).part(), resp.steps(i).part());
    EXPECT_EQ(real.steps(i).written(), resp.steps(i).written()) << real.steps(i).part();
    EXPECT_EQ(real.steps(i).unchanged(), resp.steps(i).unchanged()) << real.steps(i).part();
    EXPECT_EQ(real.steps(i).note(), resp.steps(i).note()) << real.steps(i).part();
  }
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
