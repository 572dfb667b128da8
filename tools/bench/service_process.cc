#include "tools/bench/service_process.h"

#include <benchmark/benchmark.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "common/testing/test_pki.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"

extern char** environ;

namespace lkip::bench {

ServiceProcess::ServiceProcess(const std::string& binary, const std::string& rules_dir,
                               std::vector<std::string> extra_flags) {
  const std::string port_file = dir_.Sub("port");
  std::vector<std::string> args = {binary,
                                   "--listen=127.0.0.1:0",
                                   "--port_file=" + port_file,
                                   "--db_path=" + dir_.Sub("db"),
                                   "--rules_dir=" + rules_dir,
                                   "--log_level=warn"};
  // Mutual TLS and tokens with the test PKI, as the suite runs, unless the caller asks for
  // --insecure_dev (the baseline of BM_*Tls).
  bool insecure = false;
  for (const auto& f : extra_flags) insecure = insecure || f == "--insecure_dev";
  const std::string pki = testing::TestPkiDir();
  if (!insecure) {
    for (std::string f : {"--tls_ca=" + pki + "/ca.crt", "--tls_cert=" + pki + "/aggregator.crt",
                          "--tls_key=" + pki + "/aggregator.key", "--token_public_key=" + pki + "/token.pub"})
      args.push_back(std::move(f));
  }
  for (auto& f : extra_flags) args.push_back(std::move(f));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", binary.c_str());
    std::abort();
  }
  std::string address;
  for (int i = 0; i < 300 && address.empty(); ++i) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      address = "127.0.0.1:" + std::to_string(port);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  if (address.empty()) {
    std::fprintf(stderr, "%s wrote no port\n", binary.c_str());
    std::abort();
  }
  channel_ = grpc::CreateChannel(address, insecure ? grpc::InsecureChannelCredentials()
                                                   : MakeChannelCredentials(testing::TestTransport("client"),
                                                                            testing::TestToken("bench")));
}

ServiceProcess::~ServiceProcess() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
}

double ServiceProcess::PeakRssMib() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

bool NoopCall(grpc::health::v1::Health::Stub& stub) {
  grpc::ClientContext ctx;
  grpc::health::v1::HealthCheckResponse resp;
  return stub.Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp).ok();
}

void NoopCalls(benchmark::State& state, const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = grpc::health::v1::Health::NewStub(channel);
  for (auto _ : state) {
    if (!NoopCall(*stub)) state.SkipWithError("check failed");
  }
}

void ReadIndicators(benchmark::State& state, const std::shared_ptr<grpc::Channel>& channel, int expected) {
  auto stub = indicator::v1::IndicatorSource::NewStub(channel);
  indicator::v1::GetIndicatorValuesRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  for (auto _ : state) {
    grpc::ClientContext ctx;
    indicator::v1::GetIndicatorValuesResponse resp;
    if (!stub->GetIndicatorValues(&ctx, req, &resp).ok() || resp.values_size() != expected) {
      state.SkipWithError("read failed");
    }
  }
}

int RunBenchmarks(int argc, char** argv, const std::vector<std::pair<std::string, std::string*>>& flags) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    bool ours = false;
    for (const auto& [name, value] : flags) {
      const std::string prefix = "--" + name + "=";
      if (std::string(argv[i]).rfind(prefix, 0) == 0) {
        *value = argv[i] + prefix.size();
        ours = true;
      }
    }
    if (!ours) rest.push_back(argv[i]);
  }
  for (const auto& [name, value] : flags) {
    if (value->empty()) {
      std::fprintf(stderr, "usage: %s", argv[0]);
      for (const auto& [n, v] : flags) std::fprintf(stderr, " --%s=...", n.c_str());
      std::fprintf(stderr, " [benchmark flags]\n");
      return 2;
    }
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

}  // namespace lkip::bench
