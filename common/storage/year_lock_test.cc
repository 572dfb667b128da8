// The year lock in the store: a commit that touches a locked year of the locked province (named,
// through a satker's place in the unit tree, or unknown) is refused naming the lock and writes
// nothing; other provinces and years are not; the lock and its lifting are audited.
#include <gtest/gtest.h>

#include "common/storage/store.h"
#include "common/storage/test_store_options.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

class YearLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(*Store::Open(testing::TestStoreOptions(dir_.Sub("db"))));
    Mutation units;
    for (auto [code, level, parent] :
         std::vector<std::tuple<const char*, common::v1::UnitLevel, const char*>>{
             {"BNNP_NTB", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI"},
             {"BNNK_BIMA", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB"},
             {"BNNP_BALI", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI"},
             {"BNNK_BADUNG", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_BALI"}}) {
      storage::v1::UnitRecord r;
      r.set_level(level);
      r.set_parent_code(parent);
      units.Put(UnitKey(code), r.SerializeAsString());
    }
    ASSERT_TRUE(store_->Commit({"admin", "PutUnits", ""}, std::move(units)).ok());
  }

  // A write of year `year` touching `province` and `satker` (either may be empty).
  absl::Status Write(int year, const std::string& province, const std::string& satker) {
    WriteContext w{"operator.bima", "RecordSatkerValues", ""};
    w.touches.fiscal_years.insert(year);
    if (!province.empty()) w.touches.provinces.insert(province);
    if (!satker.empty()) w.touches.satker.insert(satker);
    Mutation m;
    m.Put("value/" + province + satker + std::to_string(year), "1");
    return store_->Commit(w, std::move(m));
  }

  absl::Status Lock(const std::string& province, int year, bool locked) {
    std::optional<storage::v1::YearLockRecord> lock;
    if (locked) {
      lock.emplace();
      lock->set_locked_by("kepala.ntb");
      lock->set_locked_at_micros(1700000000000000);
    }
    return store_->SetYearLock({"aggregator", "SetYearLock", "lock"}, province, year, lock);
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(YearLockTest, ALockedYearRefusesEveryWriteOfItsProvinceAndOnlyThose) {
  ASSERT_TRUE(Lock("BNNP_NTB", 2023, true).ok());
  const uint64_t commits = store_->Commits();
  for (const auto& [province, satker] : std::vector<std::pair<std::string, std::string>>{
           {"BNNP_NTB", ""}, {"", "BNNK_BIMA"}, {"", "BNNP_NTB"}, {"", ""}, {"", "BNNK_UNKNOWN"}}) {
    absl::Status s = Write(2023, province, satker);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << province << satker;
    EXPECT_NE(s.message().find("fiscal year 2023 of BNNP_NTB is locked"), std::string::npos) << s;
    EXPECT_NE(s.message().find("kepala.ntb at 2023-11-14 22:13:20 UTC"), std::string::npos) << s;
  }
  EXPECT_EQ(store_->Commits(), commits) << "a refused write writes nothing";
  EXPECT_TRUE(Write(2024, "BNNP_NTB", "").ok()) << "another year";
  EXPECT_TRUE(Write(2023, "BNNP_BALI", "").ok()) << "another province";
  EXPECT_TRUE(Write(2023, "", "BNNK_BADUNG").ok()) << "a satker of another province";
  WriteContext no_year{"admin", "PutUnits", ""};
  Mutation m;
  m.Put("other", "x");
  EXPECT_TRUE(store_->Commit(no_year, std::move(m)).ok()) << "a write of no year";

  ASSERT_TRUE(Lock("BNNP_NTB", 2023, false).ok());
  EXPECT_TRUE(Write(2023, "", "BNNK_BIMA").ok());
  EXPECT_FALSE(store_->FindYearLock("BNNP_NTB", 2023)->has_value());
}

TEST_F(YearLockTest, ASatkerOfAnotherProvinceIsRefusedToAProvincesToken) {
  WriteContext w{"admin.bali", "RecordSatkerValues", ""};
  w.touches.fiscal_years.insert(2023);
  w.touches.satker = {"BNNK_BADUNG", "BNNK_BIMA"};
  w.touches.caller_province = "BNNP_BALI";
  Mutation m;
  m.Put("v", "1");
  const absl::Status s = store_->Commit(w, std::move(m));
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("satker BNNK_BIMA belongs to BNNP_NTB; a token of BNNP_BALI may not write"),
            std::string::npos)
      << s;
  w.touches.satker = {"BNNK_BADUNG", "BNNK_NOT_IN_THE_TREE"};
  Mutation own;
  own.Put("v", "1");
  EXPECT_TRUE(store_->Commit(w, std::move(own)).ok()) << "its own, and one the write's checks refuse";
}

TEST_F(YearLockTest, LockingIsAuditedAndSettingItAgainWritesNothing) {
  ASSERT_TRUE(Lock("BNNP_NTB", 2023, true).ok());
  auto lock = store_->FindYearLock("BNNP_NTB", 2023);
  ASSERT_TRUE(lock.ok() && lock->has_value());
  EXPECT_EQ((*lock)->locked_by(), "kepala.ntb");
  const uint64_t commits = store_->Commits();
  ASSERT_TRUE(Lock("BNNP_NTB", 2023, true).ok());
  EXPECT_EQ(store_->Commits(), commits);
  auto audit = store_->ReadAudit(10);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->back().method(), "SetYearLock");
  EXPECT_EQ(audit->back().actor(), "aggregator");
}

TEST_F(YearLockTest, ABundlesPreparePhaseIsRefusedToo) {
  ASSERT_TRUE(Lock("BNNP_NTB", 2023, true).ok());
  WriteContext w{"admin", "RecordSatkerValues", "", "bundle-1"};
  w.prepare = true;
  w.touches.fiscal_years.insert(2023);
  w.touches.satker.insert("BNNK_BIMA");
  Mutation m;
  m.Put("v", "1");
  EXPECT_EQ(store_->Commit(w, std::move(m)).code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace lkip
