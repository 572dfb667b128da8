// Streaming 1,000,000 SKM questionnaires into the real rehabilitasi binary (a child process
// with its own RocksDB) against a raw RocksDB WriteBatch of the same rows in the same run; the
// service's peak RSS (VmHWM) during the import; and reading IKK-06..11 after the import against
// a no-op gRPC call (health Check) to the same process; likewise IKK-01..05 from the real
// pencegahan binary after 200,000 respondent scores and a kawasan history; withdrawing the
// 1,000,000-row import against importing it.
//
//   skm_import_bench --service=BUILD/services/rehabilitasi --pencegahan=BUILD/services/pencegahan
//                    --rules=deploy/rules [benchmark flags]
#include <benchmark/benchmark.h>
#include <grpcpp/grpcpp.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/bidang/import_session.h"
#include "common/storage/key_codec.h"
#include "common/storage/store.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "tools/bench/service_process.h"

namespace lkip {
namespace {

constexpr int kRows = 1000000;
std::string g_service;
std::string g_rules;
std::string g_pencegahan_binary;

rehabilitasi::v1::SkmResponseRow MakeRow(int i) {
  rehabilitasi::v1::SkmResponseRow row;
  row.set_row_number(i + 2);
  row.set_satker_code(i % 2 ? "BNNP_NTB" : "BNNK_BIMA");
  for (int j = 0; j < 9; ++j) row.add_answers((i + j) % 4 + 1);
  return row;
}

using Child = bench::ServiceProcess;

Child* g_child = nullptr;  // set up by BM_StreamImport, read by the read benchmarks

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

// A fresh rehabilitasi process with its units; the import is what BM_StreamImport times.
Child* FreshChild(std::vector<std::string> flags = {}) {
  auto* child = new Child(g_service, g_rules, std::move(flags));
  unit::v1::PutUnitsResponse units;
  grpc::ClientContext uctx;
  unit::v1::UnitRegistry::NewStub(child->channel())->PutUnits(&uctx, testing::TwoProvinces(), &units);
  return child;
}

// Streams the 1,000,000 questionnaires into `child`, 1,000 rows per message as lkipctl sends them;
// `shift` > 0 gives other answers (another digest) for another import.
grpc::Status StreamRows(Child* child, indicator::v1::ImportResult* result,
                        const std::string& import_id = "bench", int shift = 0) {
  auto stub = rehabilitasi::v1::Rehabilitasi::NewStub(child->channel());
  grpc::ClientContext ctx;
  auto writer = stub->ImportSkmResponses(&ctx, result);
  rehabilitasi::v1::ImportSkmResponsesRequest message;
  message.mutable_header()->set_import_id(import_id);
  message.mutable_header()->set_fiscal_year(2023);
  writer->Write(message);
  message.Clear();
  for (int i = 0; i < kRows; ++i) {
    auto* row = message.mutable_rows()->add_rows();
    *row = MakeRow(i);
    if (shift > 0) row->set_answers(0, (i / (shift + 1)) % 4 + 1);
    if (message.rows().rows_size() == 1000) {
      if (!writer->Write(message)) break;
      message.Clear();
    }
  }
  message.Clear();
  message.mutable_end()->set_rows(kRows);
  writer->Write(message);
  writer->WritesDone();
  return writer->Finish();
}

// The process the read benchmarks ask, with the rows imported: the last BM_StreamImport's, or
// one imported here when random interleaving runs a read first.
Child* Imported() {
  if (g_child == nullptr) {
    g_child = FreshChild();
    indicator::v1::ImportResult result;
    if (!StreamRows(g_child, &result).ok()) std::abort();
  }
  return g_child;
}

void BM_StreamImport(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    delete g_child;
    g_child = FreshChild();
    state.ResumeTiming();
    indicator::v1::ImportResult result;
    grpc::Status s = StreamRows(g_child, &result);
    if (!s.ok() || result.rows() != kRows)
      state.SkipWithError(("import failed: " + s.error_message()).c_str());
    state.counters["peak_rss_mib"] = g_child->PeakRssMib();
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(kRows) * state.iterations(), benchmark::Counter::kIsRate);
}

// Issue 13's memory goal: the service's peak RSS over seven consecutive 1,000,000-row imports,
// with one memtable of state.range(0) MiB (--write_buffer_mib: 16 is ours, 128 RocksDB's
// OptimizeLevelStyleCompaction default, which the store used before).
void BM_SevenImportsPeakRss(benchmark::State& state) {
  const auto mib = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Child> child(FreshChild({"--write_buffer_mib=" + std::to_string(mib)}));
    state.ResumeTiming();
    for (int k = 0; k < 7; ++k) {
      indicator::v1::ImportResult result;
      grpc::Status s = StreamRows(child.get(), &result, "bench-" + std::to_string(k), k + 1);
      if (!s.ok() || result.rows() != kRows)
        state.SkipWithError(("import failed: " + s.error_message()).c_str());
    }
    state.counters["peak_rss_mib"] = child->PeakRssMib();
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(7.0 * kRows * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// Withdrawing the 1,000,000-row import (its kept rows read back and subtracted, one commit),
// against BM_StreamImport of the same rows in the same run.
void BM_WithdrawImport(benchmark::State& state) {
  // Held across iterations, replaced while the timer is paused and destroyed after the loop (the
  // timer stopped): stopping a service (SIGTERM, RocksDB closing) is no part of a withdrawal.
  std::unique_ptr<Child> child;
  for (auto _ : state) {
    state.PauseTiming();
    child.reset(FreshChild());
    indicator::v1::ImportResult result;
    if (!StreamRows(child.get(), &result).ok()) state.SkipWithError("import failed");
    state.ResumeTiming();
    indicator::v1::WithdrawImportRequest req;
    req.set_kind("skm");
    req.set_import_id("bench");
    req.set_reason("benchmark");
    indicator::v1::WithdrawImportResponse resp;
    grpc::ClientContext ctx;
    grpc::Status s =
        indicator::v1::IndicatorSource::NewStub(child->channel())->WithdrawImport(&ctx, req, &resp);
    if (!s.ok()) state.SkipWithError(("withdrawal failed: " + s.error_message()).c_str());
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(kRows) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_NoopGrpcCall(benchmark::State& state) { bench::NoopCalls(state, Imported()->channel()); }

void BM_ReadIkk06To11(benchmark::State& state) { bench::ReadIndicators(state, Imported()->channel(), 6); }

// IKK-01..05 are read from pencegahan the same way: after 200,000 Dektari/Dektara respondent
// scores and a kawasan history, GetIndicatorValues reads the stored satker values only.
Child* g_pencegahan = nullptr;

// The pencegahan process with its data, made by whichever of its benchmarks runs first.
Child* Pencegahan() {
  if (g_pencegahan == nullptr) {
    g_pencegahan = new Child(g_pencegahan_binary, g_rules);
    unit::v1::PutUnitsResponse units;
    grpc::ClientContext uctx;
    unit::v1::UnitRegistry::NewStub(g_pencegahan->channel())
        ->PutUnits(&uctx, testing::TwoProvinces(), &units);
    auto stub = pencegahan::v1::Pencegahan::NewStub(g_pencegahan->channel());
    grpc::ClientContext ctx;
    indicator::v1::ImportResult result;
    auto writer = stub->ImportRespondentScores(&ctx, &result);
    pencegahan::v1::ImportRespondentScoresRequest message;
    message.mutable_header()->set_import_id("bench");
    message.mutable_header()->set_fiscal_year(2023);
    writer->Write(message);
    message.Clear();
    for (int i = 0; i < 200000; ++i) {
      auto* row = message.mutable_rows()->add_rows();
      row->set_row_number(i + 2);
      row->set_satker_code(i % 3 == 0 ? "BNNP_NTB" : (i % 3 == 1 ? "BNNK_BIMA" : "BNNK_MATARAM"));
      row->set_measure(i % 2 ? "dektari" : "dektara");
      row->set_respondent_ref("R" + std::to_string(i));
      row->mutable_score()->set_value(std::to_string(50 + i % 40));
      if (message.rows().rows_size() == 1000) {
        writer->Write(message);
        message.Clear();
      }
    }
    message.Clear();
    message.mutable_end()->set_rows(200000);
    writer->Write(message);
    writer->WritesDone();
    // Without its rows IKK-01..05 would be computed over nothing: a failed import stops the run.
    if (grpc::Status s = writer->Finish(); !s.ok() || result.rows() != 200000) {
      std::fprintf(stderr, "respondent import failed: %s\n", s.error_message().c_str());
      std::abort();
    }
    pencegahan::v1::RegisterKawasanRequest reg;
    auto* k = reg.add_kawasan();
    k->set_kawasan_id("kuta");
    k->set_satker_code("BNNP_NTB");
    k->set_name("Desa Kuta");
    pencegahan::v1::KawasanWriteResponse resp;
    grpc::ClientContext rctx;
    stub->RegisterKawasan(&rctx, reg, &resp);
    pencegahan::v1::RecordKawasanStatusRequest st;
    for (const auto& [date, status] :
         {std::pair{"2022-05-01", "Bahaya"}, std::pair{"2023-07-01", "Waspada"}}) {
      auto* c = st.add_changes();
      c->set_kawasan_id("kuta");
      *c->mutable_date() = DateFromIso(date);
      c->set_status(status);
    }
    grpc::ClientContext sctx;
    if (!stub->RecordKawasanStatus(&sctx, st, &resp).ok()) {
      std::fprintf(stderr, "kawasan status failed\n");
      std::abort();
    }
  }
  return g_pencegahan;
}

void BM_PencegahanNoopGrpcCall(benchmark::State& state) { bench::NoopCalls(state, Pencegahan()->channel()); }

void BM_ReadIkk01To05(benchmark::State& state) { bench::ReadIndicators(state, Pencegahan()->channel(), 5); }

BENCHMARK(BM_RawWriteBatch)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_StreamImport)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_WithdrawImport)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_SevenImportsPeakRss)
    ->Arg(16)
    ->Arg(128)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_NoopGrpcCall)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ReadIkk06To11)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_PencegahanNoopGrpcCall)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ReadIkk01To05)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  const int rc = lkip::bench::RunBenchmarks(
      argc, argv,
      {{"service", &lkip::g_service}, {"pencegahan", &lkip::g_pencegahan_binary}, {"rules", &lkip::g_rules}});
  delete lkip::g_child;
  delete lkip::g_pencegahan;
  return rc;
}
