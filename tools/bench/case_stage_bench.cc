// Case-file stage transitions as unary RPCs into the real pemberantasan binary (a child process
// with its own RocksDB), against a no-op unary gRPC call (health Check) to the same process in
// the same run; once with --sync_writes=false (the default: survives a process crash, not a
// power loss) and once with --sync_writes=true (the WAL fsynced on every request).
//
//   case_stage_bench --service=BUILD/services/pemberantasan --rules=deploy/rules [benchmark flags]
//
// Each file goes SPDP -> Tahap I -> P-21 -> Tahap II; the P-21 also rewrites the satker's IKK-12
// count and computed value in the same batch.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/server/metadata_keys.h"
#include "common/storage/store.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "tools/bench/ratio.h"
#include "tools/bench/service_process.h"

namespace lkip {
namespace {

std::string g_service, g_rules;

// A pemberantasan process with the two provinces' units; mutual TLS and tokens unless `insecure`.
std::unique_ptr<bench::ServiceProcess> Start(bool sync, bool insecure = false) {
  std::vector<std::string> flags{sync ? "--sync_writes=true" : "--sync_writes=false"};
  if (insecure) flags.push_back("--insecure_dev");
  auto p = std::make_unique<bench::ServiceProcess>(g_service, g_rules, flags);
  unit::v1::PutUnitsResponse units;
  grpc::ClientContext ctx;
  unit::v1::UnitRegistry::NewStub(p->channel())->PutUnits(&ctx, testing::TwoProvinces(), &units);
  return p;
}

void BM_NoopGrpcCall(benchmark::State& state) {
  auto p = Start(state.range(0) != 0);
  bench::NoopCalls(state, p->channel());
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// One transition: the files go SPDP -> Tahap I -> P-21 -> Tahap II, n counting the calls. With
// `prepare_tag`, the transition is a bundle's prepare request (checked, kept in memory, not
// written; its files are its own).
bool NextStage(pemberantasan::v1::Pemberantasan::Stub* stub, int64_t n, std::string* error,
               const std::string& prepare_tag = "") {
  static const pemberantasan::v1::CaseStage kStages[] = {
      pemberantasan::v1::CASE_STAGE_SPDP, pemberantasan::v1::CASE_STAGE_TAHAP_I,
      pemberantasan::v1::CASE_STAGE_P21, pemberantasan::v1::CASE_STAGE_TAHAP_II};
  static const char* kDates[] = {"2023-02-01", "2023-03-01", "2023-04-01", "2023-05-01"};
  pemberantasan::v1::RecordCaseStageRequest req;
  req.set_satker_code((n / 4) % 2 ? "BNNP_NTB" : "BNNK_BIMA");
  req.set_case_ref((prepare_tag.empty() ? "BP/" : "BP/p") + std::to_string(n / 4) + "/2023");
  req.set_stage(kStages[n % 4]);
  *req.mutable_date() = DateFromIso(kDates[n % 4]);
  grpc::ClientContext ctx;
  if (!prepare_tag.empty()) {
    ctx.AddMetadata(kBundleMetadataKey, prepare_tag);
    ctx.AddMetadata(kPrepareMetadataKey, "1");
  }
  pemberantasan::v1::RecordCaseStageResponse resp;
  grpc::Status s = stub->RecordCaseStage(&ctx, req, &resp);
  if (!s.ok()) *error = "stage failed: " + s.error_message();
  return s.ok();
}

void BM_CaseStage(benchmark::State& state) {
  auto p = Start(state.range(0) != 0);
  auto stub = pemberantasan::v1::Pemberantasan::NewStub(p->channel());
  int64_t n = 0;
  std::string error;
  for (auto _ : state) {
    if (!NextStage(stub.get(), n++, &error)) state.SkipWithError(error.c_str());
  }
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// The goal's ratio within one benchmark: a no-op call and a transition back to back in every
// iteration (bench::Ratio), so the baseline is measured in the same moments as the transitions;
// separate BM_NoopGrpcCall and BM_CaseStage runs drift apart by a factor of three here.
// Counters: base_ms, measured_ms, ratio (transition / no-op time); the throughput ratio of the
// goal (>= 0.6) is 1 / ratio.
void BM_CaseStageRatio(benchmark::State& state) {
  auto p = Start(state.range(0) != 0);
  auto stub = pemberantasan::v1::Pemberantasan::NewStub(p->channel());
  auto health = grpc::health::v1::Health::NewStub(p->channel());
  int64_t n = 0;
  std::string error;
  bench::Ratio(
      state, [&] { return bench::NoopCall(*health); }, [&] { return NextStage(stub.get(), n++, &error); });
  state.counters["throughput_ratio"] = state.counters["ratio"] > 0 ? 1 / state.counters["ratio"] : 0;
}

// A bundle's prepare phase against its writes: each iteration one prepared transition (the
// bundle's earlier prepared stages of the file read over the store) and one real one, back to
// back. Counters: ratio (prepared / real time); a bundle import costs about 1 + ratio of what
// writing alone would.
void BM_CaseStagePrepareRatio(benchmark::State& state) {
  auto p = Start(false);
  auto stub = pemberantasan::v1::Pemberantasan::NewStub(p->channel());
  int64_t real = 0, prepared = 0;
  std::string error;
  bench::Ratio(
      state, [&] { return NextStage(stub.get(), real++, &error); },
      [&] { return NextStage(stub.get(), prepared++, &error, "bench-bundle"); });
}

// Issue 14's goal: a unary write over mutual TLS with a token (verified once, then cached)
// against the same write over plaintext, two processes, interleaved (bench::Ratio).
// Counters: ratio (TLS / plaintext time); goal <= 1,2.
void BM_CaseStageTlsRatio(benchmark::State& state) {
  auto plain = Start(false, /*insecure=*/true);
  auto tls = Start(false);
  auto plain_stub = pemberantasan::v1::Pemberantasan::NewStub(plain->channel());
  auto tls_stub = pemberantasan::v1::Pemberantasan::NewStub(tls->channel());
  int64_t plain_n = 0, tls_n = 0;
  std::string error;
  bench::Ratio(
      state, [&] { return NextStage(plain_stub.get(), plain_n++, &error); },
      [&] { return NextStage(tls_stub.get(), tls_n++, &error); });
}

// The same for a read: GetIndicatorValues of the province (what GetCapaian asks each bidang).
void BM_ReadIndicatorsTlsRatio(benchmark::State& state) {
  auto plain = Start(false, /*insecure=*/true);
  auto tls = Start(false);
  std::string error;
  for (int64_t n = 0; n < 400; ++n) {  // 100 case files on each, so the read has work
    NextStage(pemberantasan::v1::Pemberantasan::NewStub(plain->channel()).get(), n, &error);
    NextStage(pemberantasan::v1::Pemberantasan::NewStub(tls->channel()).get(), n, &error);
  }
  auto plain_stub = indicator::v1::IndicatorSource::NewStub(plain->channel());
  auto tls_stub = indicator::v1::IndicatorSource::NewStub(tls->channel());
  indicator::v1::GetIndicatorValuesRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  auto read = [&](indicator::v1::IndicatorSource::Stub* stub) {
    grpc::ClientContext ctx;
    indicator::v1::GetIndicatorValuesResponse resp;
    return stub->GetIndicatorValues(&ctx, req, &resp).ok();
  };
  bench::Ratio(
      state, [&] { return read(plain_stub.get()); }, [&] { return read(tls_stub.get()); });
}

// Diagnostic: the same RPC refused before it touches the store (a satker not in the unit tree):
// what the call costs through gRPC, the handler and the unit tree, without reading or writing.
void BM_CaseStageRefused(benchmark::State& state) {
  auto p = Start(false);
  auto stub = pemberantasan::v1::Pemberantasan::NewStub(p->channel());
  pemberantasan::v1::RecordCaseStageRequest req;
  req.set_satker_code("BNNK_TIDAK_ADA");
  req.set_case_ref("BP/1/2023");
  req.set_stage(pemberantasan::v1::CASE_STAGE_SPDP);
  *req.mutable_date() = DateFromIso("2023-02-01");
  for (auto _ : state) {
    grpc::ClientContext ctx;
    pemberantasan::v1::RecordCaseStageResponse resp;
    grpc::Status s = stub->RecordCaseStage(&ctx, req, &resp);
    if (s.error_code() != grpc::StatusCode::NOT_FOUND) state.SkipWithError("expected NOT_FOUND");
  }
  state.counters["calls_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Arg 0: sync_writes=false; 1: sync_writes=true.
BENCHMARK(BM_CaseStageRefused)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_NoopGrpcCall)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_CaseStage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_CaseStageRatio)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond)->UseManualTime()->MinTime(3.0);
BENCHMARK(BM_CaseStagePrepareRatio)->Unit(benchmark::kMicrosecond)->UseManualTime()->MinTime(3.0);
BENCHMARK(BM_CaseStageTlsRatio)->Unit(benchmark::kMicrosecond)->UseManualTime()->MinTime(3.0)->Repetitions(3);
BENCHMARK(BM_ReadIndicatorsTlsRatio)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->MinTime(3.0)
    ->Repetitions(3);

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  return lkip::bench::RunBenchmarks(argc, argv, {{"service", &lkip::g_service}, {"rules", &lkip::g_rules}});
}
