// What the fuzz targets share: taking typed values from the fuzzer's bytes (clang's
// FuzzedDataProvider is not in gcc's include path, and the replay build uses gcc), and failing
// loudly when a property does not hold.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace lkip::fuzz {

// Reports a broken property and aborts: libFuzzer saves the input as a crash.
[[noreturn]] inline void Fail(const char* what) {
  std::fprintf(stderr, "property failed: %s\n", what);
  std::abort();
}

// The fuzzer's bytes consumed front to back; past the end everything reads as zero.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  bool empty() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }

  uint8_t Byte() {
    if (rest_.empty()) return 0;
    const auto b = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }

  template <typename T>
  T Integer() {
    unsigned char bytes[sizeof(T)] = {};
    const size_t n = std::min(sizeof(T), rest_.size());
    std::memcpy(bytes, rest_.data(), n);
    rest_.remove_prefix(n);
    T v;
    std::memcpy(&v, bytes, sizeof(T));
    return v;
  }

  std::string String(size_t max) {
    const size_t n = std::min(max, rest_.size());
    std::string s(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return s;
  }

 private:
  std::string_view rest_;
};

}  // namespace lkip::fuzz
