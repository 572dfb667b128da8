// Streaming 1,000,000 SKM questionnaires into the real rehabilitasi binary (a child process
// with its own RocksDB) against a raw RocksDB WriteBatch of the same rows in the same run; the
// service's peak RSS (VmHWM) during the import; and reading IKK-06..11 after the import against
// a no-op gRPC call (health Check) to the same process.
//
//   skm_import_bench --service=BUILD/services/rehabilitasi --rules=deploy/rules [benchmark flags]
#include <benchmark/benchmark.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <grpcpp/grpcpp.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "common/bidang/import_session.h"
#include "common/storage/key_codec.h"
#include "common/storage/store.h"
#include "common/testing/bidang_fixture.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"

extern char** environ;

namespace lkip {
namespace {

constexpr int kRows = 1000000;
std::string g_service;
std::string g_rules;

rehabilitasi::v1::SkmResponseRow MakeRow(int i) {
  rehabilitasi::v1::SkmResponseRow row;
  row.set_row_number(i + 2);
  row.set_satker_code(i % 2 ? "BNNP_NTB" : "BNNK_BIMA");
  for (int j = 0; j < 9; ++j) row.add_answers((i + j) % 4 + 1);
  return row;
}

// The rehabilitasi binary as a child process, on a free loopback port, with its own store.
class Child {
 public:
  Child() {
    const std::string port_file = dir_.Sub("port");
    std::vector<std::string> args = {g_service, "--listen=127.0.0.1:0", "--port_file=" + port_file,
                                     "--db_path=" + dir_.Sub("db"), "--rules_dir=" + g_rules, "--log_level=warn"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, g_service.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
      std::fprintf(stderr, "cannot start %s\n", g_service.c_str());
      std::abort();
    }
    for (int i = 0; i < 300; ++i) {
      std::ifstream in(port_file);
      int port = 0;
      if (in >> port && port > 0) {
        address_ = "127.0.0.1:" + std::to_string(port);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (address_.empty()) std::abort();
    channel_ = grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  }
  ~Child() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  // Peak resident set of the child so far, in MiB (VmHWM).
  double PeakRssMib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    }
    return -1;
  }

 private:
  testing::TempDir dir_;
  pid_t pid_ = 0;
  std::string address_;
  std::shared_ptr<grpc::Channel> channel_;
};

Child* g_child = nullptr;   // set up by BM_StreamImport, read by the read benchmarks

void BM_RawWriteBatch(benchmark::State& state) {
  for (auto _ : state) {
    testing::TempDir dir;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(Store::DbOptions(), dir.Sub("db"), &raw).ok()) state.SkipWithError("open failed");
    std::unique_ptr<rocksdb::DB> db(raw);
    for (int start = 0; start < kRows; start += 10000) {
      rocksdb::WriteBatch batch;
      for (int i = start; i < start + 10000; ++i) {
        batch.Put(KeyBuilder(kTagImportRow).AddString("skm").AddString("bench").AddInt64(i + 2).Build(),
                  MakeRow(i).SerializeAsString());
      }
      if (!db->Write(rocksdb::WriteOptions(), &batch).ok()) state.SkipWithError("write failed");
    }
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(kRows) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_StreamImport(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    delete g_child;
    g_child = new Child();
    unit::v1::PutUnitsResponse units;
    grpc::ClientContext uctx;
    unit::v1::UnitRegistry::NewStub(g_child->channel())->PutUnits(&uctx, testing::TwoProvinces(), &units);
    auto stub = rehabilitasi::v1::Rehabilitasi::NewStub(g_child->channel());
    state.ResumeTiming();
    grpc::ClientContext ctx;
    indicator::v1::ImportResult result;
    auto writer = stub->ImportSkmResponses(&ctx, &result);
    rehabilitasi::v1::ImportSkmResponsesRequest message;
    message.mutable_header()->set_import_id("bench");
    message.mutable_header()->set_fiscal_year(2023);
    writer->Write(message);
    message.Clear();
    for (int i = 0; i < kRows; ++i) {
      *message.mutable_rows()->add_rows() = MakeRow(i);
      if (message.rows().rows_size() == 1000) {   // as lkipctl sends them
        if (!writer->Write(message)) break;
        message.Clear();
      }
    }
    writer->WritesDone();
    grpc::Status s = writer->Finish();
    if (!s.ok() || result.rows() != kRows) state.SkipWithError(("import failed: " + s.error_message()).c_str());
    state.counters["peak_rss_mib"] = g_child->PeakRssMib();
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(kRows) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_NoopGrpcCall(benchmark::State& state) {
  auto stub = grpc::health::v1::Health::NewStub(g_child->channel());
  for (auto _ : state) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckResponse resp;
    if (!stub->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp).ok()) state.SkipWithError("check failed");
  }
}

void BM_ReadIkk06To11(benchmark::State& state) {
  auto stub = indicator::v1::IndicatorSource::NewStub(g_child->channel());
  indicator::v1::GetIndicatorValuesRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  for (auto _ : state) {
    grpc::ClientContext ctx;
    indicator::v1::GetIndicatorValuesResponse resp;
    if (!stub->GetIndicatorValues(&ctx, req, &resp).ok() || resp.values_size() != 6) state.SkipWithError("read failed");
  }
}

BENCHMARK(BM_RawWriteBatch)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_StreamImport)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_NoopGrpcCall)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ReadIkk06To11)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  // Our two flags first; the rest are Google Benchmark's.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--service=", 10) == 0) {
      lkip::g_service = argv[i] + 10;
    } else if (std::strncmp(argv[i], "--rules=", 8) == 0) {
      lkip::g_rules = argv[i] + 8;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (lkip::g_service.empty() || lkip::g_rules.empty()) {
    std::fprintf(stderr, "usage: %s --service=PATH/rehabilitasi --rules=DIR [benchmark flags]\n", argv[0]);
    return 2;
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  delete lkip::g_child;
  benchmark::Shutdown();
  return 0;
}
