// The aggregator's GetCapaian over the five real bidang services (each with its RocksDB and
// its server on 127.0.0.1:0, loaded with the NTB 2023 example) against a no-op gRPC call (the
// built-in health Check of the same aggregator server), in the same run.
//
// The report, all through the aggregator's lkip.report.v1 over gRPC: BM_FetchReportData is the
// baseline, the data the report is made of read by a client (GetCapaian, the PK, the seed's 101
// texts, comparisons, keuangan's budget tables); BM_GetReport is the typed report (the aggregator
// reads the same data, builds the report and verifies it); BM_RenderHtmlJson is RenderReport with
// the HTML and lkip.json (the same report every time: its documents come from the aggregator's
// rendered cache; BM_ReportRatio/2 renders them anew on a service that keeps none). BM_ReportRatio times a
// baseline and a measured call back to back in every iteration (alternating which goes first): the machine's
// drift slows both alike. BM_Pdf times WeasyPrint alone on the rendered HTML; BM_AllFormatsRatio RenderReport
// with every format (PDF and DOCX made at the same time) against WeasyPrint alone, back to back. keuangan
// runs in full with the example's DIPA and realisasi.
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
#include "common/proto/json_file.h"
#include "common/registry/bidang_registry.h"
#include "common/status/grpc_status.h"
#include "common/testing/test_pki.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "common/units/unit_tree.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/bundle/v1/bundle.pb.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"
#include "report_render/document_view.h"
#include "report_render/json_text.h"
#include "report_render/mustache_template.h"
#include "report_render/report_documents.h"
#include "report_render/report_templates.h"
#include "report_render/run_tool.h"
#include "services/aggregator/aggregator_service.h"
#include "services/aggregator/ingest/bundle_check.h"
#include "services/aggregator/pk_record.h"
#include "services/aggregator/report/report_builder.h"
#include "services/aggregator/report/typed_figures.h"
#include "services/aggregator/report/verify.h"
#include "services/aggregator/report_service.h"
#include "services/keuangan/keuangan_service.h"
#include "tools/bench/ratio.h"

