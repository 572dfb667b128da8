// What the audit trail's keys and values are, for people: each keyspace tag's name and the
// storage record its values hold (the tags are unique across the services: store.h gives the
// shared ones, each service's store header its own; keyspaces_test checks this table against
// them), a key's components read back, and a stored value as JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lkip {

struct Keyspace {
  uint8_t tag;
  std::string_view name;    // "satker_value"
  std::string_view record;  // "lkip.storage.v1.SatkerValueRecord"; empty: no value or not a record
};

// The keyspace of `tag`, or nullptr.
const Keyspace* KeyspaceOfTag(uint8_t tag);
// The keyspace named `name`, or nullptr.
const Keyspace* KeyspaceNamed(std::string_view name);
// Every name, comma-separated (for a refusal).
std::string KeyspaceNames();

// A key's keyspace name (its tag in hex when unknown).
std::string KeyspaceNameOf(std::string_view key);
// A key's components after its tag, " / "-separated: strings as they are, 4-byte integers (years,
// months) as numbers, anything else in hex. For reading, not parsing: the key codec does not
// record the components' types.
std::string ReadableKey(std::string_view key);
// A stored value of `key`'s keyspace as JSON (protobuf's mapping); base64 when its keyspace has
// no record or the bytes do not parse as it.
std::string ReadableValue(std::string_view key, std::string_view value);

}  // namespace lkip
