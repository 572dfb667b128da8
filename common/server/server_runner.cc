#include "common/server/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/server/metrics_interceptor.h"

namespace lkip {

absl::StatusOr<std::unique_ptr<RunningServer>> RunningServer::Start(
    const ServerConfig& config, const std::vector<grpc::Service*>& services) {
  grpc::EnableDefaultHealthCheckService(true);
  if (config.reflection) grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::unique_ptr<RunningServer> running(new RunningServer());
  running->config_ = config;
  grpc::ServerBuilder builder;
  auto credentials = MakeServerCredentials(config.transport);
  if (!credentials.ok()) return credentials.status();
  if (config.transport.insecure_dev) {
    spdlog::warn(
        "event=insecure_dev listen={} reason=\"plaintext without tokens: every caller may write as "
        "anyone; for development on one machine only\"",
        config.listen);
  }
  builder.AddListeningPort(config.listen, *credentials, &running->port_);
  // Bundles of a whole province can be large; 64 MiB keeps one import in one request.
  builder.SetMaxReceiveMessageSize(64 << 20);
  for (grpc::Service* s : services) builder.RegisterService(s);
  if (config.metrics != nullptr) {
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
    interceptors.push_back(MetricsInterceptorFactory(config.metrics));
    builder.experimental().SetInterceptorCreators(std::move(interceptors));
  }
  running->server_ = builder.BuildAndStart();
  if (running->server_ == nullptr || running->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }
  auto* health = running->server_->GetHealthCheckService();
  health->SetServingStatus(true);
  for (const auto& name : config.health_names) health->SetServingStatus(name, true);
  if (!config.port_file.empty()) {
    if (absl::Status s = WriteFileAtomically(config.port_file, std::to_string(running->port_) + "\n");
        !s.ok()) {
      running->Drain();
      return s;
    }
  }
  return running;
}

RunningServer::~RunningServer() { Drain(); }

std::string RunningServer::address() const {
  const auto colon = config_.listen.rfind(':');
  std::string host = config_.listen.substr(0, colon);
  if (host.empty() || host == "0.0.0.0" || host == "[::]") host = "127.0.0.1";
  return absl::StrCat(host, ":", port_);
}

void RunningServer::Drain() {
  if (drained_ || server_ == nullptr) return;
  drained_ = true;
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoSeconds(config_.drain_timeout));
  server_->Wait();
}

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

absl::Status WriteFileAtomically(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    return absl::UnavailableError(absl::StrCat("cannot rename ", tmp, " to ", path, ": ", ec.message()));
  return absl::OkStatus();
}

}  // namespace lkip
