// Writing satker-level rows through lkip's Store (one WriteBatch per request plus its audit
// entry with previous values) against a raw RocksDB WriteBatch of the same rows, same options,
// same batch size, in the same run. scripts/bench.sh turns the two rates into a ratio.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "common/bidang/satker_values.h"
#include "common/storage/store.h"
#include "common/testing/test_server.h"
#include "lkip/storage/v1/records.pb.h"
#include "tools/bench/ratio.h"

namespace lkip {
namespace {

constexpr int kRows = 1000000;
constexpr int kBatch = 1000;  // rows per request

// Row i: 38 provinces x 10 satker x 2632 (year, measure) pairs; the same keys and values in
// both benchmarks.
void Row(int i, std::string* key, std::string* value) {
  const int satker = i % 10, province = (i / 10) % 38, rest = i / 380;
  const int year = 2000 + rest % 100, measure = rest / 100;
  *key = SatkerValueKey(year, "measure_" + std::to_string(measure), "BNNP_" + std::to_string(province),
                        "BNNK_" + std::to_string(province) + "_" + std::to_string(satker));
  storage::v1::SatkerValueRecord record;
  record.set_value(std::to_string(i % 100) + ".25");
  record.set_target("92");
  record.set_source_document("benchmark");
  record.set_actor("bench");
  record.set_recorded_unix_micros(1700000000000000 + i);
  *value = record.SerializeAsString();
}

void BM_RawWriteBatch(benchmark::State& state) {
  for (auto _ : state) {
    testing::TempDir dir;
    rocksdb::DB* raw = nullptr;
    if (!rocksdb::DB::Open(Store::DbOptions(), dir.Sub("db"), &raw).ok()) state.SkipWithError("open failed");
    std::unique_ptr<rocksdb::DB> db(raw);
    std::string key, value;
    for (int start = 0; start < kRows; start += kBatch) {
      rocksdb::WriteBatch batch;
      for (int i = start; i < start + kBatch; ++i) {
        Row(i, &key, &value);
        batch.Put(key, value);
      }
      if (!db->Write(rocksdb::WriteOptions(), &batch).ok()) state.SkipWithError("write failed");
    }
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(kRows) * state.iterations(), benchmark::Counter::kIsRate);
}

// Writes the rows through Store::Commit. With `read_previous` false the store is told every
// key is new (a diagnostic: the cost of the audit's read-before-write).
void WriteThroughStore(benchmark::State& state, bool read_previous) {
  for (auto _ : state) {
    testing::TempDir dir;
    StoreOptions o;
    o.path = dir.Sub("db");
    o.service = "bench";
    auto store = Store::Open(o);
    if (!store.ok()) state.SkipWithError("open failed");
    std::string key, value;
    for (int start = 0; start < kRows; start += kBatch) {
      Mutation m;
      for (int i = start; i < start + kBatch; ++i) {
        Row(i, &key, &value);
        if (read_previous) {
          m.Put(std::move(key), std::move(value));
        } else {
          m.PutKnownPrevious(std::move(key), std::move(value), std::nullopt);
        }
      }
      if (!(*store)->Commit({"bench", "RecordSatkerValues", "batch"}, std::move(m)).ok()) {
        state.SkipWithError("commit failed");
      }
    }
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(kRows) * state.iterations(), benchmark::Counter::kIsRate);
}

void BM_StoreCommit(benchmark::State& state) { WriteThroughStore(state, true); }
void BM_StoreCommitNoRead(benchmark::State& state) { WriteThroughStore(state, false); }

// The goal's ratio within one benchmark: the same million rows into a raw database and through
// a Store, one request of each back to back in every iteration (bench::Ratio, alternating which
// goes first), so both see the same moments of the machine. The two whole-run benchmarks above
// drift apart between runs (0,74-1,06 in earlier sessions). Counters: base_ms (raw batch),
// measured_ms (Store::Commit), ratio = measured / base; the rate ratio of the goal (>= 0,8) is
// rows_ratio = 1 / ratio.
void BM_StoreCommitRatio(benchmark::State& state) {
  testing::TempDir dir;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(Store::DbOptions(), dir.Sub("raw"), &raw).ok()) state.SkipWithError("open failed");
  std::unique_ptr<rocksdb::DB> db(raw);
  StoreOptions o;
  o.path = dir.Sub("store");
  o.service = "bench";
  auto store = Store::Open(o);
  if (!store.ok()) state.SkipWithError("open failed");
  int raw_start = 0, store_start = 0;
  std::string key, value;
  bench::Ratio(
      state,
      [&] {
        rocksdb::WriteBatch batch;
        for (int i = raw_start; i < raw_start + kBatch; ++i) {
          Row(i, &key, &value);
          batch.Put(key, value);
        }
        raw_start += kBatch;
        return db->Write(rocksdb::WriteOptions(), &batch).ok();
      },
      [&] {
        Mutation m;
        for (int i = store_start; i < store_start + kBatch; ++i) {
          Row(i, &key, &value);
          m.Put(std::move(key), std::move(value));
        }
        store_start += kBatch;
        return (*store)->Commit({"bench", "RecordSatkerValues", "batch"}, std::move(m)).ok();
      });
  state.counters["rows_ratio"] = state.counters["ratio"] > 0 ? 1 / state.counters["ratio"] : 0;
}

// What turning off the write-ahead log's preallocation (Store::DbOptions, allow_fallocate=false,
// for the idle footprint) costs a write: the same 1,000-row batches into a database that
// preallocates its log (RocksDB's default, the baseline) and into one with Store's options, back
// to back (bench::Ratio). With sync=false, as the services write by default.
void BM_WalPreallocationRatio(benchmark::State& state) {
  testing::TempDir dir;
  rocksdb::Options preallocating = Store::DbOptions();
  preallocating.allow_fallocate = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(preallocating, dir.Sub("preallocating"), &raw).ok())
    state.SkipWithError("open failed");
  std::unique_ptr<rocksdb::DB> base_db(raw);
  if (!rocksdb::DB::Open(Store::DbOptions(), dir.Sub("store_options"), &raw).ok())
    state.SkipWithError("open failed");
  std::unique_ptr<rocksdb::DB> measured_db(raw);
  int base_start = 0, measured_start = 0;
  auto write = [](rocksdb::DB* db, int* start) {
    std::string key, value;
    rocksdb::WriteBatch batch;
    for (int i = *start; i < *start + kBatch; ++i) {
      Row(i, &key, &value);
      batch.Put(key, value);
    }
    *start += kBatch;
    return db->Write(rocksdb::WriteOptions(), &batch).ok();
  };
  bench::Ratio(
      state, [&] { return write(base_db.get(), &base_start); },
      [&] { return write(measured_db.get(), &measured_start); });
}

