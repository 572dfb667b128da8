// The aggregator: holds the Perjanjian Kinerja, pulls from the five bidang services and serves
// the capaian report.
#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "common/server/server_flags.h"
#include "common/units/unit_registry_service.h"
#include "services/aggregator/aggregator_service.h"

ABSL_FLAG(std::string, pencegahan_addr, "", "host:port of the pencegahan service");
ABSL_FLAG(std::string, rehabilitasi_addr, "", "host:port of the rehabilitasi service");
ABSL_FLAG(std::string, pemberantasan_addr, "", "host:port of the pemberantasan service");
ABSL_FLAG(std::string, keuangan_addr, "", "host:port of the keuangan service");
ABSL_FLAG(std::string, zonaintegritas_addr, "", "host:port of the zonaintegritas service");
ABSL_FLAG(int, backend_timeout_ms, 5000, "deadline of each call to a bidang service");

int main(int argc, char** argv) {
  using namespace lkip;
  BlockTerminationSignals();
  CommonServiceConfig config = ParseCommonFlags(argc, argv, "aggregator");
  const std::map<std::string, std::string> addresses = {
      {"pencegahan", absl::GetFlag(FLAGS_pencegahan_addr)},
      {"rehabilitasi", absl::GetFlag(FLAGS_rehabilitasi_addr)},
      {"pemberantasan", absl::GetFlag(FLAGS_pemberantasan_addr)},
      {"keuangan", absl::GetFlag(FLAGS_keuangan_addr)},
      {"zonaintegritas", absl::GetFlag(FLAGS_zonaintegritas_addr)},
  };
  for (const auto& [name, address] : addresses) {
    if (address.empty()) spdlog::warn("event=config service={} reason=\"no address: its IKK will be unavailable\"", name);
  }
  const int timeout_ms = absl::GetFlag(FLAGS_backend_timeout_ms);
  if (timeout_ms <= 0) {
    spdlog::critical("event=start_failed reason=\"--backend_timeout_ms must be positive\"");
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
  aggregator::BidangClients clients(addresses, absl::Milliseconds(timeout_ms));
  aggregator::AggregatorService service(store->get(), &*rules, &clients);
  UnitRegistryService units(store->get());
  config.server.health_names = {aggregator::v1::Aggregator::service_full_name(),
                                unit::v1::UnitRegistry::service_full_name()};
  auto server = RunningServer::Start(config.server, {&service, &units});
  if (!server.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("event=serving address={} db_path={}", (*server)->address(), config.store.path);
  const int sig = WaitForTerminationSignal();
  spdlog::info("event=draining signal={}", sig);
  (*server)->Drain();
  spdlog::info("event=stopped");
  return 0;
}
