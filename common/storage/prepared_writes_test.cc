// The prepare phase at one store: a prepared commit writes nothing, reads within the bundle's
// prepare see it over the stored data, and every listing (Find, FindMany, Scan, ScanPage page by
// page) agrees with a model of stored data and prepared writes, drawn at random.
#include "common/storage/prepared_writes.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "common/storage/store.h"
#include "common/storage/test_store_options.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

StoreOptions Options(const std::string& path) { return testing::TestStoreOptions(path); }

WriteContext Prepared(const std::string& tag) {
  WriteContext c{"operator", "Put", "", tag};
  c.prepare = true;
  return c;
}

TEST(PreparedWritesTest, APreparedCommitWritesNothingAndIsSeenOnlyByItsBundle) {
  testing::TempDir dir;
  auto store = Store::Open(Options(dir.Sub("db")));
  ASSERT_TRUE(store.ok()) << store.status();
  Mutation stored;
  stored.Put("ka", "1");
  stored.Put("kb", "2");
  ASSERT_TRUE((*store)->Commit({"a", "Put", ""}, std::move(stored)).ok());
  const uint64_t commits = (*store)->Commits();
  const size_t audits = (*store)->ReadAudit(100)->size();

  Mutation m;
  m.Put("ka", "changed");
  m.Delete("kb");
  m.Put("kc", "new");
  ASSERT_TRUE((*store)->Commit(Prepared("b1@1"), std::move(m)).ok());
  EXPECT_EQ((*store)->Commits(), commits);
  EXPECT_EQ((*store)->ReadAudit(100)->size(), audits);
  EXPECT_EQ(**(*store)->Find("ka"), "1") << "outside the bundle's prepare the stored data stands";
  EXPECT_EQ((*store)->Scan("k", 10)->size(), 2u);
  {
    PrepareScope other("b2@1");
    EXPECT_EQ(**(*store)->Find("ka"), "1") << "another bundle's prepare does not see it";
  }
  {
    PrepareScope scope("b1@1");
    EXPECT_EQ(**(*store)->Find("ka"), "changed");
    EXPECT_FALSE((*store)->Find("kb")->has_value());
    auto many = (*store)->FindMany({"kb", "kc", "kd"});
    ASSERT_TRUE(many.ok());
    EXPECT_EQ((*many)[0], std::nullopt);
    EXPECT_EQ((*many)[1], "new");
    EXPECT_EQ((*many)[2], std::nullopt);
    auto rows = (*store)->Scan("k", 2);
    ASSERT_TRUE(rows.ok()) << rows.status();
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].key, "ka");
    EXPECT_EQ((*rows)[1].key, "kc");
    EXPECT_EQ((*store)->Scan("k", 1).status().code(), absl::StatusCode::kResourceExhausted);
  }

  // A range delete is never part of a bundle; a prepared write must name its bundle.
  Mutation range;
  range.DeletePrefix("ka");
  EXPECT_EQ((*store)->Commit(Prepared("b1@1"), std::move(range)).code(), absl::StatusCode::kInternal);
  Mutation nameless;
  nameless.Put("kz", "x");
  EXPECT_EQ((*store)->Commit(Prepared(""), std::move(nameless)).code(), absl::StatusCode::kInternal);

  // The bundle's first real write ends its prepare: the prepared writes are gone.
  Mutation real;
  real.Put("kd", "real");
  ASSERT_TRUE((*store)->Commit({"a", "Put", "", "b1@1"}, std::move(real)).ok());
  PrepareScope scope("b1@1");
  EXPECT_EQ(**(*store)->Find("ka"), "1");
  EXPECT_FALSE((*store)->Find("kc")->has_value());
}

TEST(PreparedWritesTest, ARollbackUnderPrepareOnlyDropsThePreparedWrites) {
  testing::TempDir dir;
  auto store = Store::Open(Options(dir.Sub("db")));
  ASSERT_TRUE(store.ok()) << store.status();
  Mutation m;
  m.Put("ka", "prepared");
  ASSERT_TRUE((*store)->Commit(Prepared("b1@1"), std::move(m)).ok());
  auto dropped = (*store)->RollBackBundle(Prepared("b1@1"), "b1@1");
  ASSERT_TRUE(dropped.ok()) << dropped.status();
  EXPECT_EQ(dropped->undone_writes, 0);
  EXPECT_EQ((*store)->Commits(), 0u);
  PrepareScope scope("b1@1");
  EXPECT_FALSE((*store)->Find("ka")->has_value());
}

