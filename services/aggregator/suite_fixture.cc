#include "services/aggregator/suite_fixture.h"

#include <nlohmann/json.hpp>

#include "common/files/text_file.h"
#include "common/proto/json_file.h"
#include "common/registry/bidang_protos.inc"
#include "common/registry/bidang_registry.h"
#include "services/keuangan/keuangan_service.h"
#include "services/pemberantasan/pemberantasan_service.h"
#include "services/pencegahan/pencegahan_service.h"
#include "services/rehabilitasi/rehabilitasi_service.h"
#include "services/zonaintegritas/zonaintegritas_service.h"

namespace lkip::testing {
namespace {

// Each service's own records service, as its main.cc serves it (services/<name>/<name>_service.h).
std::unique_ptr<grpc::Service> RecordsFor(const std::string& name, BidangCore* core) {
#define LKIP_BIDANG(svc, Grpc, package, label, ikk) \
  if (name == #svc) return std::make_unique<svc::Grpc##Service>(core);
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
  return nullptr;
}

}  // namespace

SuiteFixture::SuiteFixture(const std::string& rules_dirs)
    : book_(std::move(
          *RuleBook::LoadDirectory(rules_dirs.empty() ? LKIP_SOURCE_DIR "/deploy/rules" : rules_dirs))) {
  std::map<std::string, std::string> addresses;
  for (const BidangService& svc : BidangServices()) {
    auto b = std::make_unique<SuiteBidang>();
    b->name = std::string(svc.name);
    StoreOptions o;
    o.path = b->dir.Sub("db");
    o.service = b->name;
    b->store = std::move(*Store::Open(o));
    b->core = std::make_unique<BidangCore>(b->name, b->store.get(), &book_);
    b->records = RecordsFor(b->name, b->core.get());
    b->indicators = std::make_unique<IndicatorSourceService>(b->core.get());
    b->units = std::make_unique<UnitRegistryService>(b->store.get());
    b->locks = std::make_unique<YearLockService>(b->store.get());
    b->audit = std::make_unique<AuditService>(b->store.get(), b->name);
    b->backup = std::make_unique<BackupService>(b->store.get(), b->name);
    b->server = std::make_unique<TestServer>(
        std::vector<grpc::Service*>{b->records.get(), b->indicators.get(), b->units.get(), b->locks.get(),
                                    b->audit.get(), b->backup.get()},
        b->name);
    addresses[b->name] = b->server->address();
    bidang_.push_back(std::move(b));
  }
  aggregator_ = std::make_unique<AggregatorFixture>(addresses, rules_dirs);
}

size_t SuiteFixture::WritesEverywhere() const {
  size_t n = aggregator_->store().ReadAudit(100000)->size();
  for (const auto& b : bidang_) n += b->AuditEntries();
  return n;
}

namespace {

report::v1::ImportBundleRequest BundleAt(const std::string& path, const std::string& name) {
  report::v1::ImportBundleRequest req;
  if (!ReadJsonMessage(path, "a bundle", req.mutable_bundle()).ok()) std::abort();  // it ships with the tree
  req.set_source_name(name);
  return req;
}

}  // namespace

uint64_t SuiteFixture::CommitsEverywhere() const {
  uint64_t n = aggregator_->store().Commits();
  for (const auto& b : bidang_) n += b->store->Commits();
  return n;
}

report::v1::ImportBundleRequest SuiteFixture::ExampleBundle() {
  return BundleAt(LKIP_SOURCE_DIR "/examples/ntb-2023/bundle.json", "bundle.json");
}

grpc::Status SuiteFixture::ImportExample() {
  report::v1::ImportBundleResponse imported;
  return reports().ImportBundle(Context("admin").get(), ExampleBundle(), &imported);
}

grpc::Status SuiteFixture::RenderExample(std::initializer_list<report::v1::DocumentFormat> formats,
                                         report::v1::RenderReportResponse* out) {
  report::v1::RenderReportRequest render;
  render.set_fiscal_year(2023);
  render.set_province_code("BNNP_NTB");
  for (auto f : formats) render.add_formats(f);
  return reports().RenderReport(Context("admin").get(), render, out);
}

grpc::Status SuiteFixture::PutExampleTexts() {
  const Principal perencana{"perencana.ntb", Role::kPerencana, "BNNP_NTB", {}, ""};
  // narratives.json is lkipctl set-narratives' file: {"narratives": {key: text}, ...}.
  auto file = ReadText(LKIP_SOURCE_DIR "/examples/ntb-2023/narratives.json");
  aggregator::v1::PutComparisonsRequest comparisons;
  if (!file.ok() ||
      !ReadJsonMessage(LKIP_SOURCE_DIR "/examples/ntb-2023/comparisons.json", "comparisons", &comparisons)
           .ok()) {
    std::abort();  // they ship with the tree
  }
  const nlohmann::json doc = nlohmann::json::parse(*file);
  aggregator::v1::PutNarrativesRequest texts;
  texts.set_fiscal_year(doc["fiscal_year"].get<int>());
  texts.set_province_code(doc["province_code"].get<std::string>());
  for (const auto& [key, value] : doc["narratives"].items()) {
    auto* n = texts.add_narratives();
    n->set_key(key);
    n->set_text(value.get<std::string>());
  }
  aggregator::v1::PutNarrativesResponse put_texts;
  grpc::Status s = aggregator_->data()->PutNarratives(Context(perencana).get(), texts, &put_texts);
  if (!s.ok()) return s;
  aggregator::v1::PutComparisonsResponse put_comparisons;
  return aggregator_->data()->PutComparisons(Context(perencana).get(), comparisons, &put_comparisons);
}

report::v1::ImportBundleRequest SuiteFixture::RawBundle(const std::string& name) {
  return BundleAt(LKIP_SOURCE_DIR "/examples/ntb-2023/raw/" + name, name);
}

}  // namespace lkip::testing
