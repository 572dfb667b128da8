// The SVG chart: bars scaled to the largest value, a missing value drawn as "-", text escaped,
// the same input giving the same bytes.
#include "report_render/report_charts.h"

#include <gtest/gtest.h>

namespace lkip::render {
namespace {

TEST(ReportChartsTest, BarsAreScaledToTheLargestValue) {
  const std::string svg = HorizontalBarChartSvg(
      "Pagu & realisasi", {{"Pagu", "#00f"}, {"Realisasi", "#0f0"}},
      {{"BNNP <NTB>", {100.0, 50.0}, {"100", "50"}}, {"BNNK Bima", {std::nullopt, 25.0}, {"", "25"}}}, 640);
  // The label column is 190 px and 110 px are kept for values: 340 px for the largest bar.
  EXPECT_NE(svg.find("width=\"340.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"170.0\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"85.0\""), std::string::npos);
  EXPECT_NE(svg.find(">-</text>"), std::string::npos) << "a missing value is printed as -";
  EXPECT_NE(svg.find("BNNP &lt;NTB&gt;"), std::string::npos);
  EXPECT_NE(svg.find("Pagu &amp; realisasi"), std::string::npos);
  EXPECT_EQ(svg.find("<NTB>"), std::string::npos);
  // The charts escape as the templates do (one escaper): a quote in a label is an entity.
  EXPECT_NE(HorizontalBarChartSvg("Kab. \"Lombok\" 'Barat'", {{"Pagu", "#00f"}}, {}, 640)
                .find("Kab. &quot;Lombok&quot; &apos;Barat&apos;"),
            std::string::npos);
  EXPECT_EQ(svg, HorizontalBarChartSvg("Pagu & realisasi", {{"Pagu", "#00f"}, {"Realisasi", "#0f0"}},
                                       {{"BNNP <NTB>", {100.0, 50.0}, {"100", "50"}},
                                        {"BNNK Bima", {std::nullopt, 25.0}, {"", "25"}}},
                                       640));
}

TEST(ReportChartsTest, LongLabelsWrapToThreeLines) {
  const std::string svg = HorizontalBarChartSvg("t", {{"a", "#000"}},
                                                {{"Program Pencegahan dan Pemberantasan Penyalahgunaan dan "
                                                  "Peredaran Gelap Narkoba dan Prekursor Narkotika",
                                                  {1.0},
                                                  {"1"}}});
  size_t tspans = 0;
  for (size_t at = svg.find("<tspan"); at != std::string::npos; at = svg.find("<tspan", at + 1)) ++tspans;
  EXPECT_EQ(tspans, 3u);
  EXPECT_NE(svg.find(" …</tspan>"), std::string::npos);
}

}  // namespace
}  // namespace lkip::render
