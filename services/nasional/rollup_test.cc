// The national tables from hand-made reports: each national aggregation kind, ranks with ties,
// the lists of provinces, the comparisons, and both CSV dialects.
#include "services/nasional/rollup.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "services/nasional/rollup_files.h"

namespace lkip::nasional {
namespace {

rules::v1::RuleSet Rules() {
  rules::v1::RuleSet rs;
  rs.set_fiscal_year(2023);
  rs.set_version("2023.1");
  rs.mutable_zero_target_lower_is_better()->set_capaian_when_realisasi_zero("100");
  rs.mutable_zero_target_lower_is_better()->set_capaian_otherwise("0");
  auto* m = rs.add_measures();
  m->set_id("dektari");
  m->set_name("Dektari");
  m->set_service("pencegahan");
  m->set_kind(rules::v1::MEASURE_KIND_INDEX);
  auto* count = rs.add_indicators();
  count->set_code("IKK-01");
  count->set_name("Jumlah kabupaten/kota");
  count->set_unit("Kabupaten/Kota");
  count->set_polarity(common::v1::POLARITY_HIGHER_IS_BETTER);
  count->set_measure("dektari");
  count->mutable_aggregation()->set_kind(rules::v1::AGGREGATION_KIND_SUM);
  count->mutable_national()->set_kind(rules::v1::NATIONAL_KIND_SUM);
  count->mutable_national()->set_of(rules::v1::NATIONAL_QUANTITY_REALISASI);
  auto* cmp = count->mutable_national_comparison();
  cmp->set_kind(rules::v1::NATIONAL_KIND_MEAN);
  cmp->set_of(rules::v1::NATIONAL_QUANTITY_MEASURE_MEAN);
  cmp->set_label("Indeks Dektari");
  auto* index = rs.add_indicators();
  *index = *count;
  index->set_code("IKK-02");
  index->clear_national_comparison();
  index->mutable_national()->set_kind(rules::v1::NATIONAL_KIND_COUNT_IN_BAND);
  index->mutable_national()->set_band_set("S1");
  index->mutable_national()->set_band("> 100%");
  auto* bs = rs.add_band_sets();
  bs->set_id("S1");
  for (const char* label : {"> 100%", "<= 100%"}) bs->add_bands()->set_label(label);
  bs->mutable_bands(0)->set_lower("100");
  bs->mutable_bands(1)->set_upper("100");
  bs->mutable_bands(1)->set_upper_inclusive(true);
  return rs;
}

// A province's report: IKK-01 with `realisasi`, capaian and satker values; IKK-02 with capaian.
ProvinceSnapshot Province(const std::string& code, const std::string& realisasi, const std::string& capaian,
                          std::vector<std::string> satker_values, const std::string& capaian2) {
  ProvinceSnapshot s;
  s.info.set_province_code(code);
  s.info.set_name(code.substr(5));
  s.info.set_has_snapshot(true);
  s.pulled_at_micros = 1700000000000000;
  report::v1::Report r;
  r.set_rule_set_version("2023.1");
  auto* sasaran = r.add_sasaran();
  auto add = [&](const std::string& ikk, const std::string& real, const std::string& cap) {
    auto* i = sasaran->add_indicators();
    i->set_code(ikk);
    i->set_available(true);
    i->mutable_realisasi()->set_value(real);
    i->set_realisasi_display(real);
    i->set_capaian_available(!cap.empty());
    if (!cap.empty()) i->mutable_capaian()->set_value(cap);
    return i;
  };
  auto* first = add("IKK-01", realisasi, capaian);
  for (const auto& v : satker_values) first->add_satker_rows()->mutable_row()->mutable_value()->set_value(v);
  add("IKK-02", "1", capaian2);
  auto* bands = r.add_band_sets();
  bands->set_band_set("S1");
  auto* high = bands->add_rows();
  high->set_label("> 100%");
  auto* low = bands->add_rows();
  low->set_label("<= 100%");
  for (const auto& [ikk, cap] : {std::pair{"IKK-01", capaian}, std::pair{"IKK-02", capaian2}}) {
    if (cap.empty()) continue;
    (std::stod(cap) > 100 ? high : low)->add_codes(ikk);
  }
  DescribeReport(r, &s.info);
  s.report = std::move(r);
  return s;
}

TEST(RollUpTest, NationalValuesRanksAndListsFollowTheRules) {
  auto rules = YearRules::Load(Rules());
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::vector<ProvinceSnapshot> provinces = {
      Province("BNNP_NTB", "3", "150", {"54.36", "58.17", "53.5"}, "120"),
      Province("BNNP_BALI", "2", "100", {"50", "51"}, "80"),
      Province("BNNP_ACEH", "5", "150", {"60"}, ""),
  };
  provinces[1].info.set_stale(true);
  provinces[2].report->mutable_approval()->set_state(approval::v1::APPROVAL_STATE_DITETAPKAN);
  provinces[2].info.set_approval_state(approval::v1::APPROVAL_STATE_DITETAPKAN);
  ProvinceSnapshot missing;
  missing.info.set_province_code("BNNP_PAPUA");
  provinces.push_back(missing);

  auto roll_up = BuildRollUp(**rules, provinces);
  ASSERT_TRUE(roll_up.ok()) << roll_up.status();
  const auto& ikk01 = roll_up->indicators(0);
  EXPECT_EQ(ikk01.national().value().value(), "10");  // 3 + 2 + 5
  EXPECT_EQ(ikk01.national().rule(), "jumlah realisasi 3 provinsi");
  // Mean of the provinces' satker means: (166.03/3 + 50.5 + 60) / 3, exact.
  const Decimal expected =
      (*Decimal::Parse("166.03") / Decimal(3) + *Decimal::Parse("50.5") + Decimal(60)) / Decimal(3);
  EXPECT_EQ(ikk01.comparison().value().value(), expected.ToExactString());
  EXPECT_EQ(ikk01.comparison().label(), "Indeks Dektari");
  // NTB and ACEH tie at 150 (rank 1), BALI third.
  ASSERT_EQ(ikk01.provinces_size(), 3);
  EXPECT_EQ(ikk01.provinces(0).province_code(), "BNNP_NTB");
  EXPECT_EQ(ikk01.provinces(0).rank(), 1);
  EXPECT_EQ(ikk01.provinces(1).province_code(), "BNNP_ACEH");
  EXPECT_EQ(ikk01.provinces(1).rank(), 1);
  EXPECT_EQ(ikk01.provinces(2).rank(), 3);
  EXPECT_TRUE(ikk01.provinces(2).stale());
  EXPECT_EQ(ikk01.bands(0).count(), 2);
  EXPECT_EQ(ikk01.bands(1).count(), 1);
  // IKK-02 counts the provinces in the band "> 100%": NTB only (ACEH has no capaian).
  const auto& ikk02 = roll_up->indicators(1);
  EXPECT_EQ(ikk02.national().value().value(), "1");
  EXPECT_FALSE(ikk02.has_comparison());
  EXPECT_EQ(ikk02.provinces(2).province_code(), "BNNP_ACEH");
  EXPECT_EQ(ikk02.provinces(2).rank(), 0);
  EXPECT_EQ(ikk02.provinces(2).capaian_display(), "NA");
  // The overall ranking: ACEH 150 (one IKK), NTB 135, BALI 90.
  ASSERT_EQ(roll_up->ranking_size(), 3);
  EXPECT_EQ(roll_up->ranking(0).province_code(), "BNNP_ACEH");
  EXPECT_EQ(roll_up->ranking(1).mean_capaian_display(), "135,00");
  EXPECT_EQ(roll_up->ranking(2).province_code(), "BNNP_BALI");
  EXPECT_EQ(std::vector<std::string>(roll_up->missing().begin(), roll_up->missing().end()),
            std::vector<std::string>{"BNNP_PAPUA"});
  EXPECT_EQ(std::vector<std::string>(roll_up->stale().begin(), roll_up->stale().end()),
            std::vector<std::string>{"BNNP_BALI"});
  EXPECT_EQ(std::vector<std::string>(roll_up->ditetapkan().begin(), roll_up->ditetapkan().end()),
            std::vector<std::string>{"BNNP_ACEH"});
  EXPECT_FALSE(roll_up->complete());

  const auto comparisons = NationalComparisons(**rules, *roll_up, "BNNP_NTB");
  ASSERT_EQ(comparisons.size(), 1u);
  EXPECT_EQ(comparisons[0].code(), "IKK-01");
  EXPECT_EQ(comparisons[0].province_value().value(),
            (*Decimal::Parse("166.03") / Decimal(3)).ToExactString());
  EXPECT_TRUE(absl::StrContains(comparisons[0].national_source(), "layanan nasional lkip"));
  EXPECT_TRUE(absl::StrContains(comparisons[0].national_source(), "belum mutakhir"));

  const auto rendered = RollUpFiles(*roll_up, {v1::ROLL_UP_FORMAT_CSV}, "");
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  const auto& files = *rendered;
  ASSERT_EQ(files.size(), 2u);
  EXPECT_TRUE(absl::StrContains(files[0].content(),
                                "2023;IKK-01;Jumlah kabupaten/kota;Kabupaten/Kota;BNNP_NTB;NTB;;3;150;> "
                                "100%;1;tidak;10;jumlah realisasi 3 provinsi\r\n"))
      << files[0].content();
  EXPECT_TRUE(absl::StrContains(files[1].content(),
                                "2023,IKK-01,Jumlah kabupaten/kota,Kabupaten/Kota,BNNP_BALI,BALI,,2,100,<= "
                                "100%,3,ya,10,jumlah realisasi 3 provinsi\r\n"))
      << files[1].content();
}

TEST(RollUpTest, NoRuleAndNoValuesGiveNoNationalValue) {
  rules::v1::RuleSet rs = Rules();
  rs.mutable_indicators(0)->clear_national();
  auto rules = YearRules::Load(rs);
  ASSERT_TRUE(rules.ok()) << rules.status();
  ProvinceSnapshot only_missing;
  only_missing.info.set_province_code("BNNP_NTB");
  auto roll_up = BuildRollUp(**rules, {only_missing});
  ASSERT_TRUE(roll_up.ok());
  EXPECT_FALSE(roll_up->indicators(0).national().available());
  EXPECT_FALSE(roll_up->indicators(0).comparison().available());
  EXPECT_EQ(roll_up->indicators(0).comparison().rule(), "rata-rata nilai rata-rata satker 0 provinsi");
  EXPECT_TRUE(roll_up->as_of().empty());
}

TEST(RollUpTest, ARuleSetRefusesABadNationalRule) {
  rules::v1::RuleSet rs = Rules();
  rs.mutable_indicators(1)->mutable_national()->set_band("Sangat Baik");
  auto rules = YearRules::Load(rs);
  ASSERT_FALSE(rules.ok());
  EXPECT_TRUE(absl::StrContains(rules.status().message(), "indicators[1].national.band")) << rules.status();
  rs = Rules();
  rs.mutable_indicators(0)->mutable_national_comparison()->clear_label();
  rules = YearRules::Load(rs);
  ASSERT_FALSE(rules.ok());
  EXPECT_TRUE(absl::StrContains(rules.status().message(), "national_comparison.label")) << rules.status();
}

}  // namespace
}  // namespace lkip::nasional
