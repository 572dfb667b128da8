// The §6.3 registers of the rehabilitasi service through the real client-streaming stub: counts
// per satker by the year an entry qualified (IKK-07..10), replacement of an entry, and refusals.
#include <gtest/gtest.h>

#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "services/rehabilitasi/rehabilitasi_service.h"

namespace lkip::rehabilitasi {
namespace {

using testing::Context;
using Fixture = testing::BidangFixture<v1::Rehabilitasi, RehabilitasiService>;

RuleBook ComputedRegisterRules() {
  rules::v1::RuleSet rs = (*testing::ShippedRules().ForYear(2023))->rules();
  for (auto& ind : *rs.mutable_indicators()) {
    if (ind.code() >= "IKK-07" && ind.code() <= "IKK-10")
      ind.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  }
  return std::move(*RuleBook::FromRuleSets({rs}));
}

v1::RegisterEntryRow Entry(int64_t n, const std::string& satker, const std::string& measure,
                           const std::string& ref, const std::string& date,
                           const std::string& attribute = "") {
  v1::RegisterEntryRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  r.set_measure(measure);
  r.set_entry_ref(ref);
  *r.mutable_qualified_date() = DateFromIso(date);
  r.set_attribute(attribute);
  return r;
}

class RegisterTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  grpc::Status Import(const std::string& id, const std::vector<v1::RegisterEntryRow>& rows,
                      indicator::v1::ImportResult* result = nullptr) {
    indicator::v1::ImportResult ignored;
    return testing::StreamRows<v1::ImportRegisterEntriesRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportRegisterEntries(ctx, res); }, id, rows,
        result ? result : &ignored);
  }

  Fixture f_{"rehabilitasi", ComputedRegisterRules()};
};

TEST_F(RegisterTest, CountsEntriesByTheYearTheyQualified) {
  grpc::Status s = Import("ibm-2023", {Entry(2, "BNNP_NTB", "petugas_ibm_dilatih", "IBM-001", "2023-03-14"),
                                       Entry(3, "BNNP_NTB", "petugas_ibm_dilatih", "IBM-002", "2023-03-14"),
                                       Entry(4, "BNNK_BIMA", "petugas_ibm_dilatih", "IBM-003", "2023-06-01"),
                                       Entry(5, "BNNK_BIMA", "petugas_ibm_dilatih", "IBM-004", "2022-11-30"),
                                       Entry(6, "BNNK_MATARAM", "petugas_rehab_tersertifikasi", "SRT-01",
                                             "2023-09-01", "konselor adiksi")});
  ASSERT_TRUE(s.ok()) << s.error_message();
  auto v = f_.Values("IKK-07");
  ASSERT_TRUE(v.values(0).available()) << v.values(0).unavailable_reason();
  EXPECT_EQ(v.values(0).realisasi().value(), "3");  // IBM-004 qualified in 2022
  EXPECT_EQ(f_.Values("IKK-08").values(0).realisasi().value(), "1");

  // A corrected date moves IBM-003 out of 2023; the count follows, the entry is not duplicated.
  ASSERT_TRUE(
      Import("ibm-2023-koreksi", {Entry(2, "BNNK_BIMA", "petugas_ibm_dilatih", "IBM-003", "2022-12-20")})
          .ok());
  EXPECT_EQ(f_.Values("IKK-07").values(0).realisasi().value(), "2");

  v1::ListRegisterEntriesRequest list;
  list.set_fiscal_year(2023);
  list.set_measure("petugas_ibm_dilatih");
  v1::ListRegisterEntriesResponse entries;
  ASSERT_TRUE(f_.stub().ListRegisterEntries(Context().get(), list, &entries).ok());
  ASSERT_EQ(entries.entries_size(), 2);
  EXPECT_EQ(entries.entries(0).entry_ref(), "IBM-001");
  list.set_fiscal_year(2022);
  ASSERT_TRUE(f_.stub().ListRegisterEntries(Context().get(), list, &entries).ok());
  EXPECT_EQ(entries.entries_size(), 2);  // IBM-003 (corrected) and IBM-004

  list.set_measure("ikm_layanan_rehab");
  grpc::Status ls = f_.stub().ListRegisterEntries(Context().get(), list, &entries);
  EXPECT_EQ(ls.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(ls.error_message().find("ikm_layanan_rehab"), std::string::npos);
  list.set_measure("petugas_ibm_dilatih");
  list.set_satker_code("BNNK_LOMBOK");
  EXPECT_EQ(f_.stub().ListRegisterEntries(Context().get(), list, &entries).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegisterTest, BadRowsAreReportedByRowAndFieldAndNothingIsWritten) {
  const size_t audit = f_.AuditEntries();
  grpc::Status s =
      Import("bad", {Entry(2, "BNNP_NTB", "petugas_rehab_tersertifikasi", "SRT-01", "2023-01-05", "dukun"),
                     Entry(3, "BNNK_XYZ", "unit_ibm_beroperasi", "U-1", "2023-01-05"),
                     Entry(4, "BNNP_NTB", "lembaga_rehab_spm", "L-1", "2023-13-01"),
                     Entry(5, "BNNP_NTB", "ikm_layanan_rehab", "X-1", "2023-01-05"),
                     Entry(6, "BNNP_NTB", "lembaga_rehab_spm", "Budi Santoso", "2023-01-05"),
                     Entry(7, "BNNP_NTB", "unit_ibm_beroperasi", "U-2", "2023-01-05", "perawat"),
                     Entry(8, "BNNP_NTB", "unit_ibm_beroperasi", "U-3", "2023-01-05"),
                     Entry(9, "BNNP_NTB", "unit_ibm_beroperasi", "U-3", "2023-02-05")});
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  std::vector<std::pair<int64_t, std::string>> got;
  for (const auto& e : details.errors()) got.emplace_back(e.row_number(), e.field());
  const std::vector<std::pair<int64_t, std::string>> want = {
      {2, "attribute"}, {3, "satker_code"}, {4, "qualified_date"}, {5, "measure"},
      {6, "entry_ref"}, {7, "attribute"},   {9, "entry_ref"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(details.errors(0).value(), "dukun");
  EXPECT_EQ(f_.AuditEntries(), audit);
  EXPECT_FALSE(f_.Values("IKK-10").values(0).available());
}

}  // namespace
}  // namespace lkip::rehabilitasi
