// The gateway over HTTPS in front of a real suite (every bidang service and the aggregator on
// loopback, each with its store): a bundle imported and the capaian read back over REST, the
// same bytes as the gRPC answer in JSON; the caller's token decides as over gRPC; every failure
// as a JSON error with its HTTP status.
#include "services/gateway/gateway_server.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/files/text_file.h"
#include "common/testing/test_pki.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "report_render/json_text.h"
#include "services/aggregator/suite_fixture.h"
#include "services/gateway/served_apis.h"

namespace lkip::gateway {
namespace {

using testing::SuiteFixture;
using testing::TestPkiDir;
using testing::TestToken;

class GatewayServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto routes = RouteTable::Build(ServedApis());
    ASSERT_TRUE(routes.ok()) << routes.status();
    routes_ = std::make_unique<RouteTable>(*std::move(routes));
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    upstreams_ = std::make_unique<Upstreams>(
        std::map<std::string, std::shared_ptr<grpc::Channel>>{
            {"aggregator", grpc::CreateCustomChannel(suite_.aggregator().server().address(),
                                                     testing::TestChannelCredentials("gateway"), args)}},
        absl::Seconds(60));
    std::filesystem::create_directories(dir_.Sub("schemas"));
    ASSERT_TRUE(WriteText(dir_.Sub("openapi.json"), "{\"openapi\": \"3.0.3\"}").ok());
    ASSERT_TRUE(WriteText(dir_.Sub("schemas/lkip.schema.json"), "{\"title\": \"lkip.json\"}").ok());
    GatewayConfig config;
    config.cert_file = TestPkiDir() + "/gateway.crt";
    config.key_file = TestPkiDir() + "/gateway.key";
    config.contracts_dir = dir_.path();
    auto server = GatewayServer::Start(config, routes_.get(), upstreams_.get());
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  std::unique_ptr<httplib::SSLClient> Client() {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", server_->port());
    client->set_ca_cert_path((TestPkiDir() + "/ca.crt").c_str());
    client->enable_server_certificate_verification(true);
    client->set_read_timeout(std::chrono::seconds(60));
    return client;
  }
  static httplib::Headers As(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  static httplib::Headers Admin() { return As(TestToken("admin-ntb")); }

  static nlohmann::json ErrorOf(const httplib::Result& result) {
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
    return nlohmann::json::parse(result->body)["error"];
  }

  void ImportExample() {
    std::string body;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(SuiteFixture::ExampleBundle(), &body).ok());
    auto imported = Client()->Post("/v1/bundles:import", Admin(), body, "application/json");
    ASSERT_TRUE(imported) << httplib::to_string(imported.error());
    ASSERT_EQ(imported->status, 200) << imported->body;
  }

  testing::TempDir dir_;
  SuiteFixture suite_;
  std::unique_ptr<RouteTable> routes_;
  std::unique_ptr<Upstreams> upstreams_;
  std::unique_ptr<GatewayServer> server_;
};

TEST_F(GatewayServerTest, ImportsABundleAndReadsTheCapaianAsTheGrpcAnswerInJson) {
  ImportExample();
  auto got = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/capaian", Admin());
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/json; charset=utf-8");

  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  aggregator::v1::CapaianReport direct;
  ASSERT_TRUE(suite_.aggregator().data()->GetCapaian(testing::Context().get(), req, &direct).ok());
  // The same answer but for each bidang service's latency, which is the call's own.
  auto without_latency = [](nlohmann::json j) {
    for (auto& service : j["services"]) service.erase("latency_micros");
    return j;
  };
  const auto json = nlohmann::json::parse(got->body);
  EXPECT_EQ(without_latency(json), without_latency(nlohmann::json::parse(render::ProtoJsonText(direct))));

  EXPECT_EQ(json["indicators"].size(), 19u);
  EXPECT_EQ(json["province_code"], "BNNP_NTB");
  for (const auto& ind : json["indicators"]) {
    if (!ind.contains("capaian")) continue;
    const std::string capaian = ind["capaian"]["value"];
    EXPECT_EQ(capaian.find('/'), std::string::npos) << ind.dump();  // never a fraction
  }
}

TEST_F(GatewayServerTest, ReadsTheCapaianAsCsvInBothDialects) {
  ImportExample();
  auto id = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/tables/capaian", Admin());
  ASSERT_TRUE(id);
  ASSERT_EQ(id->status, 200) << id->body;
  EXPECT_EQ(id->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(id->get_header_value("Content-Disposition"),
            "attachment; filename=\"capaian-BNNP_NTB-2023.csv\"");
  EXPECT_EQ(
      id->body.substr(0, id->body.find("\r\n")),
      "tahun;kode_provinsi;sasaran;kode_ikk;nama_ikk;satuan;target;realisasi;capaian_persen;terverifikasi;"
      "pita_S1;pita_S2;pita_S3");
  EXPECT_EQ(std::count(id->body.begin(), id->body.end(), '\n'), 20) << id->body;  // header and 19 IKK

  auto iso = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/tables/capaian?dialect=iso", Admin());
  ASSERT_TRUE(iso);
  ASSERT_EQ(iso->status, 200) << iso->body;
  EXPECT_EQ(iso->get_header_value("Content-Disposition"),
            "attachment; filename=\"capaian-BNNP_NTB-2023-iso.csv\"");
  EXPECT_NE(iso->body.find("tahun,kode_provinsi,"), std::string::npos);

  auto unknown = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/tables/capaian?dialect=excel", Admin());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(ErrorOf(unknown)["field"], "dialect");
  auto no_table = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/tables/rekap", Admin());
  ASSERT_TRUE(no_table);
  EXPECT_EQ(no_table->status, 400);
  EXPECT_EQ(ErrorOf(no_table)["field"], "table");
}

TEST_F(GatewayServerTest, TheCallersTokenDecidesAsOverGrpc) {
  ImportExample();
  auto anonymous = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/capaian");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(ErrorOf(anonymous)["status"], "UNAUTHENTICATED");

  auto forged = Client()->Get("/v1/provinces/BNNP_NTB/years/2023/capaian", As("not.a.jwt"));
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);

  Principal operator_bima{"operator-bima", Role::kOperator, "BNNP_NTB", {"BNNK_BIMA"}, ""};
  const std::string narratives =
      R"({"narratives": [{"key": "kata_pengantar", "text": "Ditulis oleh operator."}]})";
  auto refused = Client()->Put("/v1/provinces/BNNP_NTB/years/2023/narratives", As(TestToken(operator_bima)),
                               narratives, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403) << refused->body;
  EXPECT_EQ(ErrorOf(refused)["status"], "PERMISSION_DENIED");

  Principal perencana{"perencana-ntb", Role::kPerencana, "BNNP_NTB", {}, ""};
  auto written = Client()->Put("/v1/provinces/BNNP_NTB/years/2023/narratives", As(TestToken(perencana)),
                               narratives, "application/json");
  ASSERT_TRUE(written);
  EXPECT_EQ(written->status, 200) << written->body;
  // Recorded as the token's subject, not the gateway.
  auto audit = Client()->Get("/v1/audit-entries?actor=perencana-ntb", Admin());
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->status, 200) << audit->body;
  EXPECT_FALSE(nlohmann::json::parse(audit->body)["entries"].empty()) << audit->body;
}

