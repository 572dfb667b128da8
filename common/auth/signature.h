// Ed25519 signatures of documents (OpenSSL's EVP API): the aggregator signs the manifest of a
// ditetapkan report, and `lkipctl verify-signature` checks a document set against it
// (docs/security.md, "The signed manifest"). Keys are PEM files (scripts/dev-pki.sh makes
// report-signing.key and report-signing.pub).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lkip {

class Ed25519Signer {
 public:
  // INVALID_ARGUMENT when `private_key_pem` is not an Ed25519 private key.
  static absl::StatusOr<std::unique_ptr<Ed25519Signer>> Create(std::string_view private_key_pem);
  ~Ed25519Signer();
  Ed25519Signer(const Ed25519Signer&) = delete;
  Ed25519Signer& operator=(const Ed25519Signer&) = delete;

  // The 64-byte signature of `message`.
  absl::StatusOr<std::string> Sign(std::string_view message) const;
  // The public key, PEM (SubjectPublicKeyInfo), and its SHA-256 over the DER bytes (hex): what a
  // signature file names its key by.
  const std::string& public_key_pem() const { return public_key_pem_; }
  const std::string& public_key_sha256() const { return public_key_sha256_; }

 private:
  struct Key;
  explicit Ed25519Signer(std::unique_ptr<Key> key);
  std::unique_ptr<Key> key_;
  std::string public_key_pem_;
  std::string public_key_sha256_;
};

// OK when `signature` is `message`'s signature by the Ed25519 key `public_key_pem`;
// INVALID_ARGUMENT for a key that is not one; FAILED_PRECONDITION when the signature does not
// verify.
absl::Status VerifyEd25519(std::string_view public_key_pem, std::string_view message,
                           std::string_view signature);

// A detached signature file (manifest.sig) for `document`: JSON naming the algorithm, the key
// (public_key_sha256), the document's SHA-256 and the signature (base64).
absl::StatusOr<std::string> SignatureFile(const Ed25519Signer& signer, std::string_view document);
// OK when `signature_file` (SignatureFile's) signs `document` with the key `public_key_pem`;
// FAILED_PRECONDITION saying what does not match (another key, another document, a signature
// that does not verify); INVALID_ARGUMENT for a file that is not a signature file.
absl::Status VerifySignatureFile(std::string_view public_key_pem, std::string_view document,
                                 std::string_view signature_file);

// SHA-256 (hex) of an Ed25519 public key's DER bytes, from its PEM.
absl::StatusOr<std::string> PublicKeySha256(std::string_view public_key_pem);

}  // namespace lkip
