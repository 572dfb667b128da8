#include "common/auth/signature.h"

#include <gtest/gtest.h>

#include "common/files/text_file.h"
#include "common/testing/test_pki.h"

namespace lkip {
namespace {

std::string Pki(const std::string& file) { return *ReadText(testing::TestPkiDir() + "/" + file); }

TEST(SignatureTest, ASignatureFileVerifiesItsDocumentWithItsKeyOnly) {
  auto signer = Ed25519Signer::Create(Pki("report-signing.key"));
  ASSERT_TRUE(signer.ok()) << signer.status();
  const std::string document = "{\"province\": \"BNNP_NTB\"}\n";
  auto file = SignatureFile(**signer, document);
  ASSERT_TRUE(file.ok()) << file.status();
  const std::string key = Pki("report-signing.pub");
  EXPECT_TRUE(VerifySignatureFile(key, document, *file).ok());
  EXPECT_EQ(*PublicKeySha256(key), (*signer)->public_key_sha256());

  std::string changed = document;
  changed[3] = 'p';
  absl::Status s = VerifySignatureFile(key, changed, *file);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("SHA-256"), std::string::npos) << s;

  // Another Ed25519 key: named as another key. A key of another kind: not a key at all.
  auto other = Ed25519Signer::Create(
      "-----BEGIN PRIVATE "
      "KEY-----\nMC4CAQAwBQYDK2VwBCIEIN7O5SLz4wV52+661//iJqDVUpMiVq4PZZax7CwOEuSy\n-----END "
      "PRIVATE KEY-----\n");
  ASSERT_TRUE(other.ok()) << other.status();
  s = VerifySignatureFile((*other)->public_key_pem(), document, *file);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("another key"), std::string::npos) << s;
  EXPECT_EQ(VerifySignatureFile(Pki("token.pub"), document, *file).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Ed25519Signer::Create(Pki("token.key")).status().code(), absl::StatusCode::kInvalidArgument);

  // A signature of the same document by another key, under this key's name: does not verify.
  std::string forged = *SignatureFile(**other, document);
  const size_t at = forged.find((*other)->public_key_sha256());
  ASSERT_NE(at, std::string::npos);
  forged.replace(at, (*other)->public_key_sha256().size(), (*signer)->public_key_sha256());
  s = VerifySignatureFile(key, document, forged);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("does not verify"), std::string::npos) << s;
}

}  // namespace
}  // namespace lkip
