#include "common/auth/signature.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/proto/deterministic.h"

namespace lkip {
namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

PkeyPtr ReadKey(std::string_view pem, bool private_key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                &BIO_free);
  if (bio == nullptr) return PkeyPtr(nullptr, &EVP_PKEY_free);
  EVP_PKEY* key = private_key ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                              : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key != nullptr && EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    key = nullptr;
  }
  return PkeyPtr(key, &EVP_PKEY_free);
}

absl::StatusOr<std::string> DerSha256(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key, &der);
  if (length <= 0) return absl::InternalError("the public key cannot be encoded");
  std::string digest = Sha256Hex(std::string_view(reinterpret_cast<const char*>(der), length));
  OPENSSL_free(der);
  return digest;
}

}  // namespace

struct Ed25519Signer::Key {
  PkeyPtr pkey{nullptr, &EVP_PKEY_free};
};

Ed25519Signer::Ed25519Signer(std::unique_ptr<Key> key) : key_(std::move(key)) {}
Ed25519Signer::~Ed25519Signer() = default;

absl::StatusOr<std::unique_ptr<Ed25519Signer>> Ed25519Signer::Create(std::string_view private_key_pem) {
  auto key = std::make_unique<Key>();
  key->pkey = ReadKey(private_key_pem, true);
  if (key->pkey == nullptr)
    return absl::InvalidArgumentError("the signing key is not an Ed25519 private key (PEM)");
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  if (out == nullptr || PEM_write_bio_PUBKEY(out.get(), key->pkey.get()) != 1) {
    return absl::InternalError("the public key cannot be written");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(out.get(), &data);
  absl::StatusOr<std::string> digest = DerSha256(key->pkey.get());
  if (!digest.ok()) return digest.status();
  std::unique_ptr<Ed25519Signer> signer(new Ed25519Signer(std::move(key)));
  signer->public_key_pem_.assign(data, static_cast<size_t>(length));
  signer->public_key_sha256_ = *std::move(digest);
  return signer;
}

absl::StatusOr<std::string> Ed25519Signer::Sign(std::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  size_t length = 0;
  if (ctx == nullptr || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1) {
    return absl::InternalError("Ed25519 signing failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return absl::InternalError("Ed25519 signing failed");
  }
  signature.resize(length);
  return signature;
}

absl::Status VerifyEd25519(std::string_view public_key_pem, std::string_view message,
                           std::string_view signature) {
  PkeyPtr key = ReadKey(public_key_pem, false);
  if (key == nullptr) return absl::InvalidArgumentError("the public key is not an Ed25519 public key (PEM)");
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (ctx == nullptr || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return absl::InternalError("Ed25519 verification could not start");
  }
  if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return absl::FailedPreconditionError("the signature does not verify with this key");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> PublicKeySha256(std::string_view public_key_pem) {
  PkeyPtr key = ReadKey(public_key_pem, false);
  if (key == nullptr) return absl::InvalidArgumentError("the public key is not an Ed25519 public key (PEM)");
  return DerSha256(key.get());
}

absl::StatusOr<std::string> SignatureFile(const Ed25519Signer& signer, std::string_view document) {
  absl::StatusOr<std::string> signature = signer.Sign(document);
  if (!signature.ok()) return signature.status();
  nlohmann::ordered_json file;
  file["algorithm"] = "Ed25519";
  file["public_key_sha256"] = signer.public_key_sha256();
  file["document_sha256"] = Sha256Hex(document);
  file["signature"] = absl::Base64Escape(*signature);
  return file.dump(2) + "\n";
}

absl::Status VerifySignatureFile(std::string_view public_key_pem, std::string_view document,
                                 std::string_view signature_file) {
  const auto file = nlohmann::json::parse(signature_file, nullptr, /*allow_exceptions=*/false);
  if (!file.is_object() || !file.contains("signature") || !file["signature"].is_string() ||
      file.value("algorithm", "") != "Ed25519") {
    return absl::InvalidArgumentError("not an Ed25519 signature file (algorithm, signature)");
  }
  absl::StatusOr<std::string> key_digest = PublicKeySha256(public_key_pem);
  if (!key_digest.ok()) return key_digest.status();
  const std::string named_key = file.value("public_key_sha256", "");
  if (named_key != *key_digest) {
    return absl::FailedPreconditionError(
        absl::StrCat("signed with another key (", named_key, "), not the one given (", *key_digest, ")"));
  }
  const std::string named_document = file.value("document_sha256", "");
  if (named_document != Sha256Hex(document)) {
    return absl::FailedPreconditionError(absl::StrCat("the signed document had SHA-256 ", named_document,
                                                      "; this one has ", Sha256Hex(document)));
  }
  std::string signature;
  if (!absl::Base64Unescape(file["signature"].get<std::string>(), &signature)) {
    return absl::InvalidArgumentError("signature: not base64");
  }
  return VerifyEd25519(public_key_pem, document, signature);
}

}  // namespace lkip
