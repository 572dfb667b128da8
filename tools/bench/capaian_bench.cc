// The aggregator's GetCapaian over the five real bidang services (each with its RocksDB and
// its server on 127.0.0.1:0, loaded with the NTB 2023 example) against a no-op gRPC call (the
// built-in health Check of the same aggregator server), in the same run.
#include <benchmark/benchmark.h>

#include <grpcpp/grpcpp.h>

#include "common/bidang/bidang_service.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "common/units/unit_tree.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"
#include "services/aggregator/aggregator_service.h"
#include "tools/lkipctl/bundle_check.h"

namespace lkip {
namespace {

struct Bidang {
  std::string name;
  std::unique_ptr<Store> store;
  std::unique_ptr<BidangCore> core;
  std::vector<std::unique_ptr<grpc::Service>> services;
  std::unique_ptr<testing::TestServer> server;
};

template <typename Svc>
void AddRecords(Bidang& b) {
  b.services.push_back(std::make_unique<BidangRecordsService<Svc>>(b.core.get()));
}

class Suite {
 public:
  Suite() {
    book_ = std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules"));
    const std::string path = LKIP_SOURCE_DIR "/examples/ntb-2023/bundle.json";
    auto bundle = ctl::ReadBundle(path);
    Check(bundle.status());
    const YearRules& rules = **book_.ForYear(2023);
    Check(ctl::CheckBundle(path, rules, &*bundle));
    unit::v1::PutUnitsRequest units;
    *units.mutable_units() = bundle->units();
    std::map<std::string, std::string> addresses;
    for (const auto& name : BidangServiceNames()) {
      auto& b = bidang_.emplace_back();
      b.name = name;
      StoreOptions o;
      o.path = dir_.Sub(name);
      o.service = name;
      b.store = std::move(*Store::Open(o));
      b.core = std::make_unique<BidangCore>(name, b.store.get(), &book_);
      if (name == "pencegahan") AddRecords<pencegahan::v1::Pencegahan>(b);
      if (name == "rehabilitasi") AddRecords<rehabilitasi::v1::Rehabilitasi>(b);
      if (name == "pemberantasan") AddRecords<pemberantasan::v1::Pemberantasan>(b);
      if (name == "keuangan") AddRecords<keuangan::v1::Keuangan>(b);
      if (name == "zonaintegritas") AddRecords<zonaintegritas::v1::ZonaIntegritas>(b);
      b.services.push_back(std::make_unique<IndicatorSourceService>(b.core.get()));
      Check(PutUnits(*b.store, {"bench", "PutUnits", ""}, units).status());
      indicator::v1::RecordSatkerValuesRequest req;
      req.set_fiscal_year(2023);
      for (const auto& v : bundle->satker_values()) {
        if (rules.FindMeasure(v.measure())->service() == name) *req.add_values() = v;
      }
      Check(b.core->RecordSatkerValues({"bench", "RecordSatkerValues", ""}, req).status());
      std::vector<grpc::Service*> raw;
      for (auto& s : b.services) raw.push_back(s.get());
      b.server = std::make_unique<testing::TestServer>(raw);
      addresses[name] = b.server->address();
    }
    StoreOptions ao;
    ao.path = dir_.Sub("aggregator");
    ao.service = "aggregator";
    agg_store_ = std::move(*Store::Open(ao));
    Check(PutUnits(*agg_store_, {"bench", "PutUnits", ""}, units).status());
    aggregator::PkStore pk(agg_store_.get(), &book_);
    Check(pk.Put({"bench", "PutPerjanjianKinerja", ""}, bundle->perjanjian_kinerja()).status());
    clients_ = std::make_unique<aggregator::BidangClients>(addresses, absl::Seconds(5));
    service_ = std::make_unique<aggregator::AggregatorService>(agg_store_.get(), &book_, clients_.get());
    server_ = std::make_unique<testing::TestServer>(std::vector<grpc::Service*>{service_.get()});
    channel_ = server_->Channel();
  }

  std::shared_ptr<grpc::Channel> channel() { return channel_; }

 private:
  static void Check(const absl::Status& s) {
    if (!s.ok()) {
      std::fprintf(stderr, "setup failed: %s\n", std::string(s.message()).c_str());
      std::abort();
    }
  }
  testing::TempDir dir_;
  RuleBook book_;
  std::vector<Bidang> bidang_;
  std::unique_ptr<Store> agg_store_;
  std::unique_ptr<aggregator::BidangClients> clients_;
  std::unique_ptr<aggregator::AggregatorService> service_;
  std::unique_ptr<testing::TestServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

Suite& TheSuite() {
  static Suite* suite = new Suite();
  return *suite;
}

void BM_NoopGrpcCall(benchmark::State& state) {
  auto stub = grpc::health::v1::Health::NewStub(TheSuite().channel());
  grpc::health::v1::HealthCheckRequest req;
  for (auto _ : state) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckResponse resp;
    if (!stub->Check(&ctx, req, &resp).ok()) state.SkipWithError("health check failed");
  }
}

void BM_GetCapaian(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  for (auto _ : state) {
    grpc::ClientContext ctx;
    aggregator::v1::CapaianReport report;
    grpc::Status s = stub->GetCapaian(&ctx, req, &report);
    if (!s.ok() || !report.complete() || report.indicators_size() != 19) state.SkipWithError("capaian failed");
  }
}

BENCHMARK(BM_NoopGrpcCall)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_GetCapaian)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace lkip

BENCHMARK_MAIN();
