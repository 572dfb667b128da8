// The role table of common/auth/access.h against the access the RPCs declare in the schema.
#include "common/auth/access.h"

#include <gtest/gtest.h>

#include "lkip/unit/v1/unit.pb.h"

namespace lkip {
namespace {

Principal Caller(Role role, std::string bidang = "") {
  Principal p;
  p.subject = "someone";
  p.role = role;
  p.province = role == Role::kHq ? "" : "BNNP_NTB";
  p.bidang = std::move(bidang);
  return p;
}

TEST(AccessTest, MethodsDeclareTheirAccessInTheSchema) {
  unit::v1::PutUnitsRequest linked;  // the unit package's descriptors are in the generated pool
  EXPECT_EQ(AccessOfMethod("/lkip.unit.v1.UnitRegistry/PutUnits"), common::v1::ACCESS_WRITE_UNITS);
  EXPECT_EQ(AccessOfMethod("/lkip.unit.v1.UnitRegistry/ListUnits"), common::v1::ACCESS_READ);
  EXPECT_EQ(AccessOfMethod("/grpc.health.v1.Health/Check"), common::v1::ACCESS_READ);
  EXPECT_EQ(AccessOfMethod("/lkip.unit.v1.UnitRegistry/DropUnits"), common::v1::ACCESS_UNSPECIFIED);
  EXPECT_EQ(AccessOfMethod("lkip.unit.v1.UnitRegistry.PutUnits"), common::v1::ACCESS_UNSPECIFIED);
}

TEST(AccessTest, EachRoleMayDoWhatItsRowSays) {
  using common::v1::Access;
  const std::vector<std::pair<Access, std::vector<Role>>> table = {
      {common::v1::ACCESS_READ,
       {Role::kOperator, Role::kBidang, Role::kPerencana, Role::kKepala, Role::kApip, Role::kHq,
        Role::kAdmin}},
      {common::v1::ACCESS_WRITE_RECORDS, {Role::kOperator, Role::kBidang, Role::kAdmin}},
      {common::v1::ACCESS_WRITE_PLAN, {Role::kPerencana, Role::kAdmin}},
      {common::v1::ACCESS_WRITE_UNITS, {Role::kAdmin}},
      {common::v1::ACCESS_IMPORT, {Role::kOperator, Role::kBidang, Role::kPerencana, Role::kAdmin}},
      {common::v1::ACCESS_SUBMIT, {Role::kPerencana}},
      {common::v1::ACCESS_REVIEW, {Role::kApip}},
      {common::v1::ACCESS_APPROVE, {Role::kKepala}},
      {common::v1::ACCESS_REOPEN, {Role::kKepala, Role::kAdmin}},
      {common::v1::ACCESS_LOCK, {}},
      {common::v1::ACCESS_BACKUP, {Role::kAdmin}},
  };
  const std::vector<Role> all = {Role::kOperator, Role::kBidang, Role::kPerencana, Role::kKepala,
                                 Role::kApip,     Role::kHq,     Role::kAdmin};
  for (const auto& [access, allowed] : table) {
    for (Role role : all) {
      const bool expected = std::find(allowed.begin(), allowed.end(), role) != allowed.end();
      const absl::Status s = CheckAccess(Caller(role, "pencegahan"), access, "/m", "pencegahan");
      EXPECT_EQ(s.ok(), expected) << RoleName(role) << " " << access << ": " << s;
      if (!expected) {
        EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
        EXPECT_NE(s.message().find(std::string("role ") + std::string(RoleName(role))), std::string::npos)
            << s;
      }
    }
    EXPECT_TRUE(CheckAccess(Caller(Role::kService), access, "/m", "pencegahan").ok());
  }
}

TEST(AccessTest, ABidangWritesOnlyItsOwnServicesRecords) {
  const Principal rehab = Caller(Role::kBidang, "rehabilitasi");
  EXPECT_TRUE(CheckAccess(rehab, common::v1::ACCESS_WRITE_RECORDS, "/m", "rehabilitasi").ok());
  const absl::Status s = CheckAccess(rehab, common::v1::ACCESS_WRITE_RECORDS, "/m", "pencegahan");
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("rehabilitasi's records, not pencegahan's"), std::string::npos) << s;
  // Reading another bidang, and importing through the aggregator, stay open to it.
  EXPECT_TRUE(CheckAccess(rehab, common::v1::ACCESS_READ, "/m", "pencegahan").ok());
  EXPECT_TRUE(CheckAccess(rehab, common::v1::ACCESS_IMPORT, "/m", "aggregator").ok());
}

TEST(AccessTest, AMethodWithoutDeclaredAccessIsRefusedToEveryone) {
  for (Role role : {Role::kAdmin, Role::kService}) {
    EXPECT_EQ(CheckAccess(Caller(role), common::v1::ACCESS_UNSPECIFIED, "/x.Y/Z", "test").code(),
              absl::StatusCode::kPermissionDenied);
  }
}

}  // namespace
}  // namespace lkip
