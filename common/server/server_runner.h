// Runs a gRPC server the way every lkip binary does: listen address with port 0 allowed (the
// bound port is read back, logged and optionally written to a file), the default health
// service set to SERVING once everything is registered, reflection, and a graceful drain on
// SIGTERM/SIGINT (health NOT_SERVING, then Shutdown with a deadline).
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/server/metrics.h"
#include "common/server/transport_security.h"

namespace lkip {

struct ServerConfig {
  std::string listen = "127.0.0.1:0";
  std::string port_file;  // written once the port is bound; empty: none
  bool reflection = true;
  std::vector<std::string> health_names;  // service names reported SERVING
  absl::Duration drain_timeout = absl::Seconds(5);
  TransportConfig transport;  // mutual TLS and tokens, or --insecure_dev
  // Every call counted here (calls, codes, latency) when set; not owned.
  MetricsRegistry* metrics = nullptr;
};

class RunningServer {
 public:
  // Builds and starts the server with `services` (not owned; they must outlive it).
  static absl::StatusOr<std::unique_ptr<RunningServer>> Start(const ServerConfig& config,
                                                              const std::vector<grpc::Service*>& services);
  ~RunningServer();

  int port() const { return port_; }
  std::string address() const;
  grpc::Server* server() { return server_.get(); }
  // Health NOT_SERVING, then Shutdown(now + drain_timeout), then Wait.
  void Drain();

 private:
  RunningServer() = default;
  ServerConfig config_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  bool drained_ = false;
};

// Blocks SIGTERM and SIGINT in the calling thread (and the threads it starts later); call at
// the top of main, before any thread exists, so WaitForTerminationSignal can sigwait for them.
void BlockTerminationSignals();
// Waits for SIGTERM or SIGINT; returns the signal number.
int WaitForTerminationSignal();

// Writes `content` to `path` atomically (temporary file, then rename).
absl::Status WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace lkip
