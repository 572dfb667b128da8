// The audit trail read back: filtered by actor, satker, keyspace and time, a page at a time, with
// each key readable and each previous value as its record in JSON.
#include "common/audit/audit_listing.h"

#include <gtest/gtest.h>

#include "common/audit/keyspaces.h"
#include "common/storage/key_codec.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

std::string ValueKey(int year, const std::string& satker) {
  return KeyBuilder(0x10).AddInt32(year).AddString(satker).AddString("dektari").Build();
}

std::string Value(const std::string& v) {
  storage::v1::SatkerValueRecord r;
  r.set_value(v);
  return r.SerializeAsString();
}

AuditFilter F(std::string actor, std::string satker = "", std::string keyspace = "",
              std::optional<int64_t> since = std::nullopt, std::optional<int64_t> until = std::nullopt) {
  AuditFilter f;
  f.actor = std::move(actor);
  f.satker = std::move(satker);
  f.keyspace = std::move(keyspace);
  f.since_micros = since;
  f.until_micros = until;
  return f;
}

class AuditListingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions o;
    o.path = dir_.Sub("db");
    o.service = "pencegahan";
    o.now_micros = [this] { return now_; };
    store_ = std::move(*Store::Open(o));
    Write("wayan", "BNNK_BIMA", "50");    // t = 1000
    Write("wayan", "BNNK_BIMA", "52.5");  // t = 2000, changes the first
    Write("sari", "BNNK_SUMBAWA", "48");  // t = 3000
    Mutation unit;                        // t = 4000: another keyspace
    unit.Put(UnitKey("BNNK_BIMA"), storage::v1::UnitRecord().SerializeAsString());
    now_ += 1000;
    ASSERT_TRUE(store_->Commit({"admin", "PutUnits", ""}, std::move(unit)).ok());
  }

  void Write(const std::string& actor, const std::string& satker, const std::string& value) {
    now_ += 1000;
    Mutation m;
    m.Put(ValueKey(2023, satker), Value(value));
    ASSERT_TRUE(store_->Commit({actor, "RecordSatkerValues", satker}, std::move(m)).ok());
  }

  std::vector<std::string> Actors(const AuditFilter& filter, int page_size = 0) {
    std::vector<std::string> out;
    std::string token;
    do {
      auto page = ListAudit(*store_, filter, token, page_size);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (const auto& e : page->entries) out.push_back(e.actor());
      token = page->next_page_token;
    } while (!token.empty());
    return out;
  }

  testing::TempDir dir_;
  int64_t now_ = 0;
  std::unique_ptr<Store> store_;
};

TEST_F(AuditListingTest, FiltersByActorSatkerKeyspaceAndTime) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Actors(F("")), (V{"wayan", "wayan", "sari", "admin"}));
  EXPECT_EQ(Actors(F("wayan")), (V{"wayan", "wayan"}));
  EXPECT_EQ(Actors(F("", "BNNK_BIMA")), (V{"wayan", "wayan", "admin"}));
  EXPECT_EQ(Actors(F("", "BNNK_BIM")), V{}) << "a code, not a prefix of one";
  EXPECT_EQ(Actors(F("", "", "unit")), (V{"admin"}));
  EXPECT_EQ(Actors(F("", "BNNK_BIMA", "satker_value")), (V{"wayan", "wayan"}));
  EXPECT_EQ(Actors(F("", "", "", 2000, 4000)), (V{"wayan", "sari"}));
  EXPECT_EQ(Actors(F(""), 1), (V{"wayan", "wayan", "sari", "admin"})) << "one entry per page";
  EXPECT_EQ(Actors(F("admin"), 3), (V{"admin"})) << "a page of none, then the next";

  auto bad = ListAudit(*store_, F("", "", "satker"), "", 0);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("keyspace: \"satker\" is not one of unit, satker_value"),
            std::string::npos)
      << bad.status();
}

TEST_F(AuditListingTest, ShowsWhatEachKeyHeldBefore) {
  auto page = ListAudit(*store_, F("wayan"), "", 0);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->entries.size(), 2u);
  const auto& change = page->entries[1].changes(0);
  EXPECT_EQ(KeyspaceNameOf(change.key()), "satker_value");
  EXPECT_EQ(ReadableKey(change.key()), "2023 / BNNK_BIMA / dektari");
  ASSERT_TRUE(change.had_previous());
  EXPECT_EQ(ReadableValue(change.key(), change.previous_value()), "{\"value\":\"50\"}");
  EXPECT_FALSE(page->entries[0].changes(0).had_previous());
}

}  // namespace
}  // namespace lkip
