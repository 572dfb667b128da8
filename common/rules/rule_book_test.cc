#include "common/rules/rule_book.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/rules/aggregate.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

rules::v1::RuleSet Shipped() {
  auto book = RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
  EXPECT_TRUE(book.ok()) << book.status();
  return (*(*book).ForYear(2023))->rules();
}

TEST(RuleBookTest, ShippedRulesCoverTheNineteenIndicators) {
  rules::v1::RuleSet rs = Shipped();
  EXPECT_EQ(rs.indicators_size(), 19);
  auto loaded = YearRules::Load(rs);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const YearRules& rules = **loaded;
  EXPECT_EQ(rules.IndicatorsOf("pencegahan").size(), 5u);
  EXPECT_EQ(rules.IndicatorsOf("rehabilitasi").size(), 6u);
  EXPECT_EQ(rules.IndicatorsOf("pemberantasan").size(), 3u);
  EXPECT_EQ(rules.IndicatorsOf("keuangan").size(), 4u);
  EXPECT_EQ(rules.IndicatorsOf("zonaintegritas").size(), 1u);
}

TEST(RuleBookTest, ValidationNamesTheField) {
  rules::v1::RuleSet rs = Shipped();
  rs.mutable_indicators(3)->set_measure("nope");
  absl::Status s = ValidateRuleSet(rs);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("indicators[3].measure"), absl::string_view::npos) << s;

  rs = Shipped();
  rs.mutable_measures(0)->mutable_categories(2)->set_min("40");  // below the previous minimum
  EXPECT_NE(ValidateRuleSet(rs).message().find("measures[0].categories[2].min"), absl::string_view::npos);

  rs = Shipped();
  rs.mutable_indicators(0)->mutable_aggregation()->set_category("Luar Biasa");
  EXPECT_NE(ValidateRuleSet(rs).message().find("aggregation.category"), absl::string_view::npos);

  rs = Shipped();
  rs.mutable_band_sets(0)->mutable_bands(1)->set_lower("sembilan puluh");
  EXPECT_NE(ValidateRuleSet(rs).message().find("band_sets[0].bands[1].lower"), absl::string_view::npos);

  rs = Shipped();
  *rs.add_indicators() = rs.indicators(0);
  EXPECT_NE(ValidateRuleSet(rs).message().find("defined twice"), absl::string_view::npos);

  rs = Shipped();
  rs.mutable_instruments()->mutable_kawasan_transitions(0)->set_from_status("Rawan");
  EXPECT_NE(ValidateRuleSet(rs).message().find("instruments.kawasan_transitions[0].from_status"),
            absl::string_view::npos);

  rs = Shipped();
  rs.mutable_instruments()->mutable_registers(1)->clear_allowed_values();
  EXPECT_NE(ValidateRuleSet(rs).message().find("instruments.registers[1].allowed_values"),
            absl::string_view::npos);

  rs = Shipped();
  rs.mutable_instruments()->set_ikkr_measure("ikk");
  EXPECT_NE(ValidateRuleSet(rs).message().find("instruments.ikkr_measure"), absl::string_view::npos);
}

