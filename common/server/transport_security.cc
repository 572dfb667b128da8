#include "common/server/transport_security.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/auth/access.h"
#include "common/files/text_file.h"
#include "common/registry/bidang_registry.h"

namespace lkip {
namespace {

constexpr std::string_view kBearer = "Bearer ";

// A service of the suite, known by its certificate's common name.
bool IsServiceName(std::string_view name) {
  return name == "aggregator" || FindBidangService(name) != nullptr;
}

// The verifier of this process's servers: one token key per process (MakeServerCredentials).
absl::Mutex verifier_mu;
std::shared_ptr<const TokenVerifier>& ProcessVerifier() ABSL_EXCLUSIVE_LOCKS_REQUIRED(verifier_mu) {
  static auto* verifier = new std::shared_ptr<const TokenVerifier>();
  return *verifier;
}

std::shared_ptr<const TokenVerifier> CurrentVerifier() {
  absl::MutexLock lock(&verifier_mu);
  return ProcessVerifier();
}

// Runs for every call on a TLS server, after the handshake has checked the client's
// certificate and before the handler: refuses with UNAUTHENTICATED a call that Authenticate
// cannot name. It sets nothing for the handler: gRPC 1.51 hands the processor the connection's
// auth context, shared by every call on it, so the handler names its caller again from the
// call's own metadata (a cache lookup; PrincipalOf).
//
// It also refuses with PERMISSION_DENIED a caller whose role may not call the method at all
// (common/auth/access.h): the one place every RPC passes, so none can forget the check.
class TokenProcessor : public grpc::AuthMetadataProcessor {
 public:
  explicit TokenProcessor(std::string service) : service_(std::move(service)) {}

  bool IsBlocking() const override { return false; }  // a cache lookup after a token's first call

  grpc::Status Process(const InputMetadata& metadata, grpc::AuthContext* context,
                       OutputMetadata* /*consumed*/, OutputMetadata* /*response*/) override {
    auto principal = Authenticate(*context, metadata);
    if (!principal.ok()) {
      spdlog::warn("event=unauthenticated reason=\"{}\"", std::string(principal.status().message()));
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, std::string(principal.status().message()));
    }
    auto path = metadata.find(":path");
    const std::string_view method = path == metadata.end()
                                        ? std::string_view()
                                        : std::string_view(path->second.data(), path->second.size());
    if (absl::Status allowed = CheckAccess(*principal, AccessOfMethod(method), method, service_);
        !allowed.ok()) {
      spdlog::warn("event=permission_denied subject=\"{}\" reason=\"{}\"", principal->subject,
                   std::string(allowed.message()));
      return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, std::string(allowed.message()));
    }
    return grpc::Status::OK;
  }

 private:
  const std::string service_;
};

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag, const char* marker) {
  if (path.empty())
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " is required (or --insecure_dev)"));
  auto text = ReadText(path);
  if (!text.ok())
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " ", path, ": ", text.status().message()));
  if (text->find(marker) == std::string::npos)
    return absl::InvalidArgumentError(absl::StrCat("--", flag, " ", path, ": holds no ", marker));
  return *text;
}

}  // namespace

