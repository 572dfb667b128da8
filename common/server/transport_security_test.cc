// Mutual TLS and tokens on a real server on 127.0.0.1:0 (the unit registry over a real store):
// who gets in, what is refused and why, and who the audit trail records.
#include "common/server/transport_security.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "absl/time/clock.h"
#include "common/auth/token.h"
#include "common/files/text_file.h"
#include "common/server/server_runner.h"
#include "common/testing/test_pki.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "lkip/unit/v1/unit.grpc.pb.h"

namespace lkip {
namespace {

using testing::TestChannelCredentials;
using testing::TestToken;
using testing::TestTransport;

unit::v1::PutUnitsRequest OneUnit() {
  unit::v1::PutUnitsRequest req;
  auto* u = req.add_units();
  u->set_code("BNN_RI");
  u->set_name("BNN RI");
  u->set_level(common::v1::UNIT_LEVEL_PUSAT);
  return req;
}

class TransportSecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions o;
    o.path = dir_.Sub("db");
    o.service = "test";
    store_ = std::move(*Store::Open(o));
    units_ = std::make_unique<UnitRegistryService>(store_.get());
    Start(TestTransport("pencegahan"));
  }

  void Start(const TransportConfig& transport) {
    server_.reset();
    ServerConfig config;
    config.drain_timeout = absl::Seconds(1);
    config.transport = transport;
    auto started = RunningServer::Start(config, {units_.get()});
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::move(*started);
  }

  // PutUnits over `credentials` with `authorization` ("" for none) and x-lkip-actor "Inspektorat
  // Utama BNN", which no server believes.
  grpc::Status Put(std::shared_ptr<grpc::ChannelCredentials> credentials, const std::string& authorization) {
    auto stub = unit::v1::UnitRegistry::NewStub(grpc::CreateChannel(server_->address(), credentials));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!authorization.empty()) context.AddMetadata(kAuthorizationMetadataKey, authorization);
    context.AddMetadata(kActorMetadataKey, "Inspektorat Utama BNN");
    unit::v1::PutUnitsResponse response;
    return stub->PutUnits(&context, OneUnit(), &response);
  }

  size_t AuditEntries() { return store_->ReadAudit(100)->size(); }

  // Another PKI made by the same script: its CA, certificates and token key are strangers here.
  const std::string& OtherPki() {
    static const std::string dir = [] {
      const std::string d = ::testing::TempDir() + "/lkip-other-pki";
      const std::string command = std::string("rm -rf ") + d + " && bash " + LKIP_SOURCE_DIR +
                                  "/scripts/dev-pki.sh " + d + " 2>/dev/null";
      EXPECT_EQ(std::system(command.c_str()), 0);
      return d;
    }();
    return dir;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<UnitRegistryService> units_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(TransportSecurityTest, TheAuditTrailRecordsTheTokenSubjectNotTheActorHeader) {
  ASSERT_TRUE(Put(TestChannelCredentials(), "Bearer " + TestToken("budi")).ok());
  auto audit = store_->ReadAudit(10);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->back().actor(), "budi");
}

// One connection, several users: each call is recorded as its own token's subject (the
// processor's properties are the call's, not the connection's).
TEST_F(TransportSecurityTest, CallsOnOneConnectionAreEachTheirOwnCaller) {
  auto stub =
      unit::v1::UnitRegistry::NewStub(grpc::CreateChannel(server_->address(), TestChannelCredentials()));
  unit::v1::PutUnitsRequest req = OneUnit();
  for (const std::string subject : {"budi", "ani", "wayan"}) {
    grpc::ClientContext context;
    context.AddMetadata(kAuthorizationMetadataKey, "Bearer " + TestToken(subject));
    req.mutable_units(0)->set_name("BNN RI " + subject);  // a change, so each call writes
    unit::v1::PutUnitsResponse response;
    ASSERT_TRUE(stub->PutUnits(&context, req, &response).ok());
    EXPECT_EQ(store_->ReadAudit(10)->back().actor(), subject);
  }
}

