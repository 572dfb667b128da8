#include "common/server/service_main.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "common/server/ops_http.h"
#include "common/server/server_runner.h"
#include "common/server/store_metrics.h"
#include "common/server/systemd_notify.h"

namespace lkip {

int ServiceMain(int argc, char** argv, const std::string& service, const BuildServed& build) {
  BlockTerminationSignals();  // before any thread exists
  const CommonServiceConfig config = ParseCommonFlags(argc, argv, service);
  auto rules = RuleBook::LoadDirectory(config.rules_dir);
  if (!rules.ok()) {
    spdlog::critical("event=start_failed reason=\"rules: {}\"", std::string(rules.status().message()));
    return 1;
  }
  for (int year : rules->Years()) {
    // A carried-over rule set is a draft until its review list is empty (lkipctl rules new-year).
    const YearRules* year_rules = *rules->ForYear(year);
    for (const auto& item : year_rules->rules().review()) {
      spdlog::warn("event=rules_under_review fiscal_year={} version={} path=\"{}\" reason=\"{}\"", year,
                   year_rules->version(), item.path(), item.reason());
    }
  }
  auto store = Store::Open(config.store);
  if (!store.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(store.status().message()));
    return 1;
  }
  auto served = build(ServiceEnv{config, store->get(), &*rules});
  if (!served.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(served.status().message()));
    return served.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  MetricsRegistry& metrics = MetricsRegistry::Default();
  // Removed before the store closes (the guard is destroyed first).
  const int store_collector =
      metrics.AddCollector([store = store->get()](absl::string_view labels, std::string* out) {
        AppendStoreMetrics(*store, labels, out);
      });
  struct Uncollect {
    MetricsRegistry& metrics;
    int id;
    ~Uncollect() { metrics.RemoveCollector(id); }
  } uncollect{metrics, store_collector};
  ServerConfig server_config = config.server;
  server_config.health_names = (*served)->health_names;
  server_config.metrics = &metrics;
  auto server = RunningServer::Start(server_config, (*served)->services);
  if (!server.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(server.status().message()));
    return 1;
  }
  std::unique_ptr<OpsHttpServer> ops;
  if (!config.metrics_listen.empty()) {
    auto started =
        OpsHttpServer::Start(config.metrics_listen, absl::StrCat("service=\"", service, "\""), &metrics);
    if (!started.ok()) {
      spdlog::critical("event=start_failed reason=\"{}\"", std::string(started.status().message()));
      return started.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
    ops = *std::move(started);
    spdlog::info("event=metrics_serving listen={} port={}", config.metrics_listen, ops->port());
  }
  spdlog::info("event=serving address={} db_path={} rule_years={}{}{}", (*server)->address(),
               config.store.path, rules->Years().size(), (*served)->log_detail.empty() ? "" : " ",
               (*served)->log_detail);
  NotifyReady(absl::StrCat("serving on ", (*server)->address()));
  const int sig = WaitForTerminationSignal();
  spdlog::info("event=draining signal={}", sig);
  NotifyStopping();
  if (ops != nullptr) ops->SetNotServing();
  (*served)->BeforeDrain();
  (*server)->Drain();
  server->reset();  // the server goes before what it serves, which goes before the store
  served->reset();
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace lkip
