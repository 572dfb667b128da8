// Tokens signed and verified with the test PKI's key pair (scripts/dev-pki.sh), and every kind
// of token a service must refuse.
#include "common/auth/token.h"

#include <gtest/gtest.h>
#include <jwt.h>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/files/text_file.h"
#include "common/testing/test_pki.h"

namespace lkip {
namespace {

std::string Key(const std::string& name) { return *ReadText(testing::TestPkiDir() + "/" + name); }

TokenClaims Operator(absl::Time now) {
  Principal p{"wayan", Role::kOperator, "BNNP_NTB", {"BNNK_BIMA"}, ""};
  return {p, now, now + absl::Hours(8)};
}

// A token of the same claims signed with `alg` and `key` by libjwt itself.
std::string SignedWith(jwt_alg_t alg, const std::string& key, absl::Time now) {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  const std::string claims =
      "{\"iss\":\"lkip\",\"sub\":\"mallory\",\"role\":\"admin\",\"prov\":\"BNNP_NTB\",\"iat\":" +
      std::to_string(absl::ToUnixSeconds(now)) +
      ",\"exp\":" + std::to_string(absl::ToUnixSeconds(now + absl::Hours(1))) + "}";
  jwt_add_grants_json(jwt, claims.c_str());
  jwt_set_alg(jwt, alg, key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
              static_cast<int>(key.size()));
  char* out = jwt_encode_str(jwt);
  std::string token = out != nullptr ? out : "";
  free(out);
  jwt_free(jwt);
  return token;
}

TEST(TokenTest, ASignedTokenVerifiesToItsPrincipal) {
  const absl::Time now = absl::Now();
  auto token = SignToken(Key("token.key"), Operator(now));
  ASSERT_TRUE(token.ok()) << token.status();
  auto verifier = TokenVerifier::Create(Key("token.pub"));
  ASSERT_TRUE(verifier.ok());
  auto p = (*verifier)->Verify(*token, now);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->subject, "wayan");
  EXPECT_EQ(p->role, Role::kOperator);
  EXPECT_EQ(p->province, "BNNP_NTB");
  EXPECT_EQ(p->satker, std::vector<std::string>{"BNNK_BIMA"});
  // Cached, but still expires.
  EXPECT_TRUE((*verifier)->Verify(*token, now + absl::Hours(7)).ok());
  auto late = (*verifier)->Verify(*token, now + absl::Hours(8));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(late.status().message().find("expired"), std::string::npos) << late.status();
}

TEST(TokenTest, ATokenIssuedInTheFutureIsRefused) {
  const absl::Time now = absl::Now();
  auto token = SignToken(Key("token.key"), Operator(now + absl::Hours(1)));
  auto verifier = TokenVerifier::Create(Key("token.pub"));
  auto p = (*verifier)->Verify(*token, now);
  EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(p.status().message().find("future"), std::string::npos) << p.status();
}

// libjwt verifies with the algorithm the token's header names: an HS256 token whose secret is the
// public key PEM would pass if the algorithm were not checked first.
TEST(TokenTest, AlgorithmConfusionAndUnsignedTokensAreRefused) {
  const absl::Time now = absl::Now();
  auto verifier = TokenVerifier::Create(Key("token.pub"));
  for (const std::string& token :
       {SignedWith(JWT_ALG_HS256, Key("token.pub"), now), SignedWith(JWT_ALG_NONE, "", now)}) {
    ASSERT_FALSE(token.empty());
    auto p = (*verifier)->Verify(token, now);
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated) << token;
    EXPECT_NE(p.status().message().find("ES256"), std::string::npos) << p.status();
  }
  // The same claims signed with the right key pass: the refusals above are the algorithm's.
  EXPECT_TRUE((*verifier)->Verify(SignedWith(JWT_ALG_ES256, Key("token.key"), now), now).ok());
}

TEST(TokenTest, AChangedClaimBreaksTheSignature) {
  const absl::Time now = absl::Now();
  auto token = SignToken(Key("token.key"), Operator(now));
  std::vector<std::string> parts = absl::StrSplit(*token, '.');
  ASSERT_EQ(parts.size(), 3u);
  // Another valid token's claims under this token's signature.
  TokenClaims admin = Operator(now);
  admin.principal.role = Role::kAdmin;
  admin.principal.satker.clear();
  std::vector<std::string> other = absl::StrSplit(*SignToken(Key("token.key"), admin), '.');
  auto verifier = TokenVerifier::Create(Key("token.pub"));
  auto p = (*verifier)->Verify(parts[0] + "." + other[1] + "." + parts[2], now);
  EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(p.status().message().find("does not verify"), std::string::npos) << p.status();
}

TEST(TokenTest, ClaimsAreCheckedWhenIssued) {
  const absl::Time now = absl::Now();
  auto refused = [&](TokenClaims c, const std::string& claim) {
    auto token = SignToken(Key("token.key"), c);
    ASSERT_EQ(token.status().code(), absl::StatusCode::kInvalidArgument) << claim;
    EXPECT_NE(token.status().message().find(claim), std::string::npos) << token.status();
  };
  TokenClaims c = Operator(now);
  c.principal.satker.clear();
  refused(c, "satker");
  c = Operator(now);
  c.principal.province = "NTB";
  refused(c, "prov");
  c = Operator(now);
  c.principal.subject = "";
  refused(c, "sub");
  c = Operator(now);
  c.principal.role = Role::kHq;
  c.principal.satker.clear();
  refused(c, "prov");  // hq reads every province: no prov
  c = Operator(now);
  c.principal.role = Role::kBidang;
  c.principal.satker.clear();
  c.principal.bidang = "narkoba";
  refused(c, "bidang");
  c = Operator(now);
  c.expires_at = now + kMaxTokenLifetime + absl::Seconds(1);
  refused(c, "exp");
  c = Operator(now);
  c.principal.role = Role::kService;
  refused(c, "role");
}

TEST(TokenTest, AKeyThatIsNotAPublicKeyIsRefused) {
  EXPECT_EQ(TokenVerifier::Create(Key("token.key")).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SignToken(Key("token.pub"), Operator(absl::Now())).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lkip