// The role table (common/auth/access.h) applies before the handler: PutUnits declares
// ACCESS_WRITE_UNITS, which is admin's; ListUnits reads, which every role may.
TEST_F(TransportSecurityTest, ARoleThatMayNotCallAMethodIsRefusedBeforeItsHandler) {
  Principal wayan{"wayan", Role::kOperator, "BNNP_NTB", {"BNNK_BIMA"}, ""};
  grpc::Status s = Put(TestChannelCredentials(), "Bearer " + TestToken(wayan));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("role operator (wayan) may not call /lkip.unit.v1.UnitRegistry/PutUnits"),
            std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("is for admin"), std::string::npos) << s.error_message();
  Principal hq{"pusdatin", Role::kHq, "", {}, ""};
  EXPECT_EQ(Put(TestChannelCredentials(), "Bearer " + TestToken(hq)).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(AuditEntries(), 0u);
  auto stub =
      unit::v1::UnitRegistry::NewStub(grpc::CreateChannel(server_->address(), TestChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata(kAuthorizationMetadataKey, "Bearer " + TestToken(hq));
  unit::v1::ListUnitsResponse units;
  EXPECT_TRUE(stub->ListUnits(&context, unit::v1::ListUnitsRequest(), &units).ok());
}

TEST_F(TransportSecurityTest, AClientWithoutACertificateIsRefused) {
  grpc::SslCredentialsOptions only_ca;
  only_ca.pem_root_certs = TestTransport().ca_pem;
  const grpc::Status s = Put(grpc::SslCredentials(only_ca), "Bearer " + TestToken("budi"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_EQ(AuditEntries(), 0u);
}

TEST_F(TransportSecurityTest, AClientCertificateOfAnotherCaIsRefused) {
  const std::string& other = OtherPki();
  auto config = TransportConfig::FromFiles(testing::TestPkiDir() + "/ca.crt", other + "/client.crt",
                                           other + "/client.key", "");
  ASSERT_TRUE(config.ok()) << config.status();
  const grpc::Status s = Put(MakeChannelCredentials(*config), "Bearer " + TestToken("budi"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_EQ(AuditEntries(), 0u);
}

TEST_F(TransportSecurityTest, APlaintextClientIsRefused) {
  const grpc::Status s = Put(grpc::InsecureChannelCredentials(), "Bearer " + TestToken("budi"));
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_EQ(AuditEntries(), 0u);
}

TEST_F(TransportSecurityTest, ACallWithoutATokenIsRefusedUnlessFromAService) {
  grpc::Status s = Put(TestChannelCredentials("client"), "");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("no token"), std::string::npos) << s.error_message();
  EXPECT_EQ(AuditEntries(), 0u);
  // The aggregator's certificate names a service of the suite: it may call as itself.
  s = Put(TestChannelCredentials("aggregator"), "");
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(store_->ReadAudit(10)->back().actor(), "service:aggregator");
}

TEST_F(TransportSecurityTest, ATokenSignedWithAnotherKeyIsRefused) {
  auto key = ReadText(OtherPki() + "/token.key");
  ASSERT_TRUE(key.ok());
  Principal admin{"mallory", Role::kAdmin, "BNNP_NTB", {}, ""};
  auto token = SignToken(*key, {admin, absl::Now(), absl::Now() + absl::Hours(1)});
  ASSERT_TRUE(token.ok()) << token.status();
  const grpc::Status s = Put(TestChannelCredentials(), "Bearer " + *token);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("does not verify"), std::string::npos) << s.error_message();
  EXPECT_EQ(AuditEntries(), 0u);
}

TEST_F(TransportSecurityTest, AnExpiredTokenIsRefused) {
  auto key = ReadText(testing::TestPkiDir() + "/token.key");
  Principal admin{"budi", Role::kAdmin, "BNNP_NTB", {}, ""};
  auto token = SignToken(*key, {admin, absl::Now() - absl::Hours(2), absl::Now() - absl::Hours(1)});
  ASSERT_TRUE(token.ok()) << token.status();
  const grpc::Status s = Put(TestChannelCredentials(), "Bearer " + *token);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(s.error_message().find("expired"), std::string::npos) << s.error_message();
  EXPECT_EQ(AuditEntries(), 0u);
}

TEST_F(TransportSecurityTest, TwoTokensOrAMalformedHeaderAreRefused) {
  auto stub =
      unit::v1::UnitRegistry::NewStub(grpc::CreateChannel(server_->address(), TestChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata(kAuthorizationMetadataKey, "Bearer " + TestToken("budi"));
  context.AddMetadata(kAuthorizationMetadataKey, "Bearer " + TestToken("ani"));
  unit::v1::PutUnitsResponse response;
  EXPECT_EQ(stub->PutUnits(&context, OneUnit(), &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Put(TestChannelCredentials(), TestToken("budi")).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Put(TestChannelCredentials(), "Bearer not.a.token").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(AuditEntries(), 0u);
}

TEST_F(TransportSecurityTest, AnInsecureDevServerRecordsTheActorAsUnverified) {
  TransportConfig plaintext;
  plaintext.insecure_dev = true;
  Start(plaintext);
  ASSERT_TRUE(Put(grpc::InsecureChannelCredentials(), "").ok());
  EXPECT_EQ(store_->ReadAudit(10)->back().actor(), "unverified:Inspektorat Utama BNN");
}

TEST_F(TransportSecurityTest, AServerWithoutCertificatesDoesNotStart) {
  ServerConfig config;
  auto started = RunningServer::Start(config, {units_.get()});
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.status().message().find("--insecure_dev"), std::string::npos) << started.status();
}

}  // namespace
}  // namespace lkip
