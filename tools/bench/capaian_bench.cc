// The aggregator's GetCapaian over the five real bidang services (each with its RocksDB and
// its server on 127.0.0.1:0, loaded with the NTB 2023 example) against a no-op gRPC call (the
// built-in health Check of the same aggregator server), in the same run.
//
// The report: BM_FetchReportData reads what lkipctl report reads from the aggregator (capaian,
// PK, the seed's 101 texts, comparisons) for N provinces; BM_BuildReport does the same and builds
// the view, the HTML (the shipped template) and lkip.json: their ratio is what rendering adds
// to the fetch. The N "provinces" are the one loaded province read N times (38: BNN HQ reading
// every province). BM_Pdf and BM_Docx time WeasyPrint and pandoc on the rendered document.
// keuangan runs in full with the example's DIPA and realisasi, so the fetch includes the budget
// tables, as lkipctl report's does.
#include <benchmark/benchmark.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/bidang/bidang_service.h"
#include "common/status/grpc_status.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "common/units/unit_tree.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/bundle/v1/bundle.pb.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"
#include "services/aggregator/aggregator_service.h"
#include "services/keuangan/keuangan_service.h"
#include "tools/lkipctl/bundle_check.h"
#include "tools/lkipctl/capaian_output.h"
#include "tools/lkipctl/json_text.h"
#include "tools/lkipctl/report_fetch.h"
#include "tools/lkipctl/report_model.h"
#include "tools/lkipctl/report_templates.h"
#include "tools/lkipctl/run_tool.h"

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
      // keuangan in full: the report also reads its budget tables.
      if (name == "keuangan") b.services.push_back(std::make_unique<keuangan::KeuanganService>(b.core.get()));
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
      if (name == "keuangan") keuangan_channel_ = b.server->Channel();
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
    // The seed's texts and comparisons, as make demo stores them.
    auto agg = aggregator::v1::Aggregator::NewStub(channel_);
    auto doc = nlohmann::json::parse(ReadFile(LKIP_SOURCE_DIR "/examples/ntb-2023/narratives.json"));
    aggregator::v1::PutNarrativesRequest nreq;
    nreq.set_fiscal_year(2023);
    nreq.set_province_code("BNNP_NTB");
    for (const auto& [key, text] : doc["narratives"].items()) {
      auto* n = nreq.add_narratives();
      n->set_key(key);
      n->set_text(text.get<std::string>());
    }
    grpc::ClientContext nctx;
    aggregator::v1::PutNarrativesResponse nresp;
    Check(FromGrpc(agg->PutNarratives(&nctx, nreq, &nresp)));
    aggregator::v1::PutComparisonsRequest creq;
    if (!google::protobuf::util::JsonStringToMessage(
             ReadFile(LKIP_SOURCE_DIR "/examples/ntb-2023/comparisons.json"), &creq)
             .ok()) {
      Check(absl::InternalError("comparisons.json"));
    }
    grpc::ClientContext cctx;
    aggregator::v1::PutComparisonsResponse cresp;
    Check(FromGrpc(agg->PutComparisons(&cctx, creq, &cresp)));
    // Each satker's DIPA and monthly realisasi, as make demo imports them.
    bundle::v1::Bundle records;
    if (!google::protobuf::util::JsonStringToMessage(
             ReadFile(LKIP_SOURCE_DIR "/examples/ntb-2023/raw/keuangan.json"), &records)
             .ok()) {
      Check(absl::InternalError("raw/keuangan.json"));
    }
    auto keu = keuangan::v1::Keuangan::NewStub(keuangan_channel_);
    for (const auto& dipa : records.keuangan().dipa()) {
      grpc::ClientContext ctx;
      keuangan::v1::BudgetWriteResponse resp;
      Check(FromGrpc(keu->RecordDipa(&ctx, dipa, &resp)));
    }
    for (const auto& real : records.keuangan().realisasi()) {
      grpc::ClientContext ctx;
      keuangan::v1::BudgetWriteResponse resp;
      Check(FromGrpc(keu->RecordRealisasi(&ctx, real, &resp)));
    }
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
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
  std::shared_ptr<grpc::Channel> keuangan_channel_;
};

