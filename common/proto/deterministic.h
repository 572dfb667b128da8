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

}  // namespace lkip
