// A service binary as a child process for benchmarks: its own store in a temporary directory,
// a free loopback port, the given extra flags; stopped with SIGTERM when destroyed.
#pragma once

#include <benchmark/benchmark.h>
#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "common/testing/test_server.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace lkip::bench {

class ServiceProcess {
 public:
  ServiceProcess(const std::string& binary, const std::string& rules_dir,
                 std::vector<std::string> extra_flags = {});
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Peak resident set of the child so far, in MiB (VmHWM); -1 when unreadable.
  double PeakRssMib() const;

 private:
  testing::TempDir dir_;
  pid_t pid_ = 0;
  std::shared_ptr<grpc::Channel> channel_;
};

// One health Check, the no-op baseline call; false when it fails.
bool NoopCall(grpc::health::v1::Health::Stub& stub);
// The baseline loop: health Check calls to the process behind `channel`, one per iteration.
void NoopCalls(benchmark::State& state, const std::shared_ptr<grpc::Channel>& channel);
// GetIndicatorValues of BNNP NTB for 2023, one per iteration; an error unless `expected`
// indicators come back.
void ReadIndicators(benchmark::State& state, const std::shared_ptr<grpc::Channel>& channel, int expected);

// Runs the registered benchmarks after taking our own `--name=value` flags out of argv: each
// of `flags` must be given (else the usage line is printed and 2 returned); the rest go to
// Google Benchmark.
int RunBenchmarks(int argc, char** argv, const std::vector<std::pair<std::string, std::string*>>& flags);

}  // namespace lkip::bench
