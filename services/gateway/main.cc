// The REST/JSON gateway: serves the aggregator's APIs (and headquarters' national service) as
// REST over HTTPS, the routes read from the schema's http annotations, with the OpenAPI document
// at /openapi.json and the web dashboard at /. It holds no data and no key: every call carries
// the caller's own token to the service, which checks and records it (docs/integration.md).
#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/log/log.h"
#include "common/server/ops_http.h"
#include "common/server/program_flags.h"
#include "common/server/server_runner.h"
#include "common/server/systemd_notify.h"
#include "common/server/transport_security.h"
#include "services/gateway/gateway_server.h"
#include "services/gateway/served_apis.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:8443", "host:port the gateway serves HTTPS on");
ABSL_FLAG(std::string, aggregator_addr, "", "host:port of the provincial aggregator");
ABSL_FLAG(std::string, nasional_addr, "",
          "host:port of the national service (headquarters); none: its routes answer 503");
ABSL_FLAG(std::string, tls_ca, "", "the suite's CA (PEM): verifies the services");
ABSL_FLAG(std::string, tls_cert, "", "the gateway's certificate (PEM): serves HTTPS and calls the services");
ABSL_FLAG(std::string, tls_key, "", "its private key (PEM)");
ABSL_FLAG(bool, insecure_dev, false,
          "plain HTTP and plaintext gRPC, no certificates: a developer's machine only");
ABSL_FLAG(std::string, contracts_dir, LKIP_DEFAULT_CONTRACTS_DIR,
          "the published contracts: openapi.json (served at /openapi.json) and schemas/ (at /schemas/)");
ABSL_FLAG(std::string, static_dir, LKIP_DEFAULT_STATIC_DIR,
          "the web dashboard's files (index.html, *.js, style.css), served at /; empty: none");
ABSL_FLAG(int, upstream_deadline_ms, 120000, "deadline of each call to a service (a PDF takes seconds)");
ABSL_FLAG(int, max_body_mb, 64, "the largest request body accepted (a bundle)");
ABSL_FLAG(std::string, port_file, "",
          "a file the gateway writes its port to once it serves (for --listen=host:0)");
ABSL_FLAG(std::string, log_level, "info", "trace, debug, info, warn, error");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port of the operations port (plain HTTP): /metrics (Prometheus: the HTTP requests by route) "
          "and /healthz; empty: none. Bind it to loopback or the monitoring network");

namespace lkip::gateway {
namespace {

int Run() {
  InitLogging("gateway", absl::GetFlag(FLAGS_log_level));
  GatewayConfig config;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &config.port)) {
    spdlog::critical("event=start_failed reason=\"--listen: {} is not host:port\"", listen);
    return 2;
  }
  config.host = listen.substr(0, colon);
  config.insecure_dev = absl::GetFlag(FLAGS_insecure_dev);
  config.cert_file = absl::GetFlag(FLAGS_tls_cert);
  config.key_file = absl::GetFlag(FLAGS_tls_key);
  config.contracts_dir = absl::GetFlag(FLAGS_contracts_dir);
  config.static_dir = absl::GetFlag(FLAGS_static_dir);
  config.max_body_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_body_mb)) << 20;
  std::unique_ptr<OpsHttpServer> ops;
  if (const std::string metrics_listen = absl::GetFlag(FLAGS_metrics_listen); !metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<OpsHttpServer>> started =
        OpsHttpServer::Start(metrics_listen, "service=\"gateway\"", &MetricsRegistry::Default());
    if (!started.ok()) {
      spdlog::critical("event=start_failed reason=\"--metrics_listen: {}\"",
                       std::string(started.status().message()));
      return 1;
    }
    ops = *std::move(started);
    config.metrics = &MetricsRegistry::Default();
  }

  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (config.insecure_dev) {
    spdlog::warn(
        "event=insecure_dev reason=\"plain HTTP and plaintext gRPC: for a developer's machine only\"");
    credentials = grpc::InsecureChannelCredentials();
  } else {
    auto transport =
        TransportConfig::FromFiles(absl::GetFlag(FLAGS_tls_ca), config.cert_file, config.key_file, "");
    if (!transport.ok()) {
      spdlog::critical("event=start_failed reason=\"{}\"", std::string(transport.status().message()));
      return 2;
    }
    credentials = MakeChannelCredentials(*transport);
  }
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  for (const auto& [name, address] : {std::pair{"aggregator", absl::GetFlag(FLAGS_aggregator_addr)},
                                      std::pair{"nasional", absl::GetFlag(FLAGS_nasional_addr)}}) {
    if (!address.empty()) channels[name] = grpc::CreateChannel(address, credentials);
  }
  if (channels.empty()) {
    spdlog::critical("event=start_failed reason=\"--aggregator_addr or --nasional_addr is required\"");
    return 2;
  }
  absl::StatusOr<RouteTable> routes = RouteTable::Build(ServedApis());
  if (!routes.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(routes.status().message()));
    return 1;
  }
  Upstreams upstreams(std::move(channels), absl::Milliseconds(absl::GetFlag(FLAGS_upstream_deadline_ms)));
  auto server = GatewayServer::Start(config, &*routes, &upstreams);
  if (!server.ok()) {
    spdlog::critical("event=start_failed reason=\"{}\"", std::string(server.status().message()));
    return server.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  spdlog::info("event=serving listen={}:{} scheme={} routes={} contracts_dir={} static_dir={}", config.host,
               (*server)->port(), config.insecure_dev ? "http" : "https", routes->routes().size(),
               config.contracts_dir, config.static_dir);
  if (const std::string port_file = absl::GetFlag(FLAGS_port_file); !port_file.empty()) {
    if (absl::Status written = WriteText(port_file, absl::StrCat((*server)->port(), "\n")); !written.ok()) {
      spdlog::critical("event=start_failed reason=\"--port_file: {}\"", std::string(written.message()));
      return 1;
    }
  }
  NotifyReady(absl::StrCat("serving ", config.insecure_dev ? "http" : "https", " on ", config.host, ":",
                           (*server)->port()));
  const int sig = WaitForTerminationSignal();
  spdlog::info("event=draining signal={}", sig);
  NotifyStopping();
  if (ops != nullptr) ops->SetNotServing();
  (*server)->Stop();
  spdlog::info("event=stopped");
  return 0;
}

}  // namespace
}  // namespace lkip::gateway

int main(int argc, char** argv) {
  lkip::BlockTerminationSignals();
  lkip::ParseProgramFlags(argc, argv, "gateway",
                          "lkip's REST/JSON gateway and web dashboard (docs/integration.md)");
  return lkip::gateway::Run();
}
