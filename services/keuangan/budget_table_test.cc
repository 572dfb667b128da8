// The budget tables from DIPA lines and monthly realisasi: the seed's program and satker tables
// to the rupiah, exact percentages, findings above pagu, the month cut-off.
#include "services/keuangan/budget_table.h"

#include <gtest/gtest.h>

#include "common/numeric/decimal.h"
#include "common/rules/rule_book.h"

namespace lkip::keuangan {
namespace {

const rules::v1::BudgetRules& Budget2023() {
  static const RuleBook* book =
      new RuleBook(std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules")));
  return (*book->ForYear(2023))->rules().instruments().budget();
}

std::string Pct(const keuangan::v1::BudgetRow& row) {
  return Decimal::Parse(row.realisasi_percent().value())->ToIndonesian(2);
}
std::string Eff(const keuangan::v1::BudgetRow& row) {
  return Decimal::Parse(row.efisiensi_percent().value())->ToIndonesian(2);
}

// One satker with pagu and realisasi per program (one kegiatan each), realisasi split over two
// months so the sums cross months.
SatkerBudget Satker(const char* code, int64_t pagu_dm, int64_t pagu_p4gn, int64_t real_dm,
                    int64_t real_p4gn) {
  SatkerBudget s;
  s.code = code;
  s.name = code;
  s.has_dipa = true;
  s.pagu = {{"DUKMAN", "ketatausahaan-sarpras", pagu_dm}, {"P4GN", "advokasi", pagu_p4gn}};
  s.realisasi[2] = {{"DUKMAN", "ketatausahaan-sarpras", real_dm / 3}, {"P4GN", "advokasi", real_p4gn / 2}};
  s.realisasi[11] = {{"DUKMAN", "ketatausahaan-sarpras", real_dm - real_dm / 3},
                     {"P4GN", "advokasi", real_p4gn - real_p4gn / 2}};
  return s;
}

// BNNP NTB and its four BNNK, 2023: the program x satker split is ours; the margins are the
// seed's (program table and satker table of Bab III B).
std::vector<SatkerBudget> Ntb2023() {
  return {Satker("BNNP_NTB", 6073519000, 2823206000, 6073519000 - 44148395, 2823206000 - 33997020),
          Satker("BNNK_MATARAM", 1060402000, 650000000, 1060402000, 650000000),
          Satker("BNNK_SUMBAWA_BARAT", 1108466000, 700000000, 1108466000 - 1000000, 700000000 - 1095249),
          Satker("BNNK_SUMBAWA", 1362663000, 720000000, 1362663000 - 6000000, 720000000 - 6204133),
          Satker("BNNK_BIMA", 1280063000, 690000000, 1280063000 - 100000, 690000000 - 119503)};
}

TEST(BudgetTableTest, ReproducesTheSeedsProgramAndSatkerTables) {
  const auto t = BuildBudgetTables(Budget2023(), Ntb2023(), 12);
  ASSERT_EQ(t.per_program().rows_size(), 2);
  const auto& dm = t.per_program().rows(0);
  EXPECT_EQ(dm.label(), "Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya");
  EXPECT_EQ(dm.pagu().amount(), 10885113000);
  EXPECT_EQ(dm.realisasi().amount(), 10833864605);
  EXPECT_EQ(Pct(dm), "99,53");
  EXPECT_EQ(dm.sisa().amount(), 51248395);
  EXPECT_EQ(Eff(dm), "0,47");
  const auto& p4gn = t.per_program().rows(1);
  EXPECT_EQ(p4gn.pagu().amount(), 5583206000);
  EXPECT_EQ(p4gn.realisasi().amount(), 5541790095);
  EXPECT_EQ(Pct(p4gn), "99,26");
  EXPECT_EQ(p4gn.sisa().amount(), 41415905);
  EXPECT_EQ(Eff(p4gn), "0,74");
  for (const auto* table : {&t.per_program(), &t.per_satker(), &t.per_kegiatan()}) {
    EXPECT_EQ(table->total().pagu().amount(), 16468319000);
    EXPECT_EQ(table->total().realisasi().amount(), 16375654700);
    EXPECT_EQ(Pct(table->total()), "99,44");
    EXPECT_EQ(table->total().sisa().amount(), 92664300);
    EXPECT_EQ(Eff(table->total()), "0,56");
  }
  const std::vector<std::tuple<int64_t, int64_t, std::string, int64_t, std::string>> satker = {
      {8896725000, 8818579585, "99,12", 78145415, "0,88"},
      {1710402000, 1710402000, "100,00", 0, "0,00"},
      {1808466000, 1806370751, "99,88", 2095249, "0,12"},
      {2082663000, 2070458867, "99,41", 12204133, "0,59"},
      {1970063000, 1969843497, "99,99", 219503, "0,01"}};
  ASSERT_EQ(t.per_satker().rows_size(), 5);
  for (int i = 0; i < 5; ++i) {
    const auto& row = t.per_satker().rows(i);
    EXPECT_EQ(row.pagu().amount(), std::get<0>(satker[i])) << row.code();
    EXPECT_EQ(row.realisasi().amount(), std::get<1>(satker[i])) << row.code();
    EXPECT_EQ(Pct(row), std::get<2>(satker[i])) << row.code();
    EXPECT_EQ(row.sisa().amount(), std::get<3>(satker[i])) << row.code();
    EXPECT_EQ(Eff(row), std::get<4>(satker[i])) << row.code();
  }
  EXPECT_EQ(t.findings_size(), 0);
  ASSERT_EQ(t.monthly_size(), 12);
  EXPECT_EQ(t.monthly(11).cumulative().amount(), 16375654700);
  EXPECT_EQ(t.monthly(0).realisasi().amount(), 0);
}

TEST(BudgetTableTest, MonthCutOffCountsOnlyEarlierMonths) {
  const auto t = BuildBudgetTables(Budget2023(), Ntb2023(), 6);
  EXPECT_EQ(t.per_satker().rows(1).realisasi().amount(), 1060402000 / 3 + 650000000 / 2);
  EXPECT_EQ(t.monthly_size(), 6);
  EXPECT_EQ(t.monthly(5).cumulative().amount(), t.per_satker().total().realisasi().amount());
}

TEST(BudgetTableTest, RealisasiAbovePaguIsAFindingAndANegativeSisa) {
  auto satker = Ntb2023();
  satker[1].realisasi[11].push_back({"P4GN", "advokasi", 1000});  // Mataram spent 1.000 above its pagu
  const auto t = BuildBudgetTables(Budget2023(), satker, 12);
  ASSERT_EQ(t.findings_size(), 1);
  EXPECT_EQ(t.findings(0).code(), "REALISASI_MELEBIHI_PAGU");
  EXPECT_EQ(t.findings(0).subject(), "BNNK_MATARAM P4GN/advokasi");
  EXPECT_NE(t.findings(0).message().find("Rp650.001.000"), std::string::npos) << t.findings(0).message();
  EXPECT_EQ(t.per_satker().rows(1).sisa().amount(), -1000);
  EXPECT_EQ(t.per_satker().total().sisa().amount(), 92664300 - 1000);
}

TEST(BudgetTableTest, SatkerWithoutDipaIsListedAndZeroPaguHasNoPercent) {
  SatkerBudget none;
  none.code = "BNNK_X";
  std::vector<SatkerBudget> satker = {none};
  const auto t = BuildBudgetTables(Budget2023(), satker, 12);
  ASSERT_EQ(t.satker_without_dipa_size(), 1);
  EXPECT_TRUE(t.per_satker().rows(0).realisasi_percent().value().empty());
  EXPECT_EQ(t.per_program().rows_size(), 0);
}

}  // namespace
}  // namespace lkip::keuangan