// Made on first use, destroyed by main() after the benchmarks: its servers stop and its
// temporary directory (six RocksDB databases, ~900 MB of preallocated logs) is removed. A
// leaked suite had left one such directory behind per run.
Suite* the_suite = nullptr;

Suite& TheSuite() {
  if (the_suite == nullptr) the_suite = new Suite();
  return *the_suite;
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
    if (!s.ok() || !report.complete() || report.indicators_size() != 19)
      state.SkipWithError("capaian failed");
  }
}

// What lkipctl report reads for one province (report_fetch.h: four calls to the aggregator, its
// service list, keuangan's budget tables), with the channel to keuangan made once.
bool Fetch(aggregator::v1::Aggregator::Stub& stub, ctl::ReportInputs* in) {
  static const ctl::FetchOptions* options = [] {
    auto* o = new ctl::FetchOptions;
    o->connect = [](const std::string& address) {
      static auto* channels = new std::map<std::string, std::shared_ptr<grpc::Channel>>;
      auto& c = (*channels)[address];
      if (!c) c = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
      return c;
    };
    o->context = [] { return std::make_unique<grpc::ClientContext>(); };
    return o;
  }();
  auto fetched = ctl::FetchReportInputs(stub, *options, 2023, "BNNP_NTB");
  if (!fetched.ok()) return false;
  *in = std::move(*fetched);
  return in->narratives.narratives_size() == 101 && in->budget_available &&
         in->budget.per_satker().rows_size() == 5;
}

void BM_FetchReportData(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  for (auto _ : state) {
    for (int p = 0; p < state.range(0); ++p) {
      ctl::ReportInputs in;
      if (!Fetch(*stub, &in)) state.SkipWithError("fetch failed");
      benchmark::DoNotOptimize(in);
    }
  }
}

const char kTemplateDir[] = LKIP_SOURCE_DIR "/tools/lkipctl/templates";

// One run of lkipctl report's rendering over `provinces` provinces: the templates read and
// parsed once (as lkipctl does once per run), then per province the fetch, the view, the HTML
// and the JSON text.
bool BuildRun(aggregator::v1::Aggregator::Stub& stub, int provinces) {
  auto templates = ctl::ReportTemplates::Load(kTemplateDir, /*html=*/true, /*md=*/false);
  if (!templates.ok()) return false;
  for (int p = 0; p < provinces; ++p) {
    ctl::ReportInputs in;
    if (!Fetch(stub, &in)) return false;
    const auto view = ctl::ReportJson(in);
    auto html = templates->Render(view);
    std::string json = ctl::JsonText(view);
    if (!html.ok() || html->at(0).second.size() < 10000) return false;
    benchmark::DoNotOptimize(json);
  }
  return true;
}

bool FetchRun(aggregator::v1::Aggregator::Stub& stub, int provinces) {
  for (int p = 0; p < provinces; ++p) {
    ctl::ReportInputs in;
    if (!Fetch(stub, &in)) return false;
    benchmark::DoNotOptimize(in);
  }
  return true;
}

void BM_BuildReport(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  for (auto _ : state) {
    if (!BuildRun(*stub, state.range(0))) state.SkipWithError("build failed");
  }
}

