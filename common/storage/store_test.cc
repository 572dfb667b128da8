#include "common/storage/store.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "common/storage/key_codec.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

StoreOptions Options(const std::string& path) {
  StoreOptions o;
  o.path = path;
  o.service = "test";
  o.schema_version = 1;
  o.now_micros = [] { return int64_t{1700000000000000}; };
  return o;
}

TEST(StoreTest, CommitWritesValuesAndOneAuditEntryWithPreviousValues) {
  testing::TempDir dir;
  auto store = Store::Open(Options(dir.Sub("db")));
  ASSERT_TRUE(store.ok()) << store.status();
  Mutation first;
  first.Put("k1", "v1");
  ASSERT_TRUE((*store)->Commit({"alice", "Put", "first"}, std::move(first)).ok());
  Mutation second;
  second.Put("k1", "v2");
  second.Put("k2", "new");
  ASSERT_TRUE((*store)->Commit({"bob", "Put", "second"}, std::move(second)).ok());

  EXPECT_EQ(**(*store)->Find("k1"), "v2");
  EXPECT_FALSE((*store)->Find("absent")->has_value());
  auto audit = (*store)->ReadAudit(10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].actor(), "alice");
  EXPECT_EQ((*audit)[1].actor(), "bob");
  EXPECT_EQ((*audit)[1].unix_micros(), 1700000000000000);
  ASSERT_EQ((*audit)[1].changes_size(), 2);
  EXPECT_TRUE((*audit)[1].changes(0).had_previous());
  EXPECT_EQ((*audit)[1].changes(0).previous_value(), "v1");
  EXPECT_FALSE((*audit)[1].changes(1).had_previous());
}

TEST(StoreTest, EmptyMutationWritesNothing) {
  testing::TempDir dir;
  auto store = Store::Open(Options(dir.Sub("db")));
  ASSERT_TRUE((*store)->Commit({"a", "m", ""}, Mutation()).ok());
  EXPECT_TRUE((*store)->ReadAudit(10)->empty());
}

TEST(StoreTest, ScanIsBoundedAndOrdered) {
  testing::TempDir dir;
  auto store = Store::Open(Options(dir.Sub("db")));
  Mutation m;
  for (int i = 0; i < 5; ++i) m.Put(KeyBuilder(0x10).AddInt32(i - 2).Build(), std::to_string(i));
  m.Put(KeyBuilder(0x11).AddInt32(0).Build(), "other");
  ASSERT_TRUE((*store)->Commit({"a", "m", ""}, std::move(m)).ok());
  auto rows = (*store)->Scan(std::string(1, '\x10'), 10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ((*rows)[i].value, std::to_string(i));
  EXPECT_EQ((*store)->Scan(std::string(1, '\x10'), 4).status().code(), absl::StatusCode::kResourceExhausted);
}

// A file system without room is an error naming the path, checked before RocksDB opens (which
// aborts the process on a full disk); tests/import_faults_test.py starts a service on a full tmpfs.
TEST(StoreTest, RefusesAFolderWithoutRoom) {
  testing::TempDir dir;
  StoreOptions o = Options(dir.Sub("db"));
  o.min_free_bytes = UINT64_MAX;
  auto store = Store::Open(o);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(store.status().message().find(dir.Sub("db") + " has "), absl::string_view::npos)
      << store.status();
  EXPECT_NE(store.status().message().find("MiB free; the store needs at least"), absl::string_view::npos);
  o.min_free_bytes = 0;
  ASSERT_TRUE(Store::Open(o).ok()) << "the same folder with room";
}

TEST(StoreTest, RefusesAnotherSchemaVersionOrService) {
  testing::TempDir dir;
  { ASSERT_TRUE(Store::Open(Options(dir.Sub("db"))).ok()); }
  StoreOptions newer = Options(dir.Sub("db"));
  newer.schema_version = 2;
  EXPECT_EQ(Store::Open(newer).status().code(), absl::StatusCode::kFailedPrecondition);
  StoreOptions other = Options(dir.Sub("db"));
  other.service = "keuangan";
  EXPECT_EQ(Store::Open(other).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(Store::Open(Options(dir.Sub("db"))).ok());
}

}  // namespace
}  // namespace lkip
