// The operations port of a service (--metrics_listen): plain HTTP, no token, for the machine's
// monitoring and for orchestrators' probes; it serves no data of the province.
//   GET /metrics   the Prometheus metrics (MetricsRegistry::Exposition)
//   GET /healthz   200 "SERVING" while the gRPC server serves, 503 "NOT_SERVING" once it drains
// Bind it to loopback or to the monitoring network only (docs/operations.md, "Metrics and alerts").
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/server/metrics.h"

namespace httplib {
class Server;
}

namespace lkip {

class OpsHttpServer {
 public:
  // Listens on `listen` (host:port, port 0 picks one); `labels` are added to every sample
  // (e.g. service="pencegahan").
  static absl::StatusOr<std::unique_ptr<OpsHttpServer>> Start(const std::string& listen, std::string labels,
                                                              MetricsRegistry* registry);
  ~OpsHttpServer();

  int port() const { return port_; }
  // /healthz answers 503 from now on (the gRPC server is draining).
  void SetNotServing() { serving_.store(false); }

 private:
  OpsHttpServer() = default;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> serving_{true};
};

}  // namespace lkip