TEST(PreparedWritesTest, IdleBundlesAndTheOldestPastTheCapAreDropped) {
  PreparedWrites prepared;
  prepared.Add("old", {{"k", "v"}}, 0);
  prepared.Add("new", {{"k", "w"}}, PreparedWrites::kIdleMicros);
  EXPECT_TRUE(prepared.Lookup("old", "k").has_value());
  prepared.Add("newer", {{"k", "x"}}, PreparedWrites::kIdleMicros + 1);
  EXPECT_FALSE(prepared.Lookup("old", "k").has_value()) << "idle for longer than kIdleMicros";
  for (size_t i = 0; i < PreparedWrites::kMaxBundles; ++i) {
    prepared.Add(absl::StrCat("b", i), {{"k", "v"}},
                 PreparedWrites::kIdleMicros + 2 + static_cast<int64_t>(i));
  }
  EXPECT_FALSE(prepared.Lookup("new", "k").has_value());
  EXPECT_FALSE(prepared.Lookup("newer", "k").has_value());
  EXPECT_TRUE(prepared.Lookup("b0", "k").has_value());
}

// Differential: stored keys and prepared writes (puts over stored keys, new keys, deletes) drawn
// at random; every read in the bundle's prepare equals the model's merged map.
TEST(PreparedWritesTest, ReadsEqualAModelOfStoredDataUnderPreparedWrites) {
  std::mt19937 rng(20261205);
  for (int round = 0; round < 40; ++round) {
    testing::TempDir dir;
    auto store = Store::Open(Options(dir.Sub("db")));
    ASSERT_TRUE(store.ok()) << store.status();
    std::map<std::string, std::string> model;
    Mutation stored;
    auto key = [&] { return absl::StrCat(rng() % 3 == 0 ? "p" : "q", rng() % 60); };
    for (int i = 0; i < 40; ++i) {
      std::string k = key();
      model[k] = absl::StrCat("s", i);
      stored.Put(k, model[k]);
    }
    ASSERT_TRUE((*store)->Commit({"a", "Put", ""}, std::move(stored)).ok());
    for (int batch = 0; batch < 3; ++batch) {  // several prepare requests of one bundle
      Mutation prepared;
      for (int i = 0; i < 15; ++i) {
        std::string k = key();
        if (rng() % 2 == 0) {
          model.erase(k);
          prepared.Delete(k);
        } else {
          model[k] = absl::StrCat("p", batch, "-", i);
          prepared.Put(k, model[k]);
        }
      }
      ASSERT_TRUE((*store)->Commit(Prepared("t"), std::move(prepared)).ok());
    }
    PrepareScope scope("t");
    std::vector<std::pair<std::string, std::string>> expected_q;
    for (const auto& [k, v] : model)
      if (k[0] == 'q') expected_q.emplace_back(k, v);
    // Scan: exactly at the limit succeeds, one below is RESOURCE_EXHAUSTED.
    auto all = (*store)->Scan("q", expected_q.size());
    ASSERT_TRUE(all.ok()) << all.status();
    std::vector<std::pair<std::string, std::string>> got;
    for (auto& kv : *all) got.emplace_back(kv.key, kv.value);
    EXPECT_EQ(got, expected_q) << "round " << round;
    if (!expected_q.empty()) {
      EXPECT_EQ((*store)->Scan("q", expected_q.size() - 1).status().code(),
                absl::StatusCode::kResourceExhausted);
    }
    // ScanPage, page by page, for several page sizes.
    for (size_t page_size : {1u, 3u, 7u, 100u}) {
      got.clear();
      std::string token;
      int pages = 0;
      do {
        auto page = (*store)->ScanPage("q", token, page_size);
        ASSERT_TRUE(page.ok()) << page.status();
        EXPECT_LE(page->rows.size(), page_size);
        for (auto& kv : page->rows) got.emplace_back(kv.key, kv.value);
        token = page->next_page_token;
        ASSERT_LT(++pages, 1000);
      } while (!token.empty());
      EXPECT_EQ(got, expected_q) << "round " << round << ", pages of " << page_size;
    }
    for (const auto& [k, v] : model) EXPECT_EQ((*store)->Find(k)->value_or("-"), v);
  }
}

}  // namespace
}  // namespace lkip
