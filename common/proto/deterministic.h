// A message's bytes with map entries in key order, so two equal messages are byte-equal (plain
// SerializeAsString orders map entries arbitrarily): what stores compare before writing and
// what the report manifest hashes; and their SHA-256.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <string_view>

namespace lkip {

std::string SerializeDeterministic(const google::protobuf::Message& message);

// Lowercase hex SHA-256 of `bytes` (a manifest's file hashes, a bundle's digest).
std::string Sha256Hex(std::string_view bytes);

// SHA-256 over bytes given in parts (a file read in chunks).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Add(std::string_view bytes);
  // Lowercase hex of everything added; the stream is finished after.
  std::string Hex();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

}  // namespace lkip
