#include "common/units/unit_tree.h"

#include <gtest/gtest.h>

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
}

TEST(UnitTreeTest, PutUnitsIsIdempotentAndAudited) {
  testing::TempDir dir;
  StoreOptions o;
  o.path = dir.Sub("db");
  o.service = "test";
  auto store = Store::Open(o);
  unit::v1::PutUnitsRequest req;
  for (auto& u : Ntb()) *req.add_units() = u;
  auto first = PutUnits(**store, {"alice", "PutUnits", ""}, req);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->written(), 4);
  auto second = PutUnits(**store, {"alice", "PutUnits", ""}, req);
  EXPECT_EQ(second->written(), 0);
  EXPECT_EQ(second->unchanged(), 4);
  EXPECT_EQ((*store)->ReadAudit(10)->size(), 1u);
  EXPECT_EQ((*LoadUnitTree(**store))->units().size(), 4u);
}

}  // namespace
}  // namespace lkip