// What the year lock's check costs a unary write (one satker value, its audit entry): the same
// commit through two stores, one of a write that names no year (no check) and one of a write of
// 2023 at BNNK_BIMA by a token of BNNP_NTB, back to back (bench::Ratio). Both checks run: the
// satker's province (one unit read) and the year locks. Arg 0: no year is locked anywhere (the
// lock check is skipped); Arg 1: 2023 is locked for another province (BNNP_BALI), so the locks of
// the year are read too. Counters: ratio (checked / unchecked time).
void BM_YearLockCheckRatio(benchmark::State& state) {
  testing::TempDir dir;
  std::vector<std::unique_ptr<Store>> stores;
  for (const char* name : {"plain", "checked"}) {
    StoreOptions o;
    o.path = dir.Sub(name);
    o.service = "bench";
    auto store = Store::Open(o);
    if (!store.ok()) return state.SkipWithError("open failed");
    storage::v1::UnitRecord bima;
    bima.set_level(common::v1::UNIT_LEVEL_KABUPATEN_KOTA);
    bima.set_parent_code("BNNP_NTB");
    Mutation unit;
    unit.Put(UnitKey("BNNK_BIMA"), bima.SerializeAsString());
    if (!(*store)->Commit({"bench", "PutUnits", ""}, std::move(unit)).ok())
      return state.SkipWithError("units");
    stores.push_back(*std::move(store));
  }
  if (state.range(0) == 1) {
    storage::v1::YearLockRecord lock;
    lock.set_locked_by("kepala.bali");
    if (!stores[1]->SetYearLock({"aggregator", "SetYearLock", ""}, "BNNP_BALI", 2023, lock).ok())
      return state.SkipWithError("lock");
  }
  WriteContext unchecked{"bench", "RecordSatkerValues", "one value"};
  WriteContext checked = unchecked;
  checked.touches.fiscal_years.insert(2023);
  checked.touches.satker.insert("BNNK_BIMA");
  checked.touches.caller_province = "BNNP_NTB";  // a user's token: the satker's province is read too
  int n = 0;
  std::string key, value;
  auto write = [&](Store& store, const WriteContext& context) {
    Row(n++, &key, &value);
    Mutation m;
    m.Put(std::move(key), std::move(value));
    return store.Commit(context, std::move(m)).ok();
  };
  bench::Ratio(
      state, [&] { return write(*stores[0], unchecked); }, [&] { return write(*stores[1], checked); });
}

BENCHMARK(BM_RawWriteBatch)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_StoreCommit)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_StoreCommitNoRead)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_StoreCommitRatio)->Unit(benchmark::kMillisecond)->Iterations(kRows / kBatch)->UseManualTime();
BENCHMARK(BM_WalPreallocationRatio)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(kRows / kBatch)
    ->UseManualTime();
BENCHMARK(BM_YearLockCheckRatio)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->MinTime(3.0)
    ->Repetitions(3);

}  // namespace
}  // namespace lkip

BENCHMARK_MAIN();
