// NKA (PMK 22/2021) and IKPA (PER-5/PB/2022) recomputed from their components with the
// shipped 2023 rule set: the published 87,93, the efficiency clamp, IKPA reweighting.
#include "services/keuangan/scores.h"

#include <gtest/gtest.h>

#include "common/rules/rule_book.h"

namespace lkip::keuangan {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

const rules::v1::BudgetRules& Budget2023() {
  static const RuleBook* book =
      new RuleBook(std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules")));
  return (*book->ForYear(2023))->rules().instruments().budget();
}

const RuleNumbers& Numbers() {
  static const RuleNumbers* numbers = new RuleNumbers(*RuleNumbers::Parse(Budget2023()));
  return *numbers;
}

TEST(NkaTest, ReproducesThePublished8793) {
  const Decimal nka =
      ComputeNka(Budget2023().nka(), Numbers(), D("95.53"), D("99.61"), D("99.72"), D("59.98"));
  EXPECT_EQ(nka.ToExactString(), "87.92791");
  EXPECT_EQ(nka.ToIndonesian(2), "87,93");
}

TEST(NkaTest, EfficiencyScoreClampsAtPlusMinusTwenty) {
  const auto& rule = Budget2023().nka();
  EXPECT_EQ(EfficiencyScore(rule, Numbers(), D("35")).ToExactString(), "100");
  EXPECT_EQ(EfficiencyScore(rule, Numbers(), D("20")).ToExactString(), "100");
  EXPECT_EQ(EfficiencyScore(rule, Numbers(), D("-25")).ToExactString(), "0");
  EXPECT_EQ(EfficiencyScore(rule, Numbers(), D("0")).ToExactString(), "50");
  EXPECT_EQ(EfficiencyScore(rule, Numbers(), D("3.992")).ToExactString(), "59.98");
  // The clamp reaches the NKA: E 35 and E 20 give the same score.
  EXPECT_EQ(
      ComputeNka(rule, Numbers(), D("90"), D("90"), D("90"), EfficiencyScore(rule, Numbers(), D("35"))),
      ComputeNka(rule, Numbers(), D("90"), D("90"), D("90"), EfficiencyScore(rule, Numbers(), D("20"))));
}

IkpaInput AllComponents() {
  IkpaInput in;
  in.values = {{"revisi_dipa", D("100")},        {"deviasi_halaman_iii", D("90")},   {"penyerapan", D("95")},
               {"belanja_kontraktual", D("80")}, {"penyelesaian_tagihan", D("100")}, {"up_tup", D("100")},
               {"capaian_output", D("98")}};
  return in;
}

TEST(IkpaTest, WeightsOf2023) {
  // (1000 + 1350 + 1900 + 800 + 1000 + 1000 + 2450) / 100
  EXPECT_EQ(ComputeIkpa(Budget2023().ikpa(), Numbers(), AllComponents())->ToExactString(), "95");
}

TEST(IkpaTest, InapplicableIndicatorIsReweighted) {
  IkpaInput in = AllComponents();
  in.values.erase("belanja_kontraktual");
  in.not_applicable.insert("belanja_kontraktual");
  // (1000 + 1350 + 1900 + 1000 + 1000 + 2450) / 90 = 8700 / 90
  const Decimal ikpa = *ComputeIkpa(Budget2023().ikpa(), Numbers(), in);
  EXPECT_EQ(ikpa, D("8700") / D("90"));
  EXPECT_EQ(ikpa.ToIndonesian(2), "96,67");
}

TEST(IkpaTest, DispensationDeductionAndClamp) {
  IkpaInput in = AllComponents();
  in.deduction = D("0.5");
  EXPECT_EQ(ComputeIkpa(Budget2023().ikpa(), Numbers(), in)->ToExactString(), "94.5");
  for (auto& [id, v] : in.values) v = D("0");
  in.deduction = D("3");
  EXPECT_EQ(ComputeIkpa(Budget2023().ikpa(), Numbers(), in)->ToExactString(), "0");
}

TEST(IkpaTest, MissingOrUnknownComponentIsRefused) {
  IkpaInput in = AllComponents();
  in.values.erase("up_tup");
  auto missing = ComputeIkpa(Budget2023().ikpa(), Numbers(), in);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(missing.status().message()).find("up_tup"), std::string::npos);
  in = AllComponents();
  in.values["pagu_minus"] = D("100");
  auto unknown = ComputeIkpa(Budget2023().ikpa(), Numbers(), in);
  EXPECT_NE(std::string(unknown.status().message()).find("pagu_minus"), std::string::npos);
  in = AllComponents();
  for (auto& [id, v] : in.values) in.not_applicable.insert(id);
  in.values.clear();
  EXPECT_EQ(ComputeIkpa(Budget2023().ikpa(), Numbers(), in).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace lkip::keuangan
