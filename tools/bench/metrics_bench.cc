// What counting every call costs (issue 17): a gRPC health check on a server with the metrics
// interceptor (common/server/metrics_interceptor.h) against the same call on a server without
// it, back to back in every iteration (tools/bench/ratio.h). A no-op call is the worst case:
// every real call does more work beside the same counting.
#include <benchmark/benchmark.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "common/server/metrics.h"
#include "common/server/server_runner.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/bench/ratio.h"

namespace lkip {
namespace {

std::unique_ptr<RunningServer> StartServer(MetricsRegistry* metrics) {
  ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.reflection = false;
  config.transport.insecure_dev = true;
  config.metrics = metrics;
  auto server = RunningServer::Start(config, {});
  if (!server.ok()) std::abort();
  return *std::move(server);
}

bool Check(grpc::health::v1::Health::Stub* stub) {
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckRequest req;
  grpc::health::v1::HealthCheckResponse resp;
  return stub->Check(&ctx, req, &resp).ok();
}

void BM_HealthCheckMetricsRatio(benchmark::State& state) {
  MetricsRegistry registry;
  auto plain = StartServer(nullptr);
  auto counted = StartServer(&registry);
  auto plain_stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(plain->address(), grpc::InsecureChannelCredentials()));
  auto counted_stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(counted->address(), grpc::InsecureChannelCredentials()));
  bench::Ratio(
      state, [&] { return Check(plain_stub.get()); }, [&] { return Check(counted_stub.get()); });
}

BENCHMARK(BM_HealthCheckMetricsRatio)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->MinTime(3.0)
    ->Repetitions(5);

}  // namespace
}  // namespace lkip

BENCHMARK_MAIN();
