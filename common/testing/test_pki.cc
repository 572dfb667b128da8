#include "common/testing/test_pki.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/auth/token.h"
#include "common/files/text_file.h"

namespace lkip::testing {
namespace {

[[noreturn]] void Abort(const std::string& what) {
  std::fprintf(stderr, "test PKI: %s (is %s built? ninja lkip_test_pki)\n", what.c_str(),
               TestPkiDir().c_str());
  std::abort();
}

}  // namespace

std::string TestPkiDir() { return LKIP_TEST_PKI_DIR; }

const TransportConfig& TestTransport(const std::string& identity) {
  static absl::Mutex mu;
  static auto* loaded = new std::map<std::string, TransportConfig>();
  absl::MutexLock lock(&mu);
  auto it = loaded->find(identity);
  if (it != loaded->end()) return it->second;
  const std::string dir = TestPkiDir();
  auto config = TransportConfig::FromFiles(dir + "/ca.crt", dir + "/" + identity + ".crt",
                                           dir + "/" + identity + ".key", dir + "/token.pub");
  if (!config.ok()) Abort(std::string(config.status().message()));
  return loaded->emplace(identity, std::move(*config)).first->second;
}

std::shared_ptr<grpc::ChannelCredentials> TestChannelCredentials(const std::string& identity) {
  return MakeChannelCredentials(TestTransport(identity));
}

std::string TestToken(const Principal& principal) {
  static const std::string* key = [] {
    auto text = ReadText(TestPkiDir() + "/token.key");
    if (!text.ok()) Abort(std::string(text.status().message()));
    return new std::string(*text);
  }();
  TokenClaims claims{principal, absl::Now() - absl::Seconds(1), absl::Now() + absl::Hours(1)};
  auto token = SignToken(*key, claims);
  if (!token.ok()) Abort(std::string(token.status().message()));
  return *token;
}

std::string TestToken(const std::string& subject) {
  Principal admin;
  admin.subject = subject;
  admin.role = Role::kAdmin;
  admin.province = "BNNP_NTB";
  return TestToken(admin);
}

}  // namespace lkip::testing
