// lkip.report.v1 over gRPC, as another government system or BNN headquarters would use it: one
// channel to the aggregator and nothing else. Run by tests/e2e_test.py against the suite it
// started, after `lkipctl report` wrote its files: GetReport gives the figures of the example's
// expected.json, and RenderReport the same lkip.json and lkip.html bytes that lkipctl wrote.
//
//   report_api_test AGGREGATOR_ADDRESS OUT_DIR
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "common/files/text_file.h"
#include "common/numeric/rounded_text.h"
#include "common/server/transport_security.h"
#include "common/testing/expected_figures.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "report_render/proto_walk.h"

namespace lkip {
namespace {

std::string g_aggregator;
std::filesystem::path g_out;

std::unique_ptr<report::v1::ReportService::Stub> Stub() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  // The suite's PKI and a token, as lkipctl takes them from the environment.
  const char* pki = std::getenv("LKIP_PKI_DIR");
  const char* token = std::getenv("LKIP_TOKEN");
  auto credentials = UserChannelCredentials(pki ? pki : "", token ? token : "");
  EXPECT_TRUE(credentials.ok()) << credentials.status();
  return report::v1::ReportService::NewStub(grpc::CreateCustomChannel(
      g_aggregator, credentials.ok() ? *credentials : grpc::InsecureChannelCredentials(), args));
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  return c;
}

TEST(ReportApiTest, GetReportHasTheExpectedFiguresAndWhatLkipctlWrote) {
  const auto& expected = testing::Ntb2023Expected();
  report::v1::GetReportRequest req;
  req.set_fiscal_year(expected.fiscal_year);
  req.set_province_code(expected.province_code);
  report::v1::Report report;
  grpc::Status s = Stub()->GetReport(Context().get(), req, &report);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(report.complete());
  std::map<std::string, const report::v1::IndicatorSection*> sections;
  for (const auto& sasaran : report.sasaran()) {
    for (const auto& ind : sasaran.indicators()) sections[ind.code()] = &ind;
  }
  ASSERT_EQ(sections.size(), expected.indicators.size());
  for (const auto& e : expected.indicators) {
    const auto* ind = sections.at(e.code);
    EXPECT_EQ(ind->target().value().value(), e.target) << e.code;
    EXPECT_EQ(*RoundedFixed(ind->realisasi().value(), 2), *RoundedFixed(e.realisasi, 2)) << e.code;
    EXPECT_EQ(*RoundedFixed(ind->capaian().value(), 2), e.capaian) << e.code;
    EXPECT_FALSE(ind->provenance().rule_ref().empty()) << e.code << ": the rule and its version";
  }
  for (const auto& set : report.band_sets()) {
    std::vector<int> counts;
    for (const auto& row : set.rows()) counts.push_back(row.count());
    EXPECT_EQ(counts, expected.bands.at(set.band_set())) << set.band_set();
  }
  const auto& total = report.anggaran().tables().per_satker().total();
  EXPECT_EQ(std::to_string(total.pagu().amount()), expected.anggaran.at("pagu"));
  EXPECT_EQ(std::to_string(total.realisasi().amount()), expected.anggaran.at("realisasi"));
  EXPECT_FALSE(report.findings().empty()) << "the verifier's data findings travel with the report";

  // The same report as lkipctl report wrote it (lkip.json is the Report in JSON).
  auto written = ReadText(g_out / "lkip.json");
  ASSERT_TRUE(written.ok()) << written.status();
  report::v1::Report from_file;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(*written, &from_file).ok());
  render::ExactDecimalsFromJson(&from_file);  // a Decimal's exact fraction sits beside its value
  EXPECT_EQ(from_file.SerializeAsString(), report.SerializeAsString());
}

TEST(ReportApiTest, RenderReportGivesTheBytesLkipctlWrote) {
  report::v1::RenderReportRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  req.add_formats(report::v1::DOCUMENT_FORMAT_HTML);
  req.add_formats(report::v1::DOCUMENT_FORMAT_JSON);
  report::v1::RenderReportResponse resp;
  grpc::Status s = Stub()->RenderReport(Context().get(), req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  int compared = 0;
  for (const auto& f : resp.files()) {
    if (f.name() != "lkip.html" && f.name() != "lkip.json") continue;
    auto written = ReadText(g_out / f.name());
    ASSERT_TRUE(written.ok());
    EXPECT_EQ(f.content(), *written) << f.name();
    ++compared;
  }
  EXPECT_EQ(compared, 2);
}

TEST(ReportApiTest, BadInputIsRefusedNamingTheField) {
  report::v1::GetReportRequest req;
  req.set_fiscal_year(1999);
  req.set_province_code("BNNP_NTB");
  report::v1::Report report;
  grpc::Status s = Stub()->GetReport(Context().get(), req, &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("fiscal_year: 1999"), std::string::npos) << s.error_message();
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_ACEH");
  // The token (LKIP_TOKEN, an admin of BNNP_NTB) does not reach another province.
  s = Stub()->GetReport(Context().get(), req, &report);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_NE(s.error_message().find("of BNNP_NTB may not read BNNP_ACEH"), std::string::npos)
      << s.error_message();
}

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s AGGREGATOR_ADDRESS OUT_DIR (run by tests/e2e_test.py)\n", argv[0]);
    return 2;
  }
  lkip::g_aggregator = argv[1];
  lkip::g_out = argv[2];
  return RUN_ALL_TESTS();
}
