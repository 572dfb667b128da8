#include "common/auth/token.h"

#include <jwt.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/registry/bidang_registry.h"
#include "common/validation/fields.h"

namespace lkip {
namespace {

constexpr char kIssuer[] = "lkip";

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

std::string Utc(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", t, absl::UTCTimeZone()); }

absl::Status Unauthenticated(std::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("token: ", std::string(why)));
}

// The claims of a decoded token's payload, checked only for their shape (CheckTokenClaims
// checks what they say).
absl::StatusOr<TokenClaims> ClaimsOf(jwt_t* jwt) {
  char* raw = jwt_get_grants_json(jwt, nullptr);
  if (raw == nullptr) return Unauthenticated("no claims");
  const nlohmann::json json = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  free(raw);
  if (!json.is_object()) return Unauthenticated("the claims are not a JSON object");
  auto text = [&](const char* name) -> std::string {
    auto it = json.find(name);
    return it != json.end() && it->is_string() ? it->get<std::string>() : "";
  };
  auto seconds = [&](const char* name) -> std::optional<int64_t> {
    auto it = json.find(name);
    if (it == json.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<int64_t>();
  };
  if (text("iss") != kIssuer) return Unauthenticated(absl::StrCat("iss \"", text("iss"), "\" is not lkip"));
  TokenClaims claims;
  claims.principal.subject = text("sub");
  const std::string role = text("role");
  const auto parsed_role = TokenRoleFromName(role);
  if (!parsed_role)
    return Unauthenticated(absl::StrCat("role \"", role, "\" is not one of ", TokenRoleNames()));
  claims.principal.role = *parsed_role;
  claims.principal.province = text("prov");
  claims.principal.bidang = text("bidang");
  if (auto it = json.find("satker"); it != json.end()) {
    if (!it->is_array()) return Unauthenticated("satker is not a list");
    for (const auto& s : *it) {
      if (!s.is_string()) return Unauthenticated("satker holds a value that is not a unit code");
      claims.principal.satker.push_back(s.get<std::string>());
    }
  }
  const auto iat = seconds("iat");
  const auto exp = seconds("exp");
  if (!iat || !exp) return Unauthenticated("iat and exp (seconds since 1970) are required");
  claims.issued_at = absl::FromUnixSeconds(*iat);
  claims.expires_at = absl::FromUnixSeconds(*exp);
  return claims;
}

}  // namespace

absl::Status CheckTokenClaims(const TokenClaims& claims) {
  const Principal& p = claims.principal;
  if (p.subject.empty() || !IsPrintableText(p.subject, 128))
    return InvalidField("sub", absl::StrCat(Quoted(p.subject), " is not 1 to 128 printable characters"));
  if (p.role == Role::kService) return InvalidField("role", "service is not a role a token may carry");
  if (p.role == Role::kHq) {
    if (!p.province.empty())
      return InvalidField("prov",
                          absl::StrCat(Quoted(p.province), " given for hq, which reads every province"));
  } else if (!IsUnitCode(p.province) || p.province.rfind("BNNP_", 0) != 0) {
    return InvalidField("prov", absl::StrCat(Quoted(p.province), " is not a BNNP code (BNNP_NTB) for role ",
                                             std::string(RoleName(p.role))));
  }
  if (p.role == Role::kOperator && p.satker.empty())
    return InvalidField("satker", "an operator token names the satker it may write");
  if (p.role != Role::kOperator && !p.satker.empty())
    return InvalidField("satker", absl::StrCat("given for role ", std::string(RoleName(p.role)),
                                               "; only an operator has satker"));
  for (const auto& s : p.satker) {
    if (!IsUnitCode(s)) return InvalidField("satker", absl::StrCat(Quoted(s), " is not a unit code"));
  }
  if (p.role == Role::kBidang) {
    if (FindBidangService(p.bidang) == nullptr) {
      std::vector<std::string> names;
      for (const auto& b : BidangServices()) names.emplace_back(b.name);
      return InvalidField("bidang",
                          absl::StrCat(Quoted(p.bidang), " is not one of ", absl::StrJoin(names, ", ")));
    }
  } else if (!p.bidang.empty()) {
    return InvalidField(
        "bidang", absl::StrCat("given for role ", std::string(RoleName(p.role)), "; only bidang has one"));
  }
  if (claims.expires_at <= claims.issued_at)
    return InvalidField("exp",
                        absl::StrCat(Utc(claims.expires_at), " is not after iat ", Utc(claims.issued_at)));
  if (claims.expires_at - claims.issued_at > kMaxTokenLifetime)
    return InvalidField("exp", absl::StrCat("the token would be valid for ",
                                            absl::FormatDuration(claims.expires_at - claims.issued_at),
                                            ", more than ", absl::FormatDuration(kMaxTokenLifetime)));
  return absl::OkStatus();
}

absl::StatusOr<std::string> SignToken(std::string_view private_key_pem, const TokenClaims& claims) {
  if (absl::Status s = CheckTokenClaims(claims); !s.ok()) return s;
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::ResourceExhaustedError("jwt_new failed");
  JwtPtr jwt(raw);
  const Principal& p = claims.principal;
  nlohmann::json grants = {{"iss", kIssuer},
                           {"sub", p.subject},
                           {"role", std::string(RoleName(p.role))},
                           {"iat", absl::ToUnixSeconds(claims.issued_at)},
                           {"exp", absl::ToUnixSeconds(claims.expires_at)}};
  if (!p.province.empty()) grants["prov"] = p.province;
  if (!p.satker.empty()) grants["satker"] = p.satker;
  if (!p.bidang.empty()) grants["bidang"] = p.bidang;
  if (jwt_add_grants_json(jwt.get(), grants.dump().c_str()) != 0)
    return absl::InternalError("jwt_add_grants_json refused the claims");
  const std::string key(private_key_pem);
  if (jwt_set_alg(jwt.get(), JWT_ALG_ES256, reinterpret_cast<const unsigned char*>(key.data()),
                  static_cast<int>(key.size())) != 0)
    return absl::InvalidArgumentError("signing key: jwt_set_alg refused it");
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr)
    return absl::InvalidArgumentError(
        "signing key: not an EC P-256 private key in PEM (openssl genpkey -algorithm EC)");
  std::string token(encoded);
  free(encoded);
  return token;
}

absl::StatusOr<std::unique_ptr<TokenVerifier>> TokenVerifier::Create(std::string public_key_pem) {
  if (public_key_pem.find("-----BEGIN PUBLIC KEY-----") == std::string::npos)
    return absl::InvalidArgumentError("token public key: not a PEM public key (openssl pkey -pubout)");
  return std::unique_ptr<TokenVerifier>(new TokenVerifier(std::move(public_key_pem)));
}

absl::StatusOr<TokenClaims> TokenVerifier::VerifySignature(const std::string& token) const {
  // The algorithm is read from the header and checked before the signature: libjwt verifies with
  // the algorithm the header names, and an HS256 token keyed with this public key would
  // otherwise pass (algorithm confusion). libjwt reports no algorithm for a token decoded
  // without a key, so the header is read here.
  const size_t dot = token.find('.');
  std::string header;
  if (dot == std::string::npos || !absl::WebSafeBase64Unescape(token.substr(0, dot), &header))
    return Unauthenticated("not a JSON Web Token (header.claims.signature)");
  const nlohmann::json head = nlohmann::json::parse(header, nullptr, /*allow_exceptions=*/false);
  const auto alg = head.is_object() ? head.find("alg") : head.end();
  if (!head.is_object() || alg == head.end() || !alg->is_string())
    return Unauthenticated("not a JSON Web Token: its header names no alg");
  if (alg->get<std::string>() != "ES256")
    return Unauthenticated(absl::StrCat("signed with ", alg->get<std::string>(), "; lkip tokens are ES256"));
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(public_key_pem_.data()),
                 static_cast<int>(public_key_pem_.size())) != 0 ||
      raw == nullptr)
    return Unauthenticated("the signature does not verify with this server's token key (--token_public_key)");
  JwtPtr verified(raw);
  if (jwt_get_alg(verified.get()) != JWT_ALG_ES256) return Unauthenticated("not ES256");
  return ClaimsOf(verified.get());
}

absl::StatusOr<Principal> TokenVerifier::Verify(std::string_view token, absl::Time now) const {
  const std::string key(token);
  std::optional<TokenClaims> claims;
  {
    absl::MutexLock lock(&mu_);
    if (auto it = verified_.find(key); it != verified_.end()) claims = it->second;
  }
  const bool cached = claims.has_value();
  if (!cached) {
    auto checked = VerifySignature(key);
    if (!checked.ok()) return checked.status();
    if (absl::Status s = CheckTokenClaims(*checked); !s.ok())
      return Unauthenticated(std::string(s.message()));
    claims = std::move(*checked);
  }
  const std::string who = absl::StrCat(" (subject ", claims->principal.subject, ")");
  if (now >= claims->expires_at)
    return Unauthenticated(absl::StrCat("expired at ", Utc(claims->expires_at), who));
  if (claims->issued_at > now + kTokenClockSkew)
    return Unauthenticated(absl::StrCat("issued in the future, at ", Utc(claims->issued_at), who));
  if (!cached) {
    absl::MutexLock lock(&mu_);
    if (verified_.size() >= kCacheSize) verified_.clear();
    verified_.emplace(key, *claims);
  }
  return claims->principal;
}

}  // namespace lkip
