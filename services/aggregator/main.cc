// The aggregator: holds the Perjanjian Kinerja, the report's texts and comparison values, pulls
// from the bidang services (common/registry/bidang_services.tsv), and serves the capaian report
// (lkip.aggregator.v1) and the whole LKIP (lkip.report.v1: the typed report, the verifier, the
// rendered documents, the bundle import).
#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "common/registry/bidang_registry.h"
#include "common/server/background_work.h"
#include "common/server/server_flags.h"
#include "common/units/unit_registry_service.h"
#include "services/aggregator/aggregator_service.h"
#include "services/aggregator/report_service.h"

// --<name>_addr for every bidang service of the registry.
#define LKIP_BIDANG(name, Service, package, label, ikk) \
  ABSL_FLAG(std::string, name##_addr, "", "host:port of the " #name " service");
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
ABSL_FLAG(int, backend_timeout_ms, 5000, "deadline of each call to a bidang service");
ABSL_FLAG(std::string, templates_dir, LKIP_DEFAULT_TEMPLATE_DIR,
          "folder of the report's templates (lkip.html.mustache, lkip.md.mustache, lkip.css, "
          "capaian.html.mustache)");
ABSL_FLAG(std::string, weasyprint, "weasyprint", "WeasyPrint program (lkip.pdf)");
ABSL_FLAG(std::string, pandoc, "pandoc", "pandoc program (lkip.docx)");
ABSL_FLAG(int, background_threads, 2, "threads that render documents and import bundles");

int main(int argc, char** argv) {
  using namespace lkip;
  BlockTerminationSignals();
  CommonServiceConfig config = ParseCommonFlags(argc, argv, "aggregator");
  const std::map<std::string, std::string> addresses = {
#define LKIP_BIDANG(name, Service, package, label, ikk) {#name, absl::GetFlag(FLAGS_##name##_addr)},
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
  };
  for (const auto& [name, address] : addresses) {
    if (address.empty())
      spdlog::warn("event=config service={} reason=\"no address: its IKK will be unavailable\"", name);
  }
  const int timeout_ms = absl::GetFlag(FLAGS_backend_timeout_ms);
  const int threads = absl::GetFlag(FLAGS_background_threads);
  if (timeout_ms <= 0 || threads <= 0 || threads > 64) {
    spdlog::critical(
        "event=start_failed reason=\"--backend_timeout_ms must be positive, --background_threads 1..64\"");
    return 2;
  }
  auto rules = RuleBook::LoadDirectory(config.rules_dir);
  if (!rules.ok()) {
    spdlog::critical("event=start_failed reason=\"rules: {}\"", std::string(rules.status().message()));
    return 1;
  }
  auto store = Store::Open(config.store);
  if (!store.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(store.status().message()));
    return 1;
  }
  aggregator::ReportServiceConfig report_config;
  report_config.templates_dir = absl::GetFlag(FLAGS_templates_dir);
  report_config.weasyprint = absl::GetFlag(FLAGS_weasyprint);
  report_config.pandoc = absl::GetFlag(FLAGS_pandoc);
  // Declared in this order so that they are destroyed server first, store last.
  aggregator::AggregatorStores stores(store->get(), &*rules);
  aggregator::BidangClients clients(addresses, absl::Milliseconds(timeout_ms));
  BackgroundWork background(threads);
  UnitRegistryService units(store->get());
  aggregator::AggregatorService service(&stores, &clients);
  aggregator::ReportService reports(report_config, &stores, &clients, &units, &background);
  config.server.health_names = {aggregator::v1::Aggregator::service_full_name(),
                                report::v1::ReportService::service_full_name(),
                                unit::v1::UnitRegistry::service_full_name()};
  auto server = RunningServer::Start(config.server, {&service, &reports, &units});
  if (!server.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("event=serving address={} db_path={} templates={}", (*server)->address(), config.store.path,
               report_config.templates_dir.string());
  const int sig = WaitForTerminationSignal();
  spdlog::info("event=draining signal={}", sig);
  // Renders and imports under way finish first (each holds a call the server must still have).
  background.Stop();
  (*server)->Drain();
  spdlog::info("event=stopped");
  return 0;
}
