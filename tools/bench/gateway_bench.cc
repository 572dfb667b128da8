// The REST gateway against gRPC (issue 16's goal: a REST GET of capaian <= 1,3 x the same gRPC
// call). A whole suite in this process (every bidang service and the aggregator on loopback, over
// mutual TLS with tokens, the NTB 2023 example imported) and the gateway over HTTPS in front of
// it; each iteration reads the same data both ways, back to back (bench::Ratio): the gRPC call a
// client makes with the generated stub, and an HTTPS GET on a kept-alive connection whose JSON
// body the client receives.
#include <benchmark/benchmark.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include "common/testing/test_pki.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "services/aggregator/suite_fixture.h"
#include "services/gateway/gateway_server.h"
#include "services/gateway/served_apis.h"
#include "tools/bench/ratio.h"

namespace lkip {
namespace {

// The suite, the example in it, and the gateway in front of its aggregator.
struct Rig {
  Rig() {
    report::v1::ImportBundleResponse imported;
    auto ctx = testing::Context("bench");
    if (!suite.reports().ImportBundle(ctx.get(), testing::SuiteFixture::ExampleBundle(), &imported).ok())
      std::abort();
    routes = std::make_unique<gateway::RouteTable>(*gateway::RouteTable::Build(gateway::ServedApis()));
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    upstreams = std::make_unique<gateway::Upstreams>(
        std::map<std::string, std::shared_ptr<grpc::Channel>>{
            {"aggregator", grpc::CreateCustomChannel(suite.aggregator().server().address(),
                                                     testing::TestChannelCredentials("gateway"), args)}},
        absl::Seconds(60));
    gateway::GatewayConfig config;
    config.cert_file = testing::TestPkiDir() + "/gateway.crt";
    config.key_file = testing::TestPkiDir() + "/gateway.key";
    server = *gateway::GatewayServer::Start(config, routes.get(), upstreams.get());
    client = std::make_unique<httplib::SSLClient>("127.0.0.1", server->port());
    client->set_ca_cert_path((testing::TestPkiDir() + "/ca.crt").c_str());
    client->enable_server_certificate_verification(true);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    grpc_channel = grpc::CreateCustomChannel(suite.aggregator().server().address(),
                                             testing::TestChannelCredentials("client"), args);
  }
  testing::SuiteFixture suite;
  std::unique_ptr<gateway::RouteTable> routes;
  std::unique_ptr<gateway::Upstreams> upstreams;
  std::unique_ptr<gateway::GatewayServer> server;
  std::unique_ptr<httplib::SSLClient> client;
  std::shared_ptr<grpc::Channel> grpc_channel;
  // One token for both clients, as a real client keeps it: a fresh one per call would make each
  // side sign and verify a signature the other does not.
  const std::string token = testing::TestToken("bench");
  const httplib::Headers headers{{"Authorization", "Bearer " + token}};
};

Rig& TheRig() {
  static auto* rig = new Rig();
  return *rig;
}

// A gRPC client context with the rig's token.
std::unique_ptr<grpc::ClientContext> Context() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + TheRig().token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  return ctx;
}

bool RestGet(const std::string& path, size_t at_least) {
  auto got = TheRig().client->Get(path.c_str(), TheRig().headers);
  return got && got->status == 200 && got->body.size() >= at_least;
}

// GetCapaian: the 19 IKK with their satker rows (~60 kB of JSON).
void BM_RestCapaianRatio(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheRig().grpc_channel);
  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  bench::Ratio(
      state,
      [&] {
        auto ctx = Context();
        aggregator::v1::CapaianReport report;
        return stub->GetCapaian(ctx.get(), req, &report).ok() && report.indicators_size() == 19;
      },
      [&] { return RestGet("/v1/provinces/BNNP_NTB/years/2023/capaian", 10000); });
}

// GetReport: the whole LKIP with its texts (~1 MB of JSON).
void BM_RestReportRatio(benchmark::State& state) {
  auto stub = report::v1::ReportService::NewStub(TheRig().grpc_channel);
  report::v1::GetReportRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  bench::Ratio(
      state,
      [&] {
        auto ctx = Context();
        report::v1::Report report;
        return stub->GetReport(ctx.get(), req, &report).ok() && report.n_ikk() == 19;
      },
      [&] { return RestGet("/v1/provinces/BNNP_NTB/years/2023/report", 30000); });
}

BENCHMARK(BM_RestCapaianRatio)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(200);
BENCHMARK(BM_RestReportRatio)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(50);

}  // namespace
}  // namespace lkip

BENCHMARK_MAIN();
