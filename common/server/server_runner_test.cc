#include "common/server/server_runner.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/testing/test_pki.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/unit/v1/unit.grpc.pb.h"

namespace lkip {
namespace {

grpc::health::v1::HealthCheckResponse::ServingStatus Check(const std::string& address,
                                                           const std::string& name, grpc::Status* status) {
  auto stub =
      grpc::health::v1::Health::NewStub(grpc::CreateChannel(address, testing::TestChannelCredentials()));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(name);
  grpc::health::v1::HealthCheckResponse resp;
  *status = stub->Check(testing::Context().get(), req, &resp);
  return resp.status();
}

TEST(ServerRunnerTest, PortZeroPortFileHealthAndDrain) {
  testing::TempDir dir;
  StoreOptions o;
  o.path = dir.Sub("db");
  o.service = "test";
  auto store = Store::Open(o);
  UnitRegistryService units(store->get());
  ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.port_file = dir.Sub("port");
  config.health_names = {unit::v1::UnitRegistry::service_full_name()};
  config.drain_timeout = absl::Seconds(1);
  config.transport = testing::TestTransport();
  auto server = RunningServer::Start(config, {&units});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_GT((*server)->port(), 0);
  std::ifstream in(dir.Sub("port"));
  int written = 0;
  in >> written;
  EXPECT_EQ(written, (*server)->port());

  grpc::Status s;
  EXPECT_EQ(Check((*server)->address(), "lkip.unit.v1.UnitRegistry", &s),
            grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_TRUE(s.ok());
  Check((*server)->address(), "lkip.nothing.v1.Nothing", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  const std::string address = (*server)->address();
  (*server)->Drain();
  Check(address, "", &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST(ServerRunnerTest, AnUnusableAddressFailsToStart) {
  ServerConfig config;
  config.listen = "256.0.0.1:1";
  config.transport = testing::TestTransport();
  EXPECT_FALSE(RunningServer::Start(config, {}).ok());
}

}  // namespace
}  // namespace lkip
