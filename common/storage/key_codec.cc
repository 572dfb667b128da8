#include "common/storage/key_codec.h"

#include "absl/strings/str_cat.h"

namespace lkip {
namespace {

void AppendBigEndian(std::string* out, uint64_t v, size_t width) {
  for (size_t i = 0; i < width; ++i) {
    out->push_back(static_cast<char>((v >> (8 * (width - 1 - i))) & 0xFF));
  }
}

constexpr uint64_t kSign64 = uint64_t{1} << 63;
constexpr uint32_t kSign32 = uint32_t{1} << 31;

}  // namespace

KeyBuilder& KeyBuilder::AddUint32(uint32_t v) {
  AppendBigEndian(&key_, v, 4);
  return *this;
}
KeyBuilder& KeyBuilder::AddUint64(uint64_t v) {
  AppendBigEndian(&key_, v, 8);
  return *this;
}
KeyBuilder& KeyBuilder::AddInt32(int32_t v) { return AddUint32(static_cast<uint32_t>(v) ^ kSign32); }
KeyBuilder& KeyBuilder::AddInt64(int64_t v) { return AddUint64(static_cast<uint64_t>(v) ^ kSign64); }
KeyBuilder& KeyBuilder::AddString(std::string_view s) {
  for (char c : s) {
    key_.push_back(c);
    if (c == '\0') key_.push_back(static_cast<char>(0xFF));
  }
  // Two bytes, 0x00 0x00: below the escaped NUL (0x00 0xFF) whatever component follows. With a
  // lone 0x00, a string followed by a component starting with 0xFF read back as an embedded NUL
  // and sorted above the string with a NUL appended (found by tools/fuzz/key_codec_fuzz).
  key_.append(2, '\0');
  return *this;
}

absl::StatusOr<uint64_t> KeyReader::ReadFixed(size_t width) {
  if (rest_.size() < width) {
    return absl::DataLossError(absl::StrCat("key too short: need ", width, " bytes, have ", rest_.size()));
  }
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<uint8_t>(rest_[i]);
  rest_.remove_prefix(width);
  return v;
}

absl::StatusOr<uint8_t> KeyReader::ReadTag() {
  auto v = ReadFixed(1);
  if (!v.ok()) return v.status();
  return static_cast<uint8_t>(*v);
}
absl::StatusOr<uint32_t> KeyReader::ReadUint32() {
  auto v = ReadFixed(4);
  if (!v.ok()) return v.status();
  return static_cast<uint32_t>(*v);
}
absl::StatusOr<uint64_t> KeyReader::ReadUint64() { return ReadFixed(8); }
absl::StatusOr<int32_t> KeyReader::ReadInt32() {
  auto v = ReadUint32();
  if (!v.ok()) return v.status();
  return static_cast<int32_t>(*v ^ kSign32);
}
absl::StatusOr<int64_t> KeyReader::ReadInt64() {
  auto v = ReadUint64();
  if (!v.ok()) return v.status();
  return static_cast<int64_t>(*v ^ kSign64);
}

absl::StatusOr<std::string> KeyReader::ReadString() {
  std::string out;
  for (size_t i = 0; i < rest_.size(); ++i) {
    const char c = rest_[i];
    if (c != '\0') {
      out.push_back(c);
      continue;
    }
    const int next = i + 1 < rest_.size() ? static_cast<uint8_t>(rest_[i + 1]) : -1;
    if (next == 0xFF) {
      out.push_back('\0');
      ++i;
      continue;
    }
    if (next != 0x00)
      return absl::DataLossError("key string component: 0x00 followed by neither 0x00 nor 0xFF");
    rest_.remove_prefix(i + 2);
    return out;
  }
  return absl::DataLossError("key string component has no terminator");
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(s.back());
    if (last != 0xFF) {
      ++last;
      return s;
    }
    s.pop_back();
  }
  return s;
}

}  // namespace lkip
