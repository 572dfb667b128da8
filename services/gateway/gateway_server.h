// The gateway's HTTP(S) server (cpp-httplib, Debian's libcpp-httplib-dev, with OpenSSL): every
// route of the route table, /openapi.json and /schemas/ (the published contracts), /healthz, and
// the files of the web dashboard. Each
// request is one blocking call to its upstream on one of httplib's worker threads.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/server/metrics.h"
#include "services/gateway/http_route.h"
#include "services/gateway/upstream.h"

namespace httplib {
class Server;
}

namespace lkip::gateway {

struct GatewayConfig {
  std::string host = "127.0.0.1";
  int port = 0;               // 0: a port the kernel picks (tests)
  bool insecure_dev = false;  // plain HTTP (a developer's machine only)
  std::string cert_file;      // HTTPS: the gateway's certificate and key (PEM)
  std::string key_file;
  // The published contracts (build/contracts): openapi.json served at /openapi.json, schemas/ at
  // /schemas/; empty: neither.
  std::string contracts_dir;
  std::string static_dir;  // the web dashboard, served at /; empty: none
  size_t max_body_bytes = 64 << 20;
  // Counts every request it answers by route (lkip_http_requests_total); null: none.
  MetricsRegistry* metrics = nullptr;
};

class GatewayServer {
 public:
  // Binds and starts serving on its own thread. `routes` and `upstreams` must outlive it.
  // INVALID_ARGUMENT naming the file when the certificate, key or openapi.json cannot be read;
  // UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<GatewayServer>> Start(const GatewayConfig& config,
                                                              const RouteTable* routes,
                                                              const Upstreams* upstreams);
  ~GatewayServer();

  int port() const { return port_; }
  // Stops accepting, finishes the requests under way, joins the thread.
  void Stop();

 private:
  GatewayServer() = default;

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::string openapi_;
};

}  // namespace lkip::gateway
