// User tokens: JSON Web Tokens signed with ES256 (ECDSA P-256, SHA-256) by the admin's key and
// verified by every service with the public half. libjwt (Debian's libjwt-dev) encodes, signs and
// verifies them; a JWT is what the REST gateway's clients and other government systems can check
// with any JWT library (docs/security.md, "Tokens", says why not a token format of our own).
//
//   claims: iss "lkip", sub, role, prov (BNNP code; absent for hq), satker (operator),
//           bidang (bidang), iat, exp
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/auth/role.h"

namespace lkip {

// The longest a token may be valid; a longer one is refused when issued and when verified.
inline constexpr absl::Duration kMaxTokenLifetime = absl::Hours(24 * 31);
// Clocks of the issuer and the service may differ by this much.
inline constexpr absl::Duration kTokenClockSkew = absl::Minutes(5);

struct TokenClaims {
  Principal principal;  // role is never kService
  absl::Time issued_at;
  absl::Time expires_at;
};

// Checks the claims (INVALID_ARGUMENT naming the claim): a subject of 1..128 printable
// characters, a BNNP code for every role but hq, satker for an operator, a bidang service for
// bidang, a lifetime of at most kMaxTokenLifetime.
absl::Status CheckTokenClaims(const TokenClaims& claims);

// Signs `claims` with an EC P-256 private key in PEM.
absl::StatusOr<std::string> SignToken(std::string_view private_key_pem, const TokenClaims& claims);

// Verifies tokens with one public key. Thread-safe. A verified token is remembered until it
// expires (at most kCacheSize of them), so a client that sends the same token on every call
// pays for one signature check.
class TokenVerifier {
 public:
  // INVALID_ARGUMENT when `public_key_pem` is not an EC P-256 public key.
  static absl::StatusOr<std::unique_ptr<TokenVerifier>> Create(std::string public_key_pem);

  // UNAUTHENTICATED saying why: not a JWT, not ES256, another key's signature, expired, issued
  // in the future, claims that CheckTokenClaims refuses.
  absl::StatusOr<Principal> Verify(std::string_view token, absl::Time now) const;

  static constexpr size_t kCacheSize = 4096;
  const std::string& public_key_pem() const { return public_key_pem_; }

 private:
  explicit TokenVerifier(std::string public_key_pem) : public_key_pem_(std::move(public_key_pem)) {}
  absl::StatusOr<TokenClaims> VerifySignature(const std::string& token) const;

  const std::string public_key_pem_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, TokenClaims> verified_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lkip