namespace lkip {
namespace {

const char kTemplateDir[] = LKIP_SOURCE_DIR "/report_render/templates";

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
  // `insecure`: plaintext everywhere (--insecure_dev), the baseline of the TLS benchmark.
  explicit Suite(bool insecure = false) {
    book_ = std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules"));
    const std::string path = LKIP_SOURCE_DIR "/examples/ntb-2023/bundle.json";
    auto bundle = std::make_unique<bundle::v1::Bundle>();
    Check(ReadJsonMessage(path, "a bundle", bundle.get()));
    const YearRules& rules = **book_.ForYear(2023);
    Check(aggregator::CheckBundle(path, rules, bundle.get()));
    unit::v1::PutUnitsRequest units;
    *units.mutable_units() = bundle->units();
    std::map<std::string, std::string> addresses;
    for (const BidangService& svc : BidangServices()) {
      const std::string name(svc.name);
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
      b.server = std::make_unique<testing::TestServer>(raw, name, insecure);
      addresses[name] = b.server->address();
      if (name == "keuangan") keuangan_channel_ = b.server->UserChannel();
    }
    StoreOptions ao;
    ao.path = dir_.Sub("aggregator");
    ao.service = "aggregator";
    agg_store_ = std::move(*Store::Open(ao));
    Check(PutUnits(*agg_store_, {"bench", "PutUnits", ""}, units).status());
    stores_ = std::make_unique<aggregator::AggregatorStores>(agg_store_.get(), &book_);
    const auto& pk = bundle->perjanjian_kinerja();
    auto record = aggregator::CheckPerjanjianKinerja(book_, **LoadUnitTree(*agg_store_), pk);
    Check(record.status());
    Check(
        stores_->pk.Put({"bench", "PutPerjanjianKinerja", ""}, pk.fiscal_year(), pk.province_code(), *record)
            .status());
    clients_ = std::make_unique<aggregator::BidangClients>(
        addresses, absl::Seconds(5),
        insecure ? grpc::InsecureChannelCredentials() : testing::TestChannelCredentials("aggregator"));
    background_ = std::make_unique<BackgroundWork>(2);
    units_ = std::make_unique<UnitRegistryService>(agg_store_.get());
    service_ = std::make_unique<aggregator::AggregatorService>(stores_.get(), clients_.get());
    aggregator::ReportServiceConfig config;
    config.templates_dir = kTemplateDir;
    reports_ = std::make_unique<aggregator::ReportService>(config, stores_.get(), clients_.get(),
                                                           units_.get(), background_.get());
    server_ = std::make_unique<testing::TestServer>(
        std::vector<grpc::Service*>{service_.get(), reports_.get(), units_.get()}, "aggregator", insecure);
    channel_ = server_->UserChannel();
    // The same report service keeping no rendered documents: every RenderReport renders.
    config.rendered_reports = 0;
    uncached_reports_ = std::make_unique<aggregator::ReportService>(config, stores_.get(), clients_.get(),
                                                                    units_.get(), background_.get());
    uncached_server_ = std::make_unique<testing::TestServer>(
        std::vector<grpc::Service*>{uncached_reports_.get()}, "aggregator", insecure);
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

  ~Suite() {
    background_->Stop();
    server_.reset();
    uncached_server_.reset();
  }

  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  std::shared_ptr<grpc::Channel> uncached_channel() { return uncached_server_->UserChannel(); }
  std::shared_ptr<grpc::Channel> keuangan_channel() { return keuangan_channel_; }
  const RuleBook& book() const { return book_; }

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
  std::unique_ptr<aggregator::AggregatorStores> stores_;
  std::unique_ptr<aggregator::BidangClients> clients_;
  std::unique_ptr<BackgroundWork> background_;
  std::unique_ptr<UnitRegistryService> units_;
  std::unique_ptr<aggregator::AggregatorService> service_;
  std::unique_ptr<aggregator::ReportService> reports_;
  std::unique_ptr<testing::TestServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<grpc::Channel> keuangan_channel_;
  std::unique_ptr<aggregator::ReportService> uncached_reports_;
  std::unique_ptr<testing::TestServer> uncached_server_;
};

// Made on first use, destroyed by main() after the benchmarks: its servers stop and its
// temporary directory (six RocksDB databases, ~900 MB of preallocated logs) is removed. A
// leaked suite had left one such directory behind per run.
Suite* the_suite = nullptr;

Suite& TheSuite() {
  if (the_suite == nullptr) the_suite = new Suite();
  return *the_suite;
}

// The same suite in plaintext, without tokens (--insecure_dev): the TLS benchmark's baseline.
Suite& ThePlainSuite() {
  static Suite* plain = new Suite(/*insecure=*/true);
  return *plain;
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

// Issue 14's goal for reads: GetCapaian over mutual TLS with a token (the aggregator's calls to
// the five services over TLS too, with its certificate) against the same suite in plaintext,
// interleaved (bench::Ratio). Counters: ratio (TLS / plaintext time); goal <= 1,2.
void BM_GetCapaianTlsRatio(benchmark::State& state) {
  auto plain = aggregator::v1::Aggregator::NewStub(ThePlainSuite().channel());
  auto tls = aggregator::v1::Aggregator::NewStub(TheSuite().channel());
  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  auto read = [&](aggregator::v1::Aggregator::Stub* stub) {
    grpc::ClientContext ctx;
    aggregator::v1::CapaianReport report;
    return stub->GetCapaian(&ctx, req, &report).ok() && report.complete() && report.indicators_size() == 19;
  };
  bench::Ratio(
      state, [&] { return read(plain.get()); }, [&] { return read(tls.get()); });
}

// The baseline: the data the report is made of, read by a client (what lkipctl report read
// before the aggregator assembled it): four aggregator calls and keuangan's budget tables.
bool Fetch(aggregator::ReportInputs* in) {
  static auto* agg = aggregator::v1::Aggregator::NewStub(TheSuite().channel()).release();
  static auto* keu = keuangan::v1::Keuangan::NewStub(TheSuite().keuangan_channel()).release();
  auto request = [](auto* r) {
    r->set_fiscal_year(2023);
    r->set_province_code("BNNP_NTB");
  };
  aggregator::v1::GetCapaianRequest c;
  aggregator::v1::GetPerjanjianKinerjaRequest p;
  aggregator::v1::GetNarrativesRequest n;
  aggregator::v1::GetComparisonsRequest k;
  keuangan::v1::GetBudgetTablesRequest b;
  request(&c), request(&p), request(&n), request(&k), request(&b);
  grpc::ClientContext c1, c2, c3, c4, c5;
  if (!agg->GetCapaian(&c1, c, &in->capaian).ok() || !agg->GetPerjanjianKinerja(&c2, p, &in->pk).ok() ||
      !agg->GetNarratives(&c3, n, &in->narratives).ok() ||
      !agg->GetComparisons(&c4, k, &in->comparisons).ok() ||
      !keu->GetBudgetTables(&c5, b, &in->budget).ok()) {
    return false;
  }
  in->budget_available = true;
  return in->narratives.narratives_size() == 101 && in->budget.per_satker().rows_size() == 5;
}

bool GetReport() {
  static auto* stub = report::v1::ReportService::NewStub(TheSuite().channel()).release();
  report::v1::GetReportRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  grpc::ClientContext ctx;
  report::v1::Report report;
  return stub->GetReport(&ctx, req, &report).ok() && report.n_ikk() == 19;
}

bool Render(const std::vector<report::v1::DocumentFormat>& formats, size_t files, bool cached = true) {
  static auto* stub = report::v1::ReportService::NewStub(TheSuite().channel()).release();
  static auto* uncached = report::v1::ReportService::NewStub(TheSuite().uncached_channel()).release();
  report::v1::RenderReportRequest req;
  req.set_fiscal_year(2023);
  req.set_province_code("BNNP_NTB");
  for (auto f : formats) req.add_formats(f);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(5));
  report::v1::RenderReportResponse resp;
  return (cached ? stub : uncached)->RenderReport(&ctx, req, &resp).ok() &&
         static_cast<size_t>(resp.files_size()) >= files;
}

bool RenderHtmlJson() {
  return Render({report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_JSON}, 3);
}

// The same on the service that keeps no rendered documents: what a changed report costs.
bool RenderHtmlJsonAnew() {
  return Render({report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_JSON}, 3, false);
}

bool RenderAll() {
  using namespace report::v1;
  return Render({DOCUMENT_FORMAT_HTML, DOCUMENT_FORMAT_MD, DOCUMENT_FORMAT_JSON, DOCUMENT_FORMAT_PDF,
                 DOCUMENT_FORMAT_DOCX, DOCUMENT_FORMAT_XLSX},
                7);
}

bool FetchOnce() {
  aggregator::ReportInputs in;
  return Fetch(&in);
}

void BM_FetchReportData(benchmark::State& state) {
  for (auto _ : state) {
    if (!FetchOnce()) state.SkipWithError("fetch failed");
  }
}

void BM_GetReport(benchmark::State& state) {
  for (auto _ : state) {
    if (!GetReport()) state.SkipWithError("GetReport failed");
  }
}

void BM_RenderHtmlJson(benchmark::State& state) {
  for (auto _ : state) {
    if (!RenderHtmlJson()) state.SkipWithError("RenderReport failed");
  }
}

// Against the data fetch: GetReport (arg 0), RenderReport with HTML and JSON (arg 1: the same
// report again, its documents kept from the last render; arg 2: rendered anew every time).
void BM_ReportRatio(benchmark::State& state) {
  bool (*const measured[])() = {GetReport, RenderHtmlJson, RenderHtmlJsonAnew};
  bench::Ratio(state, FetchOnce, measured[state.range(0)]);
}

// Diagnostics: the parts without gRPC, over data fetched once.
const aggregator::ReportInputs& Fetched() {
  static const auto* in = [] {
    auto* i = new aggregator::ReportInputs;
    if (!Fetch(i)) std::abort();
    return i;
  }();
  return *in;
}

void BM_BuildReport(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(aggregator::BuildReport(Fetched()));
}

void BM_ReportHtml(benchmark::State& state) {
  const auto report = aggregator::BuildReport(Fetched());
  for (auto _ : state) {
    benchmark::DoNotOptimize(render::ReportTemplates::Load(render::TemplatesFrom(kTemplateDir), true, false)
                                 ->Render(report, render::Presentation(report)));
  }
}

// RenderReport's work after the fetch, in process: build, verify, render HTML and JSON with
// the manifest's digests.
void BM_RenderDocuments(benchmark::State& state) {
  const aggregator::ReportInputs& in = Fetched();
  render::TemplateCache cache;
  for (auto _ : state) {
    const auto report = aggregator::BuildReport(in);
    benchmark::DoNotOptimize(aggregator::Verify(
        aggregator::VerifyInputs{in, report, (*TheSuite().book().ForYear(2023))->rules(), nullptr}));
    render::RenderOptions o;
    o.formats = {report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_JSON};
    o.templates = render::TemplatesFrom(kTemplateDir);
    o.template_cache = &cache;
    o.inputs = {{"capaian", &in.capaian},
                {"perjanjian_kinerja", &in.pk},
                {"narratives", &in.narratives},
                {"comparisons", &in.comparisons},
                {"budget_tables", &in.budget}};
    benchmark::DoNotOptimize(render::RenderDocuments(report, in.capaian, o));
  }
}

// The verifier's reading of typed figures (typed_figures.h) over 38 provinces' texts: the
// example's 101 texts 38 times, each figure found and tied to the data, against one province's
// GetReport (issue 19: at most 2x).
bool TypedFigures38Provinces() {
  const aggregator::ReportInputs& in = Fetched();
  static const auto* const report = new report::v1::Report(aggregator::BuildReport(in));
  const aggregator::VerifyInputs verify{in, *report, (*TheSuite().book().ForYear(2023))->rules(), nullptr};
  size_t tied = 0;
  for (int province = 0; province < 38; ++province) {
    aggregator::FigureTies ties(verify);  // each province's own
    for (const auto& n : in.narratives.narratives()) {
      for (const auto& f : aggregator::FindTypedFigures(n.key(), n.text())) {
        tied += ties.Tie(f).outcome != aggregator::TieOutcome::kUntied;
      }
    }
  }
  return tied > 0;
}

void BM_TypedFiguresRatio(benchmark::State& state) {
  bench::Ratio(state, GetReport, TypedFigures38Provinces);
}

// The HTML's three steps apart: the view (the message converted for the names the HTML template
// uses, the presentation laid over it), reading and parsing the templates, and rendering them.
void BM_ReportView(benchmark::State& state) {
  const auto report = aggregator::BuildReport(Fetched());
  const auto templates = render::ReportTemplates::Load(render::TemplatesFrom(kTemplateDir), true, false);
  for (auto _ : state) {
    render::MustacheView view(report, templates->names());
    view.Overlay(render::Presentation(report), templates->names());
    benchmark::DoNotOptimize(view);
  }
}

void BM_TemplatesLoad(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(render::ReportTemplates::Load(render::TemplatesFrom(kTemplateDir), true, false));
}

// What a render pays for its templates with the server's cache: reading and comparing the files.
void BM_TemplatesCached(benchmark::State& state) {
  render::TemplateCache cache;
  for (auto _ : state) benchmark::DoNotOptimize(cache.Load(render::TemplatesFrom(kTemplateDir), true, false));
}

void BM_TemplatesRender(benchmark::State& state) {
  const auto report = aggregator::BuildReport(Fetched());
  const auto presentation = render::Presentation(report);
  const auto templates = render::ReportTemplates::Load(render::TemplatesFrom(kTemplateDir), true, false);
  for (auto _ : state) benchmark::DoNotOptimize(templates->Render(report, presentation));
}

void BM_ReportJsonText(benchmark::State& state) {
  const auto report = aggregator::BuildReport(Fetched());
  for (auto _ : state) benchmark::DoNotOptimize(render::ProtoJsonText(report));
}

// The rendered HTML in a temporary directory, for WeasyPrint alone.
const std::string& RenderedHtml() {
  static const std::string* path = [] {
    const std::string dir =
        absl::StrCat(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp", "/lkip-bench-report");
    std::filesystem::create_directories(dir);
    const auto report = aggregator::BuildReport(Fetched());
    auto templates = render::ReportTemplates::Load(render::TemplatesFrom(kTemplateDir), true, false);
    auto rendered =
        templates.ok() ? templates->Render(report, render::Presentation(report)) : templates.status();
    if (!rendered.ok()) std::abort();
    std::ofstream(dir + "/lkip.html") << rendered->at(0).second;
    return new std::string(dir + "/lkip.html");
  }();
  return *path;
}

bool PdfAlone() {
  const std::string& html = RenderedHtml();
  const std::string pdf = html.substr(0, html.size() - 4) + "pdf";
  return render::RunTool({"weasyprint", "--quiet", html, pdf}).ok();
}

void BM_Pdf(benchmark::State& state) {
  for (auto _ : state) {
    if (!PdfAlone()) state.SkipWithError("weasyprint failed");
  }
}

// Every format, PDF and DOCX made at the same time, against WeasyPrint alone (goal <= 1.15).
void BM_AllFormatsRatio(benchmark::State& state) { bench::Ratio(state, PdfAlone, RenderAll); }

BENCHMARK(BM_NoopGrpcCall)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_GetCapaian)->Unit(benchmark::kMicrosecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_GetCapaianTlsRatio)
    ->Unit(benchmark::kMicrosecond)
    ->UseManualTime()
    ->MinTime(3.0)
    ->Repetitions(3);
BENCHMARK(BM_FetchReportData)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_GetReport)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_RenderHtmlJson)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ReportRatio)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->MinTime(3.0);
BENCHMARK(BM_TypedFiguresRatio)->Unit(benchmark::kMillisecond)->UseManualTime()->MinTime(3.0)->Repetitions(3);
BENCHMARK(BM_BuildReport)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReportHtml)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_RenderDocuments)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReportView)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TemplatesLoad)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TemplatesCached)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TemplatesRender)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReportJsonText)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Pdf)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_AllFormatsRatio)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(3);

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