TEST(RuleBookTest, LoadDirectoryNamesTheBadFile) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("2023.json")) << "{\"fiscal_year\": 2023, \"version\": }";
  auto book = RuleBook::LoadDirectory(dir.path());
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("2023.json"), absl::string_view::npos) << book.status();
  EXPECT_FALSE(RuleBook::LoadDirectory(dir.Sub("missing")).ok());
  EXPECT_EQ((*RuleBook::FromRuleSets({Shipped()})).ForYear(2024).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(RuleBookTest, CategoriesUseUnroundedThresholds) {
  const std::shared_ptr<const YearRules> loaded = *YearRules::Load(Shipped());
  const YearRules& rules = *loaded;
  const auto& dektari = *rules.FindMeasure("dektari");
  auto label = [&](const char* v) {
    return dektari.categories(rules.CategoryIndex(dektari, *Decimal::Parse(v))).label();
  };
  EXPECT_EQ(label("45.97"), "Sangat Rendah");
  EXPECT_EQ(label("45.975"), "Sangat Rendah");  // in the printed gap: stays below the next threshold
  EXPECT_EQ(label("45.98"), "Rendah");
  EXPECT_EQ(label("53.5"), "Tinggi");
  EXPECT_EQ(label("53.51"), "Sangat Tinggi");
  const auto& nka = *rules.FindMeasure("nka");
  EXPECT_EQ(nka.categories(rules.CategoryIndex(nka, *Decimal::Parse("90"))).label(),
            "Baik");  // "> 90" is exclusive
  EXPECT_EQ(nka.categories(rules.CategoryIndex(nka, *Decimal::Parse("87.93"))).label(), "Baik");
}

// The count modes of IKK-01..03 from the NTB satker values (domain-rules §4, §5).
TEST(AggregateTest, NtbCountsUnderEachCountMode) {
  const std::shared_ptr<const YearRules> loaded = *YearRules::Load(Shipped());
  const YearRules& rules = *loaded;
  auto figures = [](std::vector<std::pair<const char*, const char*>> rows) {
    std::vector<SatkerFigure> out;
    for (auto& [code, v] : rows) {
      out.push_back({code,
                     std::string(code) == "BNNP_NTB" ? common::v1::UNIT_LEVEL_PROVINSI
                                                     : common::v1::UNIT_LEVEL_KABUPATEN_KOTA,
                     *Decimal::Parse(v)});
    }
    return out;
  };
  auto run = [&](const char* code, std::vector<SatkerFigure> rows) {
    const auto* rule = rules.FindIndicator(code);
    return Aggregate(rules, *rule, *rules.FindMeasure(rule->measure()), "BNNP_NTB", rows);
  };
  auto dektari = figures({{"BNNP_NTB", "54.36"},
                          {"BNNK_MATARAM", "58.17"},
                          {"BNNK_SUMBAWA_BARAT", "53.5"},
                          {"BNNK_SUMBAWA", "51.88"},
                          {"BNNK_BIMA", "50.28"}});
  Aggregated ikk01 = run("IKK-01", dektari);
  EXPECT_EQ(ikk01.realisasi.ToExactString(), "3");  // exact band: Mataram is Sangat Tinggi
  EXPECT_FALSE(ikk01.rows[1].counted);
  EXPECT_FALSE(ikk01.rows[0].counted);  // the BNNP is not a kab/kota
  auto dektara = figures({{"BNNP_NTB", "75.714"},
                          {"BNNK_MATARAM", "94.464"},
                          {"BNNK_SUMBAWA_BARAT", "83.571"},
                          {"BNNK_SUMBAWA", "83.125"},
                          {"BNNK_BIMA", "86.607"}});
  EXPECT_EQ(run("IKK-02", dektara).realisasi.ToExactString(), "4");  // at least Tinggi
  auto ikp = figures({{"BNNP_NTB", "3.305"},
                      {"BNNK_MATARAM", "3.72"},
                      {"BNNK_SUMBAWA_BARAT", "3.25"},
                      {"BNNK_SUMBAWA", "3.49"},
                      {"BNNK_BIMA", "3.31"}});
  EXPECT_EQ(run("IKK-03", ikp).realisasi.ToExactString(), "4");
  auto nka = figures({{"BNNP_NTB", "87.93"},
                      {"BNNK_MATARAM", "87.5"},
                      {"BNNK_SUMBAWA_BARAT", "85.69"},
                      {"BNNK_SUMBAWA", "86.05"},
                      {"BNNK_BIMA", "85.77"}});
  EXPECT_EQ(run("IKK-15", nka).realisasi.ToExactString(), "87.93");
  EXPECT_EQ(run("IKK-16", nka).realisasi.ToExactString(), "0");
  auto ibm = figures({{"BNNP_NTB", "24"},
                      {"BNNK_MATARAM", "10"},
                      {"BNNK_SUMBAWA_BARAT", "10"},
                      {"BNNK_SUMBAWA", "10"},
                      {"BNNK_BIMA", "10"}});
  EXPECT_EQ(run("IKK-07", ibm).realisasi.ToExactString(), "64");
  EXPECT_FALSE(run("IKK-07", {}).available);
  EXPECT_FALSE(run("IKK-15", figures({{"BNNK_BIMA", "90"}})).available);
}

// The rule set's decimals are parsed once, found by their text, and a bad one is refused with
// its path wherever rules.proto marks it: in a nested message, a repeated field or a map.
TEST(RuleNumbersTest, EveryMarkedFieldIsParsedOnce) {
  const auto loaded = YearRules::Load(Shipped());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const YearRules& year = **loaded;
  const auto& rs = year.rules();
  const auto& n = year.numbers();
  EXPECT_EQ(n.Get(rs.instruments().budget().nka().efficiency_clamp()), Decimal(20));
  EXPECT_EQ(n.Get(rs.instruments().skm_weight()).ToExactString(), "1/9");
  const auto& wbk = rs.instruments().zona_integritas().verdicts(0);
  EXPECT_EQ(n.Get(wbk.min_hasil().at("ipak")).ToExactString(), "15.75");  // a map's value
  EXPECT_EQ(n.Get(rs.zero_target_lower_is_better().capaian_when_realisasi_zero()), Decimal(100));
  // A band open at one side, and the first category, have no bound.
  EXPECT_EQ(n.Optional(""), std::nullopt);
  EXPECT_EQ(n.Optional(rs.measures(0).categories(1).min()),
            *Decimal::Parse(rs.measures(0).categories(1).min()));
}

TEST(RuleNumbersTest, ABadNumberIsRefusedWithItsPath) {
  auto refused = [](const rules::v1::RuleSet& rs) {
    auto numbers = RuleNumbers::Parse(rs);
    EXPECT_EQ(numbers.status().code(), absl::StatusCode::kInvalidArgument);
    // The loader refuses it too, before anything computes with it.
    EXPECT_EQ(YearRules::Load(rs).status().code(), absl::StatusCode::kInvalidArgument);
    return std::string(numbers.status().message());
  };
  rules::v1::RuleSet rs = Shipped();
  (*rs.mutable_instruments()->mutable_zona_integritas()->mutable_verdicts(0)->mutable_min_hasil())["ipak"] =
      "15,75";
  EXPECT_EQ(refused(rs).rfind("instruments.zona_integritas.verdicts[0].min_hasil[ipak]: ", 0), 0u);

  rs = Shipped();
  rs.mutable_instruments()->mutable_budget()->mutable_ikpa()->mutable_components(2)->set_weight("10%");
  EXPECT_EQ(refused(rs).rfind("instruments.budget.ikpa.components[2].weight: ", 0), 0u);

  rs = Shipped();
  rs.mutable_measures(0)->set_scale_max("seratus");
  EXPECT_EQ(refused(rs).rfind("measures[0].scale_max: ", 0), 0u);
}

TEST(RuleNumbersTest, AnyPartOfARuleSetCanBeParsedAlone) {
  const rules::v1::RuleSet rs = Shipped();
  const auto& nka = rs.instruments().budget().nka();
  auto numbers = RuleNumbers::Parse(nka);
  ASSERT_TRUE(numbers.ok()) << numbers.status();
  EXPECT_EQ(numbers->Get(nka.weight_penyerapan()), *Decimal::Parse(nka.weight_penyerapan()));
  EXPECT_EQ(numbers->Get(nka.tolerance()), *Decimal::Parse(nka.tolerance()));
}

TEST(RuleNumbersDeathTest, AnUnmarkedTextIsAProgrammingError) {
  auto numbers = RuleNumbers::Parse(Shipped());
  ASSERT_TRUE(numbers.ok());
  EXPECT_DEATH(numbers->Get("12345.678"), "mark its field exact_decimal");
}

}  // namespace
}  // namespace lkip
