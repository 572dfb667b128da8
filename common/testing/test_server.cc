#include "common/testing/test_server.h"

#include <stdlib.h>

#include <chrono>
#include <stdexcept>

#include "common/storage/store.h"
#include "common/testing/test_pki.h"

namespace lkip::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lkip-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestServer::TestServer(const std::vector<grpc::Service*>& services, const std::string& service, bool insecure)
    : insecure_(insecure) {
  ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.reflection = false;
  config.drain_timeout = absl::Seconds(1);
  config.transport = TestTransport("aggregator");
  config.transport.service = service;
  config.transport.insecure_dev = insecure;
  auto started = RunningServer::Start(config, services);
  if (!started.ok()) throw std::runtime_error(std::string(started.status().message()));
  running_ = std::move(*started);
}

TestServer::~TestServer() { Stop(); }

void TestServer::Stop() {
  if (running_) running_->Drain();
}

std::shared_ptr<grpc::Channel> TestServer::Channel() const {
  if (insecure_) return grpc::CreateChannel(running_->address(), grpc::InsecureChannelCredentials());
  return grpc::CreateChannel(running_->address(), TestChannelCredentials("client"));
}

std::shared_ptr<grpc::Channel> TestServer::UserChannel(const std::string& subject) const {
  if (insecure_) return Channel();
  return grpc::CreateChannel(running_->address(),
                             MakeChannelCredentials(TestTransport("client"), TestToken(subject)));
}

std::unique_ptr<grpc::ClientContext> Context(const Principal& caller) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context->AddMetadata(kAuthorizationMetadataKey, "Bearer " + TestToken(caller));
  return context;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& actor) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context->AddMetadata(kAuthorizationMetadataKey, "Bearer " + TestToken(actor));
  return context;
}

}  // namespace lkip::testing
