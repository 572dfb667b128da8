#include "common/units/unit_tree.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/storage/key_codec.h"
#include "common/testing/bidang_fixture.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

using testing::MakeUnit;

std::vector<common::v1::Unit> Ntb() {
  return {MakeUnit("BNN_RI", common::v1::UNIT_LEVEL_PUSAT, ""),
          MakeUnit("BNNP_NTB", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI"),
          MakeUnit("BNNK_BIMA", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB"),
          MakeUnit("BNNK_MATARAM", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB")};
}

TEST(UnitTreeTest, ProvinceMembersAreTheBnnpThenItsBnnk) {
  auto tree = UnitTree::Build(Ntb());
  ASSERT_TRUE(tree.ok()) << tree.status();
  auto members = tree->ProvinceMembers("BNNP_NTB");
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 3u);
  EXPECT_EQ((*members)[0]->code(), "BNNP_NTB");
  EXPECT_EQ((*members)[1]->code(), "BNNK_BIMA");
  EXPECT_EQ(tree->ProvinceOf("BNNK_MATARAM"), "BNNP_NTB");
  EXPECT_EQ(tree->ProvinceMembers("BNNP_X").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(tree->ProvinceMembers("BNNK_BIMA").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(UnitTreeTest, ProvinceMembersFollowTheReportOrderThenTheCode) {
  auto units = Ntb();
  units.push_back(MakeUnit("BNNK_SUMBAWA", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB"));
  units.push_back(MakeUnit("BNNK_LOMBOK_TIMUR", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB"));
  units[3].set_report_order(1);  // Mataram first, as the seed prints it
  units[4].set_report_order(2);  // then Sumbawa; Bima and Lombok Timur have none: by code after them
  auto tree = UnitTree::Build(units);
  ASSERT_TRUE(tree.ok()) << tree.status();
  auto members = tree->ProvinceMembers("BNNP_NTB");
  ASSERT_TRUE(members.ok());
  std::vector<std::string> codes;
  for (const auto* u : *members) codes.push_back(u->code());
  EXPECT_EQ(codes, (std::vector<std::string>{"BNNP_NTB", "BNNK_MATARAM", "BNNK_SUMBAWA", "BNNK_BIMA",
                                             "BNNK_LOMBOK_TIMUR"}));

  units[3].set_report_order(-1);
  absl::Status s = UnitTree::Build(units).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("units[3].report_order: -1"), absl::string_view::npos) << s;
}

TEST(UnitTreeTest, RejectsBrokenTrees) {
  auto units = Ntb();
  units[2].set_parent_code("BNNP_NTT");
  absl::Status s = UnitTree::Build(units).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("units[2].parent_code"), absl::string_view::npos) << s;
  units = Ntb();
  units[2].set_parent_code("BNN_RI");  // a BNNK directly under BNN RI
  EXPECT_FALSE(UnitTree::Build(units).ok());
  units = Ntb();
  units[3].set_code("bnnk mataram");
  EXPECT_NE(UnitTree::Build(units).status().message().find("units[3].code"), absl::string_view::npos);
  units = Ntb();
  units.push_back(units[1]);
  EXPECT_NE(UnitTree::Build(units).status().message().find("appears twice"), absl::string_view::npos);
  units = Ntb();
  units[2].set_name(std::string("BNN Kabupaten\0Bima", 18));  // a NUL byte in a name
  EXPECT_NE(UnitTree::Build(units).status().message().find("units[2].name: \"BNN Kabupaten"),
            absl::string_view::npos);
  EXPECT_NE(UnitTree::Build(units).status().message().find("without control characters"),
            absl::string_view::npos);
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const testing::TempDir& dir) {
  StoreOptions o;
  o.path = dir.Sub("db");
  o.service = "test";
  return Store::Open(o);
}

unit::v1::PutUnitsRequest NtbRequest() {
  unit::v1::PutUnitsRequest req;
  for (auto& u : Ntb()) *req.add_units() = u;
  return req;
}

TEST(UnitTreeTest, PutUnitsIsIdempotentAndAudited) {
  testing::TempDir dir;
  auto store = OpenStore(dir);
  const unit::v1::PutUnitsRequest req = NtbRequest();
  auto first = PutUnits(**store, {"alice", "PutUnits", ""}, req);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->written(), 4);
  auto second = PutUnits(**store, {"alice", "PutUnits", ""}, req);
  EXPECT_EQ(second->written(), 0);
  EXPECT_EQ(second->unchanged(), 4);
  EXPECT_EQ((*store)->ReadAudit(10)->size(), 1u);
  EXPECT_EQ((*LoadUnitTree(**store))->units().size(), 4u);
}

// Issue 14: a bundle for Bali that listed BNNK_BIMA under BNNP_BALI was accepted and moved Bima out
// of NTB (IKK-01 3 -> 2, the budget tables failing). A unit never changes province; each refusal
// writes nothing.
TEST(UnitTreeTest, AUnitNeverMovesToAnotherProvince) {
  testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(PutUnits(**store, {"admin", "PutUnits", ""}, testing::TwoProvinces()).ok());
  const size_t audits = (*store)->ReadAudit(10)->size();
  unit::v1::PutUnitsRequest move;
  *move.add_units() = MakeUnit("BNNK_BIMA", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_BALI");
  auto moved = PutUnits(**store, {"admin-bali", "PutUnits", ""}, move);
  ASSERT_EQ(moved.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(
      moved.status().message().find("BNNK_BIMA belongs to BNNP_NTB; this request puts it under BNNP_BALI"),
      std::string::npos)
      << moved.status();
  EXPECT_EQ((*store)->ReadAudit(10)->size(), audits);
  EXPECT_EQ((*LoadUnitTree(**store))->ProvinceOf("BNNK_BIMA"), "BNNP_NTB");
}

TEST(UnitTreeTest, AUnitOfAnotherProvinceIsChangedOnlyByItsOwnProvince) {
  testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(PutUnits(**store, {"admin", "PutUnits", ""}, testing::TwoProvinces()).ok());
  const size_t audits = (*store)->ReadAudit(10)->size();
  unit::v1::PutUnitsRequest rename;
  auto* badung = rename.add_units();
  *badung = MakeUnit("BNNK_BADUNG", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_BALI");
  badung->set_name("BNNK Kabupaten Badung (baru)");
  auto refused = PutUnits(**store, {"admin-ntb", "PutUnits", ""}, rename, "BNNP_NTB");
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("BNNK_BADUNG belongs to BNNP_BALI; a token of BNNP_NTB"),
            std::string::npos)
      << refused.status();
  EXPECT_EQ((*store)->ReadAudit(10)->size(), audits);
  // The same units unchanged are no change to refuse; Bali's own admin may rename it.
  EXPECT_TRUE(PutUnits(**store, {"admin-ntb", "PutUnits", ""}, testing::TwoProvinces(), "BNNP_NTB").ok());
  auto renamed = PutUnits(**store, {"admin-bali", "PutUnits", ""}, rename, "BNNP_BALI");
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  EXPECT_EQ(renamed->written(), 1);
}

// A tree past the bound every read scans to is refused when it is put, so the province's reads
// keep working (a tree of 10.002 units was accepted once, and every read failed after it).
TEST(UnitTreeTest, ATreeTooLargeToReadIsRefusedWhenPut) {
  testing::TempDir dir;
  auto store = OpenStore(dir);
  const unit::v1::PutUnitsRequest req = NtbRequest();
  ASSERT_TRUE(PutUnits(**store, {"alice", "PutUnits", ""}, req).ok());
  unit::v1::PutUnitsRequest big;
  for (int i = 0; i < 9998; ++i) {
    const std::string code = absl::StrCat("BNNK_X", i);
    *big.add_units() = MakeUnit(code.c_str(), common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB");
  }
  auto refused = PutUnits(**store, {"alice", "PutUnits", ""}, big);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "units: the unit tree would hold 10002 units, more than the limit of 10000");
  EXPECT_EQ((*store)->ReadAudit(10)->size(), 1u);
  ASSERT_TRUE(LoadUnitTree(**store).ok());
  big.mutable_units()->RemoveLast();
  big.mutable_units()->RemoveLast();
  ASSERT_TRUE(PutUnits(**store, {"alice", "PutUnits", ""}, big).ok()) << "10.000 units, the limit";
  EXPECT_EQ((*LoadUnitTree(**store))->units().size(), 10000u);
}

// A stored unit damaged on disk (found by tools/fuzz/stored_record_fuzz: an empty record) is
// DATA_LOSS for the reader, not INVALID_ARGUMENT as if its own request were bad.
TEST(UnitTreeTest, ADamagedStoredUnitIsDataLoss) {
  testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(PutUnits(**store, {"alice", "PutUnits", ""}, NtbRequest()).ok());
  Mutation damage;
  damage.Put(KeyBuilder(kTagUnit).AddString("BNNK_BIMA").Build(), "");
  ASSERT_TRUE((*store)->Commit({"test", "damage", ""}, std::move(damage)).ok());
  auto tree = LoadUnitTree(**store);
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), absl::StatusCode::kDataLoss) << tree.status();
  EXPECT_NE(tree.status().message().find("stored unit tree is not valid"), absl::string_view::npos);
}

}  // namespace
}  // namespace lkip
