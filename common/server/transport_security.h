// How lkip processes talk: mutual TLS with the suite's CA, and a user token on each call
// (docs/security.md). Servers require a client certificate signed by the CA and then a token
// (common/auth/token.h), or, for calls between services, a service certificate; the handler
// reads who is calling with PrincipalOf (call_context.h). Plaintext only with --insecure_dev.
#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/token.h"
#include "common/server/metadata_keys.h"

namespace lkip {

struct TransportConfig {
  // Plaintext, no certificates, no tokens: the caller's x-lkip-actor is recorded as
  // "unverified:<actor>". For development on one machine only; every start logs a warning.
  bool insecure_dev = false;
  std::string ca_pem;    // the CA that signed every certificate of the suite
  std::string cert_pem;  // this process's certificate (a service's serves and calls with it)
  std::string key_pem;
  std::string token_public_key_pem;  // servers: verifies user tokens
  std::string service = "test";      // servers: this process's service; a bidang role writes only its own

  // Reads the PEM files; INVALID_ARGUMENT naming the flag of a file that is missing or not PEM.
  // Servers need all four, clients the first three (token_public_key empty).
  static absl::StatusOr<TransportConfig> FromFiles(const std::string& ca, const std::string& cert,
                                                   const std::string& key,
                                                   const std::string& token_public_key);
};

// A server's credentials: mutual TLS requiring a client certificate of the CA, with the token
// processor that refuses a call Authenticate cannot name. The process keeps one token verifier:
// FAILED_PRECONDITION when another server of it was given another --token_public_key.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const TransportConfig& config);

using CallMetadata = std::multimap<grpc::string_ref, grpc::string_ref>;

// Whether the call came over TLS (so Authenticate applies) rather than an --insecure_dev port.
bool IsTls(const grpc::AuthContext& connection);

// Who is calling on a TLS connection: the user of the call's one "authorization: Bearer <token>",
// verified with the process's token key, or without a token the service whose certificate the
// connection presented. UNAUTHENTICATED saying why not.
absl::StatusOr<Principal> Authenticate(const grpc::AuthContext& connection, const CallMetadata& metadata);

// A client's credentials: mutual TLS with this process's certificate, and `token` (may be
// empty: a service calling as itself) sent as "authorization: Bearer <token>" on every call.
std::shared_ptr<grpc::ChannelCredentials> MakeChannelCredentials(const TransportConfig& config,
                                                                 const std::string& token = "");

// A user's client credentials: <pki_dir>/ca.crt, client.crt and client.key, and `token`.
// INVALID_ARGUMENT naming what is missing.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> UserChannelCredentials(const std::string& pki_dir,
                                                                                 const std::string& token);

}  // namespace lkip