// The goal's ratio in one benchmark: every iteration times a fetch-only run and a build run
// over the same N provinces back to back (alternating which goes first), so a machine whose
// speed drifts between benchmarks (this one's does, by a third) slows both sides alike. The
// iteration time is the build run's; counters: fetch_ms, build_ms per run and their ratio.
void BM_ReportRatio(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  const int n = static_cast<int>(state.range(0));
  double fetch_s = 0, build_s = 0;
  bool fetch_first = true;
  for (auto _ : state) {
    std::chrono::duration<double> fetch{}, build{};
    for (int half = 0; half < 2; ++half) {
      const bool fetching = (half == 0) == fetch_first;
      const auto start = Clock::now();
      if (!(fetching ? FetchRun(*stub, n) : BuildRun(*stub, n))) state.SkipWithError("run failed");
      (fetching ? fetch : build) = Clock::now() - start;
    }
    fetch_first = !fetch_first;
    fetch_s += fetch.count();
    build_s += build.count();
    state.SetIterationTime(build.count());
  }
  const double runs = static_cast<double>(state.iterations());
  state.counters["fetch_ms"] = 1000 * fetch_s / runs;
  state.counters["build_ms"] = 1000 * build_s / runs;
  state.counters["ratio"] = fetch_s > 0 ? build_s / fetch_s : 0;
}

// Diagnostics: the parts of BM_BuildReport without the fetch.
void BM_ReportView(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  ctl::ReportInputs in;
  if (!Fetch(*stub, &in)) state.SkipWithError("fetch failed");
  for (auto _ : state) benchmark::DoNotOptimize(ctl::ReportJson(in));
}

void BM_ReportHtml(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  ctl::ReportInputs in;
  if (!Fetch(*stub, &in)) state.SkipWithError("fetch failed");
  const auto view = ctl::ReportJson(in);
  for (auto _ : state)
    benchmark::DoNotOptimize(ctl::ReportTemplates::Load(kTemplateDir, true, false)->Render(view));
}

void BM_ReportJsonText(benchmark::State& state) {
  auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  ctl::ReportInputs in;
  if (!Fetch(*stub, &in)) state.SkipWithError("fetch failed");
  const auto view = ctl::ReportJson(in);
  for (auto _ : state) benchmark::DoNotOptimize(ctl::JsonText(view));
}

// The rendered document in a temporary directory, for the PDF and DOCX timings.
const std::string& RenderedDir() {
  static const std::string* dir = [] {
    auto* d = new std::string(
        absl::StrCat(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp", "/lkip-bench-report"));
    std::filesystem::create_directories(*d);
    auto stub = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
    ctl::ReportInputs in;
    Fetch(*stub, &in);
    const auto view = ctl::ReportJson(in);
    auto templates = ctl::ReportTemplates::Load(kTemplateDir, true, true);
    auto rendered = templates.ok() ? templates->Render(view) : templates.status();
    if (!rendered.ok()) std::abort();
    for (const auto& [name, text] : *rendered) std::ofstream(*d + "/" + name) << text;
    return d;
  }();
  return *dir;
}

void BM_Pdf(benchmark::State& state) {
  const std::string& d = RenderedDir();
  for (auto _ : state) {
    auto r = ctl::RunTool({"weasyprint", "--quiet", d + "/lkip.html", d + "/lkip.pdf"});
    if (!r.ok()) state.SkipWithError(std::string(r.status().message()).c_str());
  }
}

void BM_Docx(benchmark::State& state) {
  const std::string& d = RenderedDir();
  for (auto _ : state) {
    auto r = ctl::RunTool(
        {"pandoc", "--from=markdown", "--to=docx", "--toc", d + "/lkip.md", "-o", d + "/lkip.docx"});
    if (!r.ok()) state.SkipWithError(std::string(r.status().message()).c_str());
  }
}

BENCHMARK(BM_NoopGrpcCall)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_GetCapaian)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_FetchReportData)->Arg(1)->Arg(38)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_BuildReport)->Arg(1)->Arg(38)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ReportRatio)->Arg(1)->Arg(38)->Unit(benchmark::kMillisecond)->UseManualTime()->MinTime(3.0);
BENCHMARK(BM_ReportView)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReportHtml)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReportJsonText)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Pdf)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Docx)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace
}  // namespace lkip

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  delete lkip::the_suite;
  return 0;
}
