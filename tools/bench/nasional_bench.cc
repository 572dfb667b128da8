// BNN headquarters' roll-up against one province's GetReport (issue 15), on suites that
// scripts/bench-nasional.sh started: 38 real provincial aggregators, each with its own five bidang
// services and its own province's data, and the national service pulling them.
//
// BM_RollUpRatio/N: PullReports of the first N provinces through the national service against
// one GetReport at the first province's aggregator, back to back in every iteration
// (bench::Ratio): ratio = roll-up / one report. The goal: linear in N, and for N = 38 at most
// 38/2 (the pulls overlap on 2 cores).
// BM_RollUpWithProvincesDown: PullReports of every province while the script has stopped three
// aggregators (SIGSTOP): elapsed against the national service's deadline (goal: <= 1,1).
#include <grpcpp/grpcpp.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "common/proto/json_file.h"
#include "common/server/metadata_keys.h"
#include "lkip/nasional/v1/nasional.grpc.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "tools/bench/ratio.h"
#include "tools/bench/service_process.h"

namespace lkip {
namespace {

std::string g_nasional, g_pki, g_token_file, g_directory, g_deadline_ms;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Clients {
  Clients() {
    grpc::SslCredentialsOptions tls;
    tls.pem_root_certs = Read(g_pki + "/ca.crt");
    tls.pem_cert_chain = Read(g_pki + "/client.crt");
    tls.pem_private_key = Read(g_pki + "/client.key");
    auto credentials = grpc::SslCredentials(tls);
    token = std::string(absl::StripAsciiWhitespace(Read(g_token_file)));
    if (!ReadJsonMessage(g_directory, "a province directory", &directory).ok()) std::abort();
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(64 << 20);
    nasional =
        nasional::v1::NasionalService::NewStub(grpc::CreateCustomChannel(g_nasional, credentials, args));
    first = report::v1::ReportService::NewStub(
        grpc::CreateCustomChannel(directory.provinces(0).address(), credentials, args));
  }
  std::unique_ptr<grpc::ClientContext> Context() const {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata(kAuthorizationMetadataKey, "Bearer " + token);
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
    return c;
  }
  bool Report() const {
    report::v1::GetReportRequest req;
    req.set_fiscal_year(2023);
    req.set_province_code(directory.provinces(0).province_code());
    report::v1::Report out;
    return first->GetReport(Context().get(), req, &out).ok();
  }
  // PullReports of the first n provinces; false unless `all_ok` holds as asked.
  bool Pull(int n, bool expect_all_ok, int64_t* elapsed_micros = nullptr) const {
    nasional::v1::PullReportsRequest req;
    req.set_fiscal_year(2023);
    for (int i = 0; i < n; ++i) req.add_province_codes(directory.provinces(i).province_code());
    nasional::v1::PullReportsResponse out;
    if (!nasional->PullReports(Context().get(), req, &out).ok()) return false;
    if (elapsed_micros != nullptr) *elapsed_micros = out.elapsed_micros();
    if (!expect_all_ok) return true;
    for (const auto& o : out.outcomes())
      if (!o.ok()) return false;
    return true;
  }
  std::string token;
  nasional::v1::ProvinceDirectory directory;
  std::unique_ptr<nasional::v1::NasionalService::Stub> nasional;
  std::unique_ptr<report::v1::ReportService::Stub> first;
};

const Clients& TheClients() {
  static const Clients* clients = new Clients();
  return *clients;
}

void BM_RollUpRatio(benchmark::State& state) {
  const Clients& c = TheClients();
  const int n = static_cast<int>(state.range(0));
  if (n > c.directory.provinces_size()) return state.SkipWithError("fewer provinces in the directory");
  bench::Ratio(
      state, [&] { return c.Report(); }, [&] { return c.Pull(n, true); });
  state.counters["provinces"] = n;
}

void BM_RollUpWithProvincesDown(benchmark::State& state) {
  const Clients& c = TheClients();
  int deadline_ms = 0;
  if (!absl::SimpleAtoi(g_deadline_ms, &deadline_ms) || deadline_ms <= 0)
    return state.SkipWithError("--deadline_ms is not a positive number");
  double worst = 0, total = 0;
  for (auto _ : state) {
    int64_t elapsed = 0;
    if (!c.Pull(c.directory.provinces_size(), false, &elapsed)) state.SkipWithError("PullReports failed");
    const double ms = static_cast<double>(elapsed) / 1000;
    worst = std::max(worst, ms);
    total += ms;
  }
  state.counters["deadline_ms"] = deadline_ms;
  state.counters["mean_ms"] = total / static_cast<double>(state.iterations());
  state.counters["worst_over_deadline"] = worst / deadline_ms;
}

BENCHMARK(BM_RollUpRatio)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Arg(16)
    ->Arg(38)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(10)
    ->UseManualTime();
BENCHMARK(BM_RollUpWithProvincesDown)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  return lkip::bench::RunBenchmarks(argc, argv,
                                    {{"nasional", &lkip::g_nasional},
                                     {"pki", &lkip::g_pki},
                                     {"token_file", &lkip::g_token_file},
                                     {"directory", &lkip::g_directory},
                                     {"deadline_ms", &lkip::g_deadline_ms}});
}
