#include "common/server/ops_http.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace lkip {

absl::StatusOr<std::unique_ptr<OpsHttpServer>> OpsHttpServer::Start(const std::string& listen,
                                                                    std::string labels,
                                                                    MetricsRegistry* registry) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("--metrics_listen: \"", listen, "\" is not host:port"));
  }
  const std::string host = listen.substr(0, colon);
  std::unique_ptr<OpsHttpServer> ops(new OpsHttpServer());
  ops->server_ = std::make_unique<httplib::Server>();
  OpsHttpServer* self = ops.get();
  ops->server_->Get("/metrics", [registry, labels](const httplib::Request&, httplib::Response& res) {
    res.set_content(registry->Exposition(labels), "text/plain; version=0.0.4; charset=utf-8");
  });
  ops->server_->Get("/healthz", [self](const httplib::Request&, httplib::Response& res) {
    const bool serving = self->serving_.load();
    res.status = serving ? 200 : 503;
    res.set_content(serving ? "SERVING\n" : "NOT_SERVING\n", "text/plain");
  });
  ops->port_ =
      port == 0 ? ops->server_->bind_to_any_port(host) : (ops->server_->bind_to_port(host, port) ? port : -1);
  if (ops->port_ <= 0)
    return absl::UnavailableError(absl::StrCat("--metrics_listen: cannot listen on ", listen));
  ops->thread_ = std::thread([self] { self->server_->listen_after_bind(); });
  // stop() before the loop runs would wait for ever (cpp-httplib 0.11): wait until it runs.
  for (int i = 0; i < 5000 && !ops->server_->is_running(); ++i) absl::SleepFor(absl::Milliseconds(1));
  return ops;
}

OpsHttpServer::~OpsHttpServer() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace lkip
