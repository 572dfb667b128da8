// main() of every bidang service binary: flags -> config -> store -> services -> server, then
// wait for SIGTERM and drain. Declaration order store -> core -> services -> server makes the
// server shut down before the store closes.
#pragma once

#include <spdlog/spdlog.h>

#include <cstdio>
#include <string>

#include "common/bidang/bidang_service.h"
#include "common/server/server_flags.h"
#include "common/units/unit_registry_service.h"

namespace lkip {

// `Records` implements the service's own package (the shared satker-value RPCs by default).
template <typename GeneratedService, typename Records = BidangRecordsService<GeneratedService>>
int BidangMain(int argc, char** argv, const std::string& service) {
  BlockTerminationSignals();
  CommonServiceConfig config = ParseCommonFlags(argc, argv, service);
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
  BidangCore core(service, store->get(), &*rules);
  Records records(&core);
  IndicatorSourceService indicators(&core);
  UnitRegistryService units(store->get());
  config.server.health_names = {GeneratedService::service_full_name(),
                                indicator::v1::IndicatorSource::service_full_name(),
                                unit::v1::UnitRegistry::service_full_name()};
  auto server = RunningServer::Start(config.server, {&records, &indicators, &units});
  if (!server.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(server.status().message()));
    return 1;
  }
  spdlog::info("event=serving address={} db_path={} rule_years={}", (*server)->address(), config.store.path,
               rules->Years().size());
  const int sig = WaitForTerminationSignal();
  spdlog::info("event=draining signal={}", sig);
  (*server)->Drain();
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace lkip