TEST_F(GatewayServerTest, EveryFailureIsAJsonErrorWithItsHttpStatus) {
  ImportExample();
  auto client = Client();
  auto bad_year = client->Get("/v1/provinces/BNNP_NTB/years/dua/capaian", Admin());
  ASSERT_TRUE(bad_year);
  EXPECT_EQ(bad_year->status, 400);
  EXPECT_EQ(ErrorOf(bad_year)["field"], "fiscal_year");

  auto refused_by_service = client->Get("/v1/provinces/BNNP_NTB/years/1899/capaian", Admin());
  ASSERT_TRUE(refused_by_service);
  EXPECT_EQ(refused_by_service->status, 400) << refused_by_service->body;
  EXPECT_EQ(ErrorOf(refused_by_service)["field"], "fiscal_year") << refused_by_service->body;

  auto no_pk = client->Get("/v1/provinces/BNNP_NTB/years/2031/capaian", Admin());
  ASSERT_TRUE(no_pk);
  EXPECT_EQ(no_pk->status, 404) << no_pk->body;

  auto no_route = client->Get("/v1/provinsi", Admin());
  ASSERT_TRUE(no_route);
  EXPECT_EQ(no_route->status, 404);

  auto wrong_verb = client->Delete("/v1/provinces/BNNP_NTB/years/2023/capaian", Admin());
  ASSERT_TRUE(wrong_verb);
  EXPECT_EQ(wrong_verb->status, 405);
  EXPECT_EQ(ErrorOf(wrong_verb)["status"], "UNIMPLEMENTED");

  auto no_upstream =
      client->Get("/v1/nasional/years/2023/rollup", As(TestToken(Principal{"hq", Role::kHq, "", {}, ""})));
  ASSERT_TRUE(no_upstream);
  EXPECT_EQ(no_upstream->status, 503);
  EXPECT_NE(ErrorOf(no_upstream)["message"].get<std::string>().find("--nasional_addr"), std::string::npos);
}

TEST_F(GatewayServerTest, ServesTheContractsAndItsHealth) {
  auto openapi = Client()->Get("/openapi.json");
  ASSERT_TRUE(openapi);
  EXPECT_EQ(openapi->status, 200);
  EXPECT_EQ(openapi->body, "{\"openapi\": \"3.0.3\"}");
  auto schema = Client()->Get("/schemas/lkip.schema.json");
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->status, 200);
  EXPECT_EQ(schema->body, "{\"title\": \"lkip.json\"}");
  auto health = Client()->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(GatewayServerTest, AClientWithoutTheSuitesCaCannotTrustIt) {
  httplib::SSLClient client("127.0.0.1", server_->port());
  client.enable_server_certificate_verification(true);
  client.set_ca_cert_path("/nonexistent-ca.crt");
  auto got = client.Get("/healthz");
  EXPECT_FALSE(got);
}

}  // namespace
}  // namespace lkip::gateway
