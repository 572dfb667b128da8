#include "common/storage/key_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace lkip {
namespace {

TEST(KeyCodecTest, SignedIntegersSortNumerically) {
  std::vector<int64_t> values = {std::numeric_limits<int64_t>::min(), -1000000, -2, -1, 0, 1, 2, 255, 256,
                                 std::numeric_limits<int64_t>::max()};
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    const std::string a = KeyBuilder(1).AddInt64(values[i]).Build();
    const std::string b = KeyBuilder(1).AddInt64(values[i + 1]).Build();
    EXPECT_LT(a, b) << values[i] << " vs " << values[i + 1];
  }
  std::vector<int32_t> v32 = {std::numeric_limits<int32_t>::min(), -1, 0, 1, 2023,
                              std::numeric_limits<int32_t>::max()};
  for (size_t i = 0; i + 1 < v32.size(); ++i) {
    EXPECT_LT(KeyBuilder(1).AddInt32(v32[i]).Build(), KeyBuilder(1).AddInt32(v32[i + 1]).Build());
  }
}

TEST(KeyCodecTest, StringsSortLexicographicallyWithEmptyAndNul) {
  using namespace std::string_literals;
  // Logical order of strings, including the empty string and embedded NUL bytes.
  std::vector<std::string> ordered = {""s,     "\0"s,    "\0\0"s, "\0a"s, "a"s,   "a\0"s,
                                      "a\0b"s, "a\x01"s, "ab"s,   "b"s,   "\xff"s};
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    // The string in a non-final position, followed by another component.
    const std::string a = KeyBuilder(2).AddString(ordered[i]).AddInt32(5).Build();
    const std::string b = KeyBuilder(2).AddString(ordered[i + 1]).AddInt32(-5).Build();
    EXPECT_LT(a, b) << i;
  }
}

TEST(KeyCodecTest, RoundTripsEveryComponent) {
  using namespace std::string_literals;
  const std::string key =
      KeyBuilder(0x10).AddInt32(-2023).AddString("a\0b"s).AddUint64(42).AddInt64(-7).AddString(""s).Build();
  KeyReader r(key);
  EXPECT_EQ(*r.ReadTag(), 0x10);
  EXPECT_EQ(*r.ReadInt32(), -2023);
  EXPECT_EQ(*r.ReadString(), "a\0b"s);
  EXPECT_EQ(*r.ReadUint64(), 42u);
  EXPECT_EQ(*r.ReadInt64(), -7);
  EXPECT_EQ(*r.ReadString(), "");
  EXPECT_TRUE(r.AtEnd());
}

TEST(KeyCodecTest, RandomTuplesKeepTheirOrder) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> num(-50, 50), len(0, 3), byte(0, 2);
  struct Tuple {
    int32_t a;
    std::string s;
    int64_t b;
  };
  std::vector<Tuple> tuples;
  for (int i = 0; i < 500; ++i) {
    std::string s;
    for (int j = len(rng); j > 0; --j) s.push_back(static_cast<char>(byte(rng)));
    tuples.push_back({num(rng), s, num(rng)});
  }
  auto logical = [](const Tuple& x, const Tuple& y) {
    return std::tie(x.a, x.s, x.b) < std::tie(y.a, y.s, y.b);
  };
  auto encode = [](const Tuple& t) {
    return KeyBuilder(3).AddInt32(t.a).AddString(t.s).AddInt64(t.b).Build();
  };
  for (size_t i = 0; i + 1 < tuples.size(); ++i) {
    EXPECT_EQ(logical(tuples[i], tuples[i + 1]), encode(tuples[i]) < encode(tuples[i + 1]));
  }
}

TEST(KeyCodecTest, RejectsTruncatedKeys) {
  const std::string key = KeyBuilder(1).AddString("abc").Build();
  KeyReader r(std::string_view(key).substr(0, key.size() - 1));
  ASSERT_TRUE(r.ReadTag().ok());
  EXPECT_EQ(r.ReadString().status().code(), absl::StatusCode::kDataLoss);
  KeyReader short_int("\x01\x02");
  EXPECT_FALSE(short_int.ReadUint32().ok());
}

TEST(KeyCodecTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff", 2)), "");
}

}  // namespace
}  // namespace lkip
