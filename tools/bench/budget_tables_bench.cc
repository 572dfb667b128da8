// The budget chapter's tables (keuangan GetBudgetTables) from the real keuangan binary (a child
// process with its own RocksDB), against a no-op unary gRPC call (health Check) to the same
// process in the same run. The data: 38 provinces, each a BNNP with N BNNK, every satker with a
// DIPA of the 2023 rule set's 15 kegiatan and 12 months of realisasi on every line. N = 4 is
// the 38 x 5 satker x 12 months of the issue; N = 9 doubles the satker and so the data.
//
//   budget_tables_bench --service=BUILD/services/keuangan --rules=deploy/rules [benchmark flags]
//
// BM_BudgetTablesProvince reads one province per iteration (a BNNP's report);
// BM_BudgetTablesAllProvinces reads all 38 in turn (BNN HQ), one call each.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/rules/rule_book.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "tools/bench/service_process.h"

namespace lkip {
namespace {

constexpr int kProvinces = 38;

std::string g_service, g_rules;

std::string Province(int p) { return absl::StrCat("BNNP_P", p); }

// Starts the service and loads the units, DIPA and realisasi; the load is not timed.
std::unique_ptr<bench::ServiceProcess> Load(benchmark::State& state, int bnnk_per_province) {
  auto p = std::make_unique<bench::ServiceProcess>(g_service, g_rules);
  unit::v1::PutUnitsRequest units;
  *units.add_units() = testing::MakeUnit("BNN_RI", common::v1::UNIT_LEVEL_PUSAT, "");
  std::vector<std::string> satker;
  for (int i = 0; i < kProvinces; ++i) {
    const std::string province = Province(i);
    *units.add_units() = testing::MakeUnit(province.c_str(), common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI");
    satker.push_back(province);
    for (int k = 0; k < bnnk_per_province; ++k) {
      const std::string code = absl::StrCat("BNNK_P", i, "_", k);
      *units.add_units() =
          testing::MakeUnit(code.c_str(), common::v1::UNIT_LEVEL_KABUPATEN_KOTA, province.c_str());
      satker.push_back(code);
    }
  }
  unit::v1::PutUnitsResponse put;
  grpc::ClientContext uctx;
  if (grpc::Status s = unit::v1::UnitRegistry::NewStub(p->channel())->PutUnits(&uctx, units, &put); !s.ok()) {
    state.SkipWithError(("units: " + s.error_message()).c_str());
    return p;
  }
  auto book = RuleBook::LoadDirectory(g_rules);
  const auto& budget = (*(*book).ForYear(2023))->rules().instruments().budget();
  auto stub = keuangan::v1::Keuangan::NewStub(p->channel());
  for (const auto& code : satker) {
    keuangan::v1::RecordDipaRequest dipa;
    dipa.set_fiscal_year(2023);
    dipa.set_satker_code(code);
    dipa.set_dipa_ref("DIPA bench");
    *dipa.mutable_date() = DateFromIso("2022-12-12");
    for (const auto& program : budget.programs()) {
      for (const auto& kegiatan : program.kegiatan()) {
        auto* l = dipa.add_lines();
        l->set_program_code(program.code());
        l->set_kegiatan_code(kegiatan.code());
        l->mutable_amount()->set_amount(1200000000);
      }
    }
    keuangan::v1::BudgetWriteResponse resp;
    grpc::ClientContext dctx;
    if (grpc::Status s = stub->RecordDipa(&dctx, dipa, &resp); !s.ok()) {
      state.SkipWithError(("DIPA: " + s.error_message()).c_str());
      return p;
    }
    for (int month = 1; month <= 12; ++month) {
      keuangan::v1::RecordRealisasiRequest real;
      real.set_fiscal_year(2023);
      real.set_satker_code(code);
      real.set_month(month);
      for (const auto& line : dipa.lines()) {
        *real.add_lines() = line;
        real.mutable_lines()->rbegin()->mutable_amount()->set_amount(99000000 + month);
      }
      grpc::ClientContext rctx;
      if (grpc::Status s = stub->RecordRealisasi(&rctx, real, &resp); !s.ok()) {
        state.SkipWithError(("realisasi: " + s.error_message()).c_str());
        return p;
      }
    }
  }
  state.counters["satker"] = static_cast<double>(satker.size());
  state.counters["realisasi_months"] = static_cast<double>(satker.size() * 12);
  return p;
}

bool ReadTables(keuangan::v1::Keuangan::Stub& stub, const std::string& province, size_t satker,
                benchmark::State& state) {
  keuangan::v1::GetBudgetTablesRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code(province);
  keuangan::v1::BudgetTables tables;
  grpc::ClientContext ctx;
  grpc::Status s = stub.GetBudgetTables(&ctx, req, &tables);
  if (!s.ok() || static_cast<size_t>(tables.per_satker().rows_size()) != satker) {
    state.SkipWithError(("budget tables: " + s.error_message()).c_str());
    return false;
  }
  return true;
}

void BM_NoopGrpcCall(benchmark::State& state) {
  auto p = Load(state, static_cast<int>(state.range(0)));
  bench::NoopCalls(state, p->channel());
}

void BM_BudgetTablesProvince(benchmark::State& state) {
  const int bnnk = static_cast<int>(state.range(0));
  auto p = Load(state, bnnk);
  auto stub = keuangan::v1::Keuangan::NewStub(p->channel());
  int i = 0;
  for (auto _ : state) {
    if (!ReadTables(*stub, Province(i++ % kProvinces), bnnk + 1, state)) break;
  }
}

void BM_BudgetTablesAllProvinces(benchmark::State& state) {
  const int bnnk = static_cast<int>(state.range(0));
  auto p = Load(state, bnnk);
  auto stub = keuangan::v1::Keuangan::NewStub(p->channel());
  for (auto _ : state) {
    for (int i = 0; i < kProvinces; ++i) {
      if (!ReadTables(*stub, Province(i), bnnk + 1, state)) return;
    }
  }
}

// Arg: BNNK per province (4: 5 satker per province; 9: twice the satker).
BENCHMARK(BM_NoopGrpcCall)->Arg(4)->Arg(9)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_BudgetTablesProvince)
    ->Arg(4)
    ->Arg(9)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime()
    ->MinTime(2.0);
BENCHMARK(BM_BudgetTablesAllProvinces)
    ->Arg(4)
    ->Arg(9)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  return lkip::bench::RunBenchmarks(argc, argv, {{"service", &lkip::g_service}, {"rules", &lkip::g_rules}});
}
