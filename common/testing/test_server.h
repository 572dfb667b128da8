// Test helpers: a fresh temporary directory per test, and a real gRPC server on 127.0.0.1:0
// hosting the services under test, with channels to it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/auth/role.h"
#include "common/server/server_runner.h"

namespace lkip::testing {

// A directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Starts `services` on a loopback port chosen by the kernel.
class TestServer {
 public:
  // `service`: the serving process's name, which a bidang role's token must name to write.
  // `insecure`: plaintext, as --insecure_dev (benchmarks' baselines); its channels too.
  explicit TestServer(const std::vector<grpc::Service*>& services, const std::string& service = "test",
                      bool insecure = false);
  ~TestServer();
  // Mutual TLS with the test client certificate; each call brings its token (Context()).
  std::shared_ptr<grpc::Channel> Channel() const;
  // The same with the token of an admin named `subject` on every call (for plain ClientContexts).
  std::shared_ptr<grpc::Channel> UserChannel(const std::string& subject = "bench") const;
  std::string address() const { return running_->address(); }
  void Stop();

 private:
  std::unique_ptr<RunningServer> running_;
  bool insecure_ = false;
};

// A client context with a deadline and the token of an admin of BNNP_NTB named `actor`
// (test_pki.h): the services record `actor` as who wrote.
std::unique_ptr<grpc::ClientContext> Context(const std::string& actor = "test");
// A client context with a deadline and a token of `caller`.
std::unique_ptr<grpc::ClientContext> Context(const Principal& caller);

}  // namespace lkip::testing
