// Order-preserving key encoding: bytewise order of encoded keys equals the logical order of
// their components, so RocksDB's default comparator sorts and prefix-scans them correctly.
//   [1-byte keyspace tag][components...]
//   - unsigned ints: fixed-width big-endian;
//   - signed ints: sign bit flipped, then big-endian;
//   - strings: 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x00, so a string may sit in any
//     position, embedded NUL included, whatever component follows it (a single 0x00 terminator,
//     as in FoundationDB's tuple layer, needs the next component's type byte below 0xFF).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace lkip {

class KeyBuilder {
 public:
  explicit KeyBuilder(uint8_t tag) { key_.push_back(static_cast<char>(tag)); }

  KeyBuilder& AddUint32(uint32_t v);
  KeyBuilder& AddUint64(uint64_t v);
  KeyBuilder& AddInt32(int32_t v);
  KeyBuilder& AddInt64(int64_t v);
  KeyBuilder& AddString(std::string_view s);

  const std::string& key() const { return key_; }
  // Moves the key out; the builder is spent afterwards.
  std::string Build() { return std::move(key_); }

 private:
  std::string key_;
};

// Reads the components back in the order they were added.
class KeyReader {
 public:
  explicit KeyReader(std::string_view key) : rest_(key) {}

  absl::StatusOr<uint8_t> ReadTag();
  absl::StatusOr<uint32_t> ReadUint32();
  absl::StatusOr<uint64_t> ReadUint64();
  absl::StatusOr<int32_t> ReadInt32();
  absl::StatusOr<int64_t> ReadInt64();
  absl::StatusOr<std::string> ReadString();
  bool AtEnd() const { return rest_.empty(); }

 private:
  absl::StatusOr<uint64_t> ReadFixed(size_t width);
  std::string_view rest_;
};

// The smallest key greater than every key that starts with `prefix` (an exclusive upper bound
// for prefix scans); empty when no such key exists (prefix of all 0xFF).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace lkip