absl::StatusOr<TransportConfig> TransportConfig::FromFiles(const std::string& ca, const std::string& cert,
                                                           const std::string& key,
                                                           const std::string& token_public_key) {
  TransportConfig config;
  auto ca_pem = ReadPem(ca, "tls_ca", "-----BEGIN CERTIFICATE-----");
  if (!ca_pem.ok()) return ca_pem.status();
  auto cert_pem = ReadPem(cert, "tls_cert", "-----BEGIN CERTIFICATE-----");
  if (!cert_pem.ok()) return cert_pem.status();
  auto key_pem = ReadPem(key, "tls_key", "PRIVATE KEY-----");
  if (!key_pem.ok()) return key_pem.status();
  config.ca_pem = std::move(*ca_pem);
  config.cert_pem = std::move(*cert_pem);
  config.key_pem = std::move(*key_pem);
  if (!token_public_key.empty()) {
    auto pub = ReadPem(token_public_key, "token_public_key", "-----BEGIN PUBLIC KEY-----");
    if (!pub.ok()) return pub.status();
    config.token_public_key_pem = std::move(*pub);
  }
  return config;
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const TransportConfig& config) {
  if (config.insecure_dev) return grpc::InsecureServerCredentials();
  if (config.ca_pem.empty() || config.cert_pem.empty() || config.key_pem.empty())
    return absl::InvalidArgumentError("TLS needs --tls_ca, --tls_cert and --tls_key (or --insecure_dev)");
  {
    absl::MutexLock lock(&verifier_mu);
    auto& current = ProcessVerifier();
    if (current == nullptr || current->public_key_pem() != config.token_public_key_pem) {
      if (current != nullptr)
        return absl::FailedPreconditionError(
            "--token_public_key: another server of this process verifies tokens with another key");
      auto verifier = TokenVerifier::Create(config.token_public_key_pem);
      if (!verifier.ok())
        return absl::InvalidArgumentError(absl::StrCat("--token_public_key: ", verifier.status().message()));
      current = std::move(*verifier);
    }
  }
  grpc::SslServerCredentialsOptions options(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = config.ca_pem;
  options.pem_key_cert_pairs.push_back({config.key_pem, config.cert_pem});
  auto credentials = grpc::SslServerCredentials(options);
  credentials->SetAuthMetadataProcessor(std::make_shared<TokenProcessor>(config.service));
  return credentials;
}

std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(const TransportConfig& config,
                                                                 const std::string& token) {
  if (config.insecure_dev) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = config.ca_pem;
  options.pem_cert_chain = config.cert_pem;
  options.pem_private_key = config.key_pem;
  auto tls = grpc::SslCredentials(options);
  if (token.empty()) return tls;
  return grpc::CompositeChannelCredentials(tls, grpc::AccessTokenCredentials(token));
}

bool IsTls(const grpc::AuthContext& connection) {
  for (const auto& t : connection.FindPropertyValues("transport_security_type")) {
    if (std::string_view(t.data(), t.size()) == "ssl") return true;
  }
  return false;
}

absl::StatusOr<Principal> Authenticate(const grpc::AuthContext& connection, const CallMetadata& metadata) {
  auto [first, last] = metadata.equal_range(kAuthorizationMetadataKey);
  if (first == last) {
    for (const auto& cn : connection.FindPropertyValues("x509_common_name")) {
      const std::string name(cn.data(), cn.size());
      if (!IsServiceName(name)) continue;
      Principal service;
      service.subject = "service:" + name;
      service.role = Role::kService;
      return service;
    }
    return absl::UnauthenticatedError(
        "no token: every call needs \"authorization: Bearer <token>\" (lkipctl --token, lkipctl token "
        "issue)");
  }
  if (std::next(first) != last)
    return absl::UnauthenticatedError("token: the call carries more than one authorization header");
  const std::string_view value(first->second.data(), first->second.size());
  if (value.substr(0, kBearer.size()) != kBearer)
    return absl::UnauthenticatedError("token: the authorization header is not \"Bearer <token>\"");
  const auto verifier = CurrentVerifier();
  if (verifier == nullptr) return absl::UnauthenticatedError("token: this process verifies no tokens");
  return verifier->Verify(value.substr(kBearer.size()), absl::Now());
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> UserChannelCredentials(const std::string& pki_dir,
                                                                                 const std::string& token) {
  if (pki_dir.empty())
    return absl::InvalidArgumentError(
        "no PKI folder (--pki, LKIP_PKI_DIR): the folder of ca.crt, client.crt and client.key "
        "(scripts/dev-pki.sh)");
  if (token.empty())
    return absl::InvalidArgumentError(
        "no token (--token, LKIP_TOKEN): ask the admin for one (lkipctl token issue)");
  auto files =
      TransportConfig::FromFiles(pki_dir + "/ca.crt", pki_dir + "/client.crt", pki_dir + "/client.key", "");
  if (!files.ok())
    return absl::InvalidArgumentError(absl::StrCat("PKI folder ", pki_dir, ": ", files.status().message()));
  return MakeChannelCredentials(*files, token);
}

}  // namespace lkip
