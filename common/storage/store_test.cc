#include "common/storage/store.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "common/storage/key_codec.h"
#include "common/storage/test_store_options.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

StoreOptions Options(const std::string& path) { return testing::TestStoreOptions(path); }

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

// A prefix delete takes every key under it and nothing beside it, in the same batch as the rest;
// the audit names the prefix. A prefix too short to be one keyspace's part is refused.
TEST(StoreTest, DeletePrefixTakesTheRangeInOneAuditedBatch) {
  testing::TempDir dir;
  auto store = Store::Open(Options(dir.Sub("db")));
  ASSERT_TRUE(store.ok()) << store.status();
  Mutation rows;
  for (const char* k : {"ra", "rb1", "rb2", "rc"}) rows.Put(k, "x");
  ASSERT_TRUE((*store)->Commit({"a", "Put", ""}, std::move(rows)).ok());
  Mutation purge;
  purge.DeletePrefix("rb");
  purge.Put("record", "purged");
  ASSERT_TRUE((*store)->Commit({"lkip", "Purge", "rows of rb purged"}, std::move(purge)).ok());
  auto left = (*store)->Scan("r", 10);
  ASSERT_TRUE(left.ok());
  std::vector<std::string> keys;
  for (const auto& kv : *left) keys.push_back(kv.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"ra", "rc", "record"}));
  const auto audit = (*store)->ReadAudit(10)->back();
  ASSERT_EQ(audit.changes_size(), 2);
  EXPECT_EQ(audit.changes(0).key(), "rb");
  EXPECT_TRUE(audit.changes(0).prefix());
  EXPECT_TRUE(audit.changes(0).deleted());
  EXPECT_FALSE(audit.changes(0).had_previous());

  const size_t audits = (*store)->ReadAudit(10)->size();
  Mutation everything;
  everything.DeletePrefix("r");
  everything.Put("other", "y");
  EXPECT_EQ((*store)->Commit({"a", "Purge", ""}, std::move(everything)).code(), absl::StatusCode::kInternal);
  EXPECT_EQ((*store)->ReadAudit(10)->size(), audits);
  EXPECT_EQ((*store)->Scan("r", 10)->size(), 3u);
}

// The writes of a bundle are undone together: each key gets back what it held before the
// bundle's first write of it; writes outside the bundle stay; a key another write changed since
// refuses the whole rollback; a second rollback undoes nothing.
TEST(StoreTest, ABundleRollsBackToWhatItsKeysHeldBefore) {
  testing::TempDir dir;
  auto opened = Store::Open(Options(dir.Sub("db")));
  ASSERT_TRUE(opened.ok()) << opened.status();
  Store& store = **opened;
  auto commit = [&](const std::string& bundle,
                    std::vector<std::pair<std::string, std::optional<std::string>>> ops) {
    Mutation m;
    for (auto& [k, v] : ops) {
      if (v.has_value()) {
        m.Put(k, *v);
      } else {
        m.Delete(k);
      }
    }
    return store.Commit({"petugas", "Put", "", bundle}, std::move(m));
  };
  ASSERT_TRUE(commit("", {{"a", "1"}, {"b", "1"}, {"c", "1"}}).ok());
  ASSERT_TRUE(commit("bundle-1", {{"a", "2"}, {"d", "new"}}).ok());
  ASSERT_TRUE(commit("bundle-1", {{"a", "3"}, {"c", std::nullopt}}).ok());
  ASSERT_TRUE(commit("", {{"e", "outside"}}).ok());
  ASSERT_TRUE(commit("bundle-2", {{"b", "2"}}).ok());
  ASSERT_TRUE(commit("", {{"b", "changed after bundle-2"}}).ok());

  auto undone = store.RollBackBundle({"kepala", "RollBackBundle", ""}, "bundle-1");
  ASSERT_TRUE(undone.ok()) << undone.status();
  EXPECT_EQ(undone->undone_writes, 2);
  EXPECT_EQ(undone->restored_keys, 3);  // a, c, d
  EXPECT_EQ(**store.Find("a"), "1");
  EXPECT_EQ(**store.Find("c"), "1");
  EXPECT_FALSE(store.Find("d")->has_value());
  EXPECT_EQ(**store.Find("e"), "outside");
  const auto audit = store.ReadAudit(100)->back();
  EXPECT_EQ(audit.actor(), "kepala");
  EXPECT_NE(audit.summary().find("bundle bundle-1 rolled back: 2 writes undone, 3 keys restored"),
            std::string::npos)
      << audit.summary();
  EXPECT_TRUE(audit.bundle_id().empty());
  const uint64_t commits = store.Commits();
  undone = store.RollBackBundle({"kepala", "RollBackBundle", ""}, "bundle-1");
  ASSERT_TRUE(undone.ok());
  EXPECT_TRUE(undone->rolled_back_before);
  EXPECT_EQ(store.Commits(), commits);

  auto refused = store.RollBackBundle({"kepala", "RollBackBundle", ""}, "bundle-2");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_NE(refused.status().message().find("changed after bundle bundle-2"), std::string::npos);
  EXPECT_EQ(**store.Find("b"), "changed after bundle-2");
  EXPECT_EQ(store.Commits(), commits);
  auto none = store.RollBackBundle({"kepala", "RollBackBundle", ""}, "bundle-9");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->undone_writes, 0);
  EXPECT_EQ(store.Commits(), commits);
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

// Short of its reserve, a store refuses every write before RocksDB meets the full disk, and
// nothing is written; staged rows too.
TEST(StoreTest, RefusesWritesShortOfItsReserve) {
  testing::TempDir dir;
  StoreOptions o = Options(dir.Sub("db"));
  o.min_free_bytes_to_write = UINT64_MAX;
  auto store = Store::Open(o);
  ASSERT_TRUE(store.ok()) << store.status();
  Mutation m;
  m.Put("k1", "v1");
  absl::Status s = (*store)->Commit({"a", "Put", ""}, std::move(m));
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("the disk is full"), absl::string_view::npos) << s;
  EXPECT_EQ((*store)->WriteStaged({{"r1", "x"}}).code(), absl::StatusCode::kResourceExhausted);
  EXPECT_FALSE((*store)->Find("k1")->has_value());
  EXPECT_FALSE((*store)->Find("r1")->has_value());
  EXPECT_EQ((*store)->Commits(), 0u);
  EXPECT_TRUE((*store)->ReadAudit(10)->empty());
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
