#include "services/gateway/gateway_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/files/text_file.h"
#include "common/status/macros.h"
#include "services/gateway/transcode.h"

namespace lkip::gateway {
namespace {

void Send(const HttpReply& reply, httplib::Response& res) {
  res.status = reply.status;
  if (!reply.file_name.empty())
    res.set_header("Content-Disposition", absl::StrCat("attachment; filename=\"", reply.file_name, "\""));
  res.set_content(reply.body, reply.content_type.c_str());
}

// One REST call: match, build the request, call the upstream, answer. *route gets the matched
// route's template, the label of its metrics.
HttpReply Serve(const RouteTable& routes, const Upstreams& upstreams, const httplib::Request& req,
                std::string* route) {
  absl::StatusOr<RouteMatch> match = routes.Match(req.method, req.path);
  if (match.ok()) *route = absl::StrCat(match->route->verb, " ", match->route->template_text);
  if (!match.ok()) {
    return match.status().code() == absl::StatusCode::kUnimplemented ? ErrorReply(match.status(), 405)
                                                                     : ErrorReply(match.status());
  }
  std::multimap<std::string, std::string> query(req.params.begin(), req.params.end());
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> request = BuildRequest(*match, query, req.body);
  if (!request.ok()) return ErrorReply(request.status());
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> response =
      upstreams.Call(*match->route, **request, req.get_header_value("Authorization"));
  if (!response.ok()) return ErrorReply(response.status());
  return ReplyOf(**response);
}

}  // namespace

absl::StatusOr<std::unique_ptr<GatewayServer>> GatewayServer::Start(const GatewayConfig& config,
                                                                    const RouteTable* routes,
                                                                    const Upstreams* upstreams) {
  std::unique_ptr<GatewayServer> gateway(new GatewayServer());
  if (!config.contracts_dir.empty()) {
    absl::StatusOr<std::string> openapi = ReadText(config.contracts_dir + "/openapi.json");
    if (!openapi.ok())
      return absl::InvalidArgumentError(absl::StrCat("contracts_dir: ", openapi.status().message()));
    gateway->openapi_ = *std::move(openapi);
  }
  if (config.insecure_dev) {
    gateway->server_ = std::make_unique<httplib::Server>();
  } else {
    for (const auto& [flag, file] :
         {std::pair{"cert", config.cert_file}, std::pair{"key", config.key_file}}) {
      if (file.empty() || !ReadText(file).ok())
        return absl::InvalidArgumentError(absl::StrCat("https ", flag, ": cannot read \"", file, "\""));
    }
    auto server = std::make_unique<httplib::SSLServer>(config.cert_file.c_str(), config.key_file.c_str());
    if (!server->is_valid())
      return absl::InvalidArgumentError(absl::StrCat("https: ", config.cert_file, " and ", config.key_file,
                                                     " are not a certificate and its key (PEM)"));
    gateway->server_ = std::move(server);
  }
  httplib::Server& server = *gateway->server_;
  server.set_payload_max_length(config.max_body_bytes);
  // Answers go out as soon as they are written (Nagle's delay, against the client's delayed ACK,
  // cost a REST call 13 ms more than its gRPC call), and a client keeps its connection (and its
  // TLS session) for many calls, not httplib's default 5.
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  server.set_keep_alive_timeout(60);
  if (!config.contracts_dir.empty() && !server.set_mount_point("/schemas", config.contracts_dir + "/schemas"))
    return absl::InvalidArgumentError(
        absl::StrCat("contracts_dir: \"", config.contracts_dir, "/schemas\" is not a folder"));
  if (!config.static_dir.empty() && !server.set_mount_point("/", config.static_dir))
    return absl::InvalidArgumentError(
        absl::StrCat("static_dir: \"", config.static_dir, "\" is not a folder"));

  const std::string* openapi = &gateway->openapi_;
  auto handler = [routes, upstreams, openapi, metrics = config.metrics](const httplib::Request& req,
                                                                        httplib::Response& res) {
    const absl::Time start = absl::Now();
    std::string route = "unmatched";  // a path no route has: never its own series
    if (req.method == "GET" && (req.path == "/openapi.json" || req.path == "/healthz"))
      route = "GET " + req.path;
    if (req.method == "GET" && req.path == "/openapi.json" && !openapi->empty()) {
      res.status = 200;
      res.set_content(*openapi, "application/json; charset=utf-8");
    } else if (req.method == "GET" && req.path == "/healthz") {
      res.status = 200;
      res.set_content("{\"status\": \"SERVING\"}", "application/json; charset=utf-8");
    } else {
      Send(Serve(*routes, *upstreams, req, &route), res);
    }
    if (metrics != nullptr) metrics->CountHttpRequest(route, res.status, absl::Now() - start);
    spdlog::info("event=http method={} path={} status={} bytes={} ms={:.1f}", req.method, req.path,
                 res.status, res.body.size(), absl::ToDoubleMilliseconds(absl::Now() - start));
  };
  const std::string any = ".*";
  server.Get(any, handler).Post(any, handler).Put(any, handler).Patch(any, handler).Delete(any, handler);
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    Send(ErrorReply(absl::InternalError("the gateway failed while answering")), res);
  });

  if (config.port == 0) {
    gateway->port_ = server.bind_to_any_port(config.host);
    if (gateway->port_ < 0) return absl::UnavailableError(absl::StrCat("listen: cannot bind ", config.host));
  } else {
    if (!server.bind_to_port(config.host, config.port))
      return absl::UnavailableError(absl::StrCat("listen: cannot bind ", config.host, ":", config.port));
    gateway->port_ = config.port;
  }
  gateway->thread_ = std::thread([&server] { server.listen_after_bind(); });
  // httplib's stop() does nothing to a server whose loop has not started yet, which then blocks in
  // accept() for ever: the server is handed out only once its loop runs.
  for (int i = 0; i < 10000 && !server.is_running(); ++i) absl::SleepFor(absl::Milliseconds(1));
  if (!server.is_running()) return absl::InternalError("the gateway's HTTP server did not start within 10 s");
  return gateway;
}

void GatewayServer::Stop() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

GatewayServer::~GatewayServer() { Stop(); }

}  // namespace lkip::gateway
