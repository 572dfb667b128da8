// The computation written out for each aggregation kind and polarity, with the year's figures,
// and the category table taken from the measure.
#include "services/aggregator/report/report_formula.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lkip::aggregator {
namespace {

aggregator::v1::IndicatorResult Result(rules::v1::AggregationKind kind) {
  aggregator::v1::IndicatorResult r;
  r.set_code("IKK-01");
  r.set_available(true);
  r.set_polarity(common::v1::POLARITY_HIGHER_IS_BETTER);
  r.mutable_aggregation()->set_kind(kind);
  r.mutable_target()->mutable_value()->set_value("2");
  for (auto [code, name, value, counted] :
       {std::tuple{"BNNK_BIMA", "BNN Kabupaten Bima", "50.28", true},
        std::tuple{"BNNK_MATARAM", "BNN Kota Mataram", "58.17", false},
        std::tuple{"BNNK_SUMBAWA", "BNN Kabupaten Sumbawa", "51.88", true}}) {
    auto* row = r.add_satker_rows();
    row->set_satker_code(code);
    row->set_satker_name(name);
    row->mutable_value()->set_value(value);
    row->set_counted(counted);
  }
  return r;
}

TEST(ReportFormulaTest, CountOfUnitsNamesTheConditionAndTheCountedSatker) {
  auto r = Result(rules::v1::AGGREGATION_KIND_COUNT_UNITS);
  r.mutable_aggregation()->set_scope(common::v1::UNIT_LEVEL_KABUPATEN_KOTA);
  r.mutable_aggregation()->set_count_mode(rules::v1::COUNT_MODE_EXACT_BAND);
  r.mutable_aggregation()->set_category("Tinggi");
  r.mutable_realisasi()->set_value("2");
  r.set_capaian_available(true);
  r.mutable_capaian()->set_value("100");
  const auto j = ComputationOf(r);
  EXPECT_EQ(j.realisasi(),
            "Realisasi = jumlah BNNK berkategori \"Tinggi\" = 2 (BNN Kabupaten Bima, BNN Kabupaten Sumbawa)");
  EXPECT_EQ(j.capaian(), "Capaian = Realisasi / Target × 100% = 2 / 2 × 100% = 100,00%");

  r.mutable_aggregation()->set_count_mode(rules::v1::COUNT_MODE_THRESHOLD);
  r.mutable_aggregation()->set_threshold("92");
  EXPECT_NE(ComputationOf(r).realisasi().find("dengan nilai ≥ 92 = 2"), std::string::npos);
}

TEST(ReportFormulaTest, MeanAndSumShowEveryValue) {
  auto r = Result(rules::v1::AGGREGATION_KIND_MEAN_OF_UNITS);
  r.mutable_realisasi()->set_value("5333/100");
  r.mutable_target()->mutable_value()->set_value("51");
  r.set_capaian_available(true);
  r.mutable_capaian()->set_value("533300/5100");
  auto j = ComputationOf(r);
  EXPECT_EQ(j.realisasi(), "Realisasi = rata-rata nilai satker = (50,28 + 58,17 + 51,88) / 3 = 53,33");
  EXPECT_EQ(j.capaian(), "Capaian = Realisasi / Target × 100% = 53,33 / 51,00 × 100% = 104,57%");

  r = Result(rules::v1::AGGREGATION_KIND_SUM);
  r.mutable_realisasi()->set_value("160.33");
  EXPECT_EQ(ComputationOf(r).realisasi(),
            "Realisasi = jumlah nilai seluruh satker = 50,28 + 58,17 + 51,88 = 160,33");
}

// One decimal convention per measure: as many decimals as its most precise figure shows, at most
// two; a count of satker keeps its own beside the values it counts.
TEST(ReportFormulaTest, OneDecimalConventionPerMeasure) {
  auto r = Result(rules::v1::AGGREGATION_KIND_MEAN_OF_UNITS);  // satker values 50,28 58,17 51,88
  r.mutable_realisasi()->set_value("53.5");
  r.mutable_target()->mutable_value()->set_value("51");
  EXPECT_EQ(PlacesOf(r).province, 2);
  EXPECT_EQ(PlacesOf(r).satker, 2);
  r.mutable_satker_rows(0)->mutable_value()->set_value("3.30512");
  EXPECT_EQ(PlacesOf(r).satker, 2) << "at most two";
  auto count = Result(rules::v1::AGGREGATION_KIND_COUNT_UNITS);
  count.mutable_realisasi()->set_value("3");
  count.mutable_target()->mutable_value()->set_value("2");
  EXPECT_EQ(PlacesOf(count).province, 0);
  EXPECT_EQ(PlacesOf(count).satker, 2);
  auto whole = Result(rules::v1::AGGREGATION_KIND_SUM);
  for (auto& row : *whole.mutable_satker_rows()) row.mutable_value()->set_value("7");
  whole.mutable_realisasi()->set_value("21");
  whole.mutable_target()->mutable_value()->set_value("20.5");
  EXPECT_EQ(PlacesOf(whole).satker, 1) << "the target's decimal";
}

TEST(ReportFormulaTest, LowerIsBetterAndZeroTargetAndNoData) {
  auto r = Result(rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE);
  r.set_polarity(common::v1::POLARITY_LOWER_IS_BETTER);
  r.mutable_target()->mutable_value()->set_value("10");
  r.mutable_realisasi()->set_value("8");
  r.set_capaian_available(true);
  r.mutable_capaian()->set_value("120");
  auto j = ComputationOf(r);
  // The satker values of the fixture carry two decimals: one convention for the IKK's figures.
  EXPECT_EQ(j.realisasi(), "Realisasi = nilai BNNP = 8,00");
  EXPECT_EQ(j.capaian(),
            "Capaian = (2 × Target − Realisasi) / Target × 100% = (2 × 10,00 − 8,00) / 10,00 × 100% = "
            "120,00%");

  r.mutable_target()->mutable_value()->set_value("0");
  r.mutable_realisasi()->set_value("0");
  r.mutable_capaian()->set_value("100");
  r.set_capaian_note("target 0, realisasi 0: capaian 100 [default]");
  EXPECT_EQ(ComputationOf(r).capaian(), "Capaian = 100,00% (target 0, realisasi 0: capaian 100 [default])");

  r.set_available(false);
  EXPECT_EQ(ComputationOf(r).realisasi(), "");
  EXPECT_EQ(ComputationOf(r).capaian(), "");
}

TEST(ReportFormulaTest, CategoryTableComesFromTheMeasure) {
  auto r = Result(rules::v1::AGGREGATION_KIND_COUNT_UNITS);
  EXPECT_EQ(CategoryTableOf(r).rows_size(), 0);
  r.set_category_scheme_name("Klasifikasi Indeks Rata-rata Ketahanan Diri (anti) Narkoba");
  for (auto [label, display] :
       {std::pair{"Sangat Rendah", "≤ 45,97"}, std::pair{"Rendah", "45,98 - 49,73"}}) {
    auto* c = r.add_categories();
    c->set_label(label);
    c->set_display(display);
  }
  const auto j = CategoryTableOf(r);
  EXPECT_EQ(j.name(), "Klasifikasi Indeks Rata-rata Ketahanan Diri (anti) Narkoba");
  ASSERT_EQ(j.rows_size(), 2);
  EXPECT_EQ(j.rows(1).label(), "Rendah");
  EXPECT_EQ(j.rows(1).interval(), "45,98 - 49,73");
}

// The parts of the satker values, one column per part in the order first given; "-" where a
// satker lacks one; satker without parts left out; no rows when none has parts.
TEST(ReportFormulaTest, RincianHasAColumnPerPartAndARowPerSatkerWithParts) {
  auto r = Result(rules::v1::AGGREGATION_KIND_COUNT_UNITS);
  EXPECT_EQ(RincianOf(r).rows_size(), 0);
  auto add = [&r](int row, const char* id, const char* label, const char* value) {
    auto* d = r.mutable_satker_rows(row)->add_details();
    d->set_id(id);
    d->set_label(label);
    d->mutable_value()->set_value(value);
  };
  add(0, "lembaga_pemerintah", "Lembaga pemerintah", "1");
  add(0, "ikp_pemerintah", "IKP pemerintah", "3.36");
  add(2, "lembaga_pendidikan", "Lembaga pendidikan", "2");
  add(2, "ikp_pemerintah", "IKP pemerintah", "3.66");
  r.mutable_satker_rows(0)->mutable_provenance()->set_source_document("data sintetis");
  r.mutable_satker_rows(2)->mutable_provenance()->set_source_document("data sintetis");
  const auto t = RincianOf(r);
  EXPECT_EQ(std::vector<std::string>(t.columns().begin(), t.columns().end()),
            (std::vector<std::string>{"Lembaga pemerintah", "IKP pemerintah", "Lembaga pendidikan"}));
  // A part first met in a later row goes right after its row's previous part.
  add(2, "ikp_pendidikan", "IKP pendidikan", "3.32");
  add(1, "ikp_pemerintah", "IKP pemerintah", "3.76");
  add(1, "ikp_swasta", "IKP swasta", "3.5");
  const auto u = RincianOf(r);
  EXPECT_EQ(std::vector<std::string>(u.columns().begin(), u.columns().end()),
            (std::vector<std::string>{"Lembaga pemerintah", "IKP pemerintah", "IKP pendidikan", "IKP swasta",
                                      "Lembaga pendidikan"}));
  ASSERT_EQ(t.rows_size(), 2);
  EXPECT_EQ(t.rows(0).satker(), "BNN Kabupaten Bima");
  EXPECT_EQ(std::vector<std::string>(t.rows(0).cells().begin(), t.rows(0).cells().end()),
            (std::vector<std::string>{"1", "3,36", "-"}));
  EXPECT_EQ(t.rows(1).satker(), "BNN Kabupaten Sumbawa");
  EXPECT_EQ(std::vector<std::string>(t.rows(1).cells().begin(), t.rows(1).cells().end()),
            (std::vector<std::string>{"-", "3,66", "2"}));
  EXPECT_EQ(t.sumber(), "data sintetis");  // each source once
}

}  // namespace
}  // namespace lkip::aggregator
