// Files are replaced whole: a write that fails leaves the old files as they were and no
// temporary file behind.
#include "common/files/text_file.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/testing/test_server.h"

namespace lkip {
namespace {

namespace fs = std::filesystem;

size_t Entries(const fs::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

TEST(TextFileTest, ReplacesAFileWhole) {
  testing::TempDir dir;
  const fs::path a = dir.Sub("a.json");
  ASSERT_TRUE(WriteText(a, "lama").ok());
  ASSERT_TRUE(WriteText(a, "baru").ok());
  EXPECT_EQ(*ReadText(a), "baru");
  EXPECT_EQ(Entries(dir.path()), 1u) << "no temporary file left";
}

TEST(TextFileTest, AFailedWriteLeavesEveryOldFile) {
  testing::TempDir dir;
  const fs::path a = dir.Sub("a.json"), b = dir.Sub("b.html");
  ASSERT_TRUE(WriteTexts({{a, "a lama"}, {b, "b lama"}}).ok());
  // The third file's folder does not exist: nothing of the three is written.
  const absl::Status s = WriteTexts({{a, "a baru"}, {b, "b baru"}, {dir.Sub("tidak/ada/c.md"), "c"}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(s.message().find("c.md"), absl::string_view::npos) << s;
  EXPECT_EQ(*ReadText(a), "a lama");
  EXPECT_EQ(*ReadText(b), "b lama");
  EXPECT_EQ(Entries(dir.path()), 2u) << "no temporary file left";
}

}  // namespace
}  // namespace lkip
