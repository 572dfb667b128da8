// The key codec (common/storage/key_codec.h) on arbitrary bytes: reading any key never crashes,
// and keys built from components read back as those components and sort as the components do
// (the property every prefix scan and range bound relies on).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "common/storage/key_codec.h"
#include "tools/fuzz/fuzz_input.h"

namespace lkip {
namespace {

using Component = std::variant<uint32_t, uint64_t, int32_t, int64_t, std::string>;

std::vector<Component> Components(fuzz::Input& in) {
  std::vector<Component> out;
  while (!in.empty() && out.size() < 8) {
    switch (in.Byte() % 5) {
      case 0:
        out.emplace_back(in.Integer<uint32_t>());
        break;
      case 1:
        out.emplace_back(in.Integer<uint64_t>());
        break;
      case 2:
        out.emplace_back(in.Integer<int32_t>());
        break;
      case 3:
        out.emplace_back(in.Integer<int64_t>());
        break;
      default:
        out.emplace_back(in.String(in.Byte() % 24));
        break;
    }
  }
  return out;
}

std::string Encode(uint8_t tag, const std::vector<Component>& components) {
  KeyBuilder key(tag);
  for (const Component& c : components) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, uint32_t>) key.AddUint32(v);
          if constexpr (std::is_same_v<T, uint64_t>) key.AddUint64(v);
          if constexpr (std::is_same_v<T, int32_t>) key.AddInt32(v);
          if constexpr (std::is_same_v<T, int64_t>) key.AddInt64(v);
          if constexpr (std::is_same_v<T, std::string>) key.AddString(v);
        },
        c);
  }
  return key.Build();
}

// The reader's call for a component of type T.
template <typename T>
absl::StatusOr<T> Read(KeyReader& reader) {
  if constexpr (std::is_same_v<T, uint32_t>) return reader.ReadUint32();
  if constexpr (std::is_same_v<T, uint64_t>) return reader.ReadUint64();
  if constexpr (std::is_same_v<T, int32_t>) return reader.ReadInt32();
  if constexpr (std::is_same_v<T, int64_t>) return reader.ReadInt64();
  if constexpr (std::is_same_v<T, std::string>) return reader.ReadString();
}

std::vector<Component> Decode(const std::string& key, const std::vector<Component>& shape) {
  KeyReader reader(key);
  if (!reader.ReadTag().ok()) fuzz::Fail("the tag does not read back");
  std::vector<Component> out;
  for (const Component& c : shape) {
    bool ok = true;
    std::visit(
        [&](const auto& v) {
          auto r = Read<std::decay_t<decltype(v)>>(reader);
          ok = r.ok() && (out.emplace_back(*r), true);
        },
        c);
    if (!ok) fuzz::Fail("a component does not read back");
  }
  if (!reader.AtEnd()) fuzz::Fail("bytes left after the last component");
  return out;
}

// Logical order of two tuples of the same shape: numbers numerically, strings bytewise.
int Compare(const std::vector<Component>& a, const std::vector<Component>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].index() != b[i].index()) return 0;  // shapes differ: no order to check
    if (const auto* s = std::get_if<std::string>(&a[i])) {
      const int c = s->compare(std::get<std::string>(b[i]));  // char_traits<char>: unsigned bytes
      if (c != 0) return c < 0 ? -1 : 1;
      continue;
    }
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool SameShape(const std::vector<Component>& a, const std::vector<Component>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].index() != b[i].index()) return false;
  }
  return true;
}

}  // namespace
}  // namespace lkip

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lkip;
  // Any bytes read as a key: errors, never a crash or a read past the end.
  {
    KeyReader reader(std::string_view(reinterpret_cast<const char*>(data), size));
    for (size_t i = 0; i < size && !reader.AtEnd(); ++i) {
      switch (data[i] % 6) {
        case 0:
          (void)reader.ReadTag();
          break;
        case 1:
          (void)reader.ReadUint32();
          break;
        case 2:
          (void)reader.ReadUint64();
          break;
        case 3:
          (void)reader.ReadInt32();
          break;
        case 4:
          (void)reader.ReadInt64();
          break;
        default:
          (void)reader.ReadString();
          break;
      }
    }
  }
  fuzz::Input in(data, size);
  const uint8_t tag = in.Byte();
  const std::vector<Component> a = Components(in);
  const std::vector<Component> b = Components(in);
  const std::string ka = Encode(tag, a);
  const std::string kb = Encode(tag, b);
  if (Decode(ka, a) != a || Decode(kb, b) != b) fuzz::Fail("a key does not read back as its components");
  if (SameShape(a, b)) {
    const int logical = Compare(a, b);
    const int bytes = ka.compare(kb);
    if ((logical < 0) != (bytes < 0) || (logical == 0) != (bytes == 0)) {
      fuzz::Fail("two keys sort unlike their components");
    }
  }
  // A key that starts with the prefix of a shorter tuple lies below that prefix's successor.
  if (!a.empty()) {
    const std::string prefix = Encode(tag, std::vector<Component>(a.begin(), a.end() - 1));
    const std::string end = PrefixSuccessor(prefix);
    if (ka.compare(0, prefix.size(), prefix) != 0 || (!end.empty() && !(ka < end))) {
      fuzz::Fail("a key escapes its prefix's range");
    }
  }
  return 0;
}
