#include "report_render/capaian_output.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "report_render/mustache_template.h"

namespace lkip::render {
namespace {

aggregator::v1::CapaianReport Report() {
  aggregator::v1::CapaianReport r;
  r.set_fiscal_year(2023);
  r.set_province_code("BNNP_NTB");
  r.set_province_name("BNNP Nusa Tenggara Barat");
  r.set_complete(false);
  auto* a = r.add_indicators();
  a->set_code("IKK-02");
  a->set_name("Dektara <Tinggi>");
  a->mutable_target()->mutable_value()->set_value("3");
  a->set_available(true);
  a->mutable_realisasi()->set_value("4");
  a->set_capaian_available(true);
  a->mutable_capaian()->set_value("400/3");
  a->set_verified(true);
  auto* b = r.add_indicators();
  b->set_code("IKK-12");
  b->mutable_target()->mutable_value()->set_value("12");
  b->set_available(false);
  b->set_unavailable_reason("layanan pemberantasan tidak dapat dihubungi");
  auto* bands = r.add_bands();
  bands->set_band_set("S3");
  auto* row = bands->add_rows();
  row->set_label("Melebihi target");
  row->set_count(1);
  row->add_codes("IKK-02");
  return r;
}

TEST(CapaianOutputTest, JsonFollowsTheHqContract) {
  auto j = CapaianJson(Report());
  EXPECT_EQ(j["fiscal_year"], 2023);
  EXPECT_EQ(j["province_code"], "BNNP_NTB");
  EXPECT_EQ(j["indicators"][0]["code"], "IKK-02");
  EXPECT_EQ(j["indicators"][0]["target"], "3");
  EXPECT_EQ(j["indicators"][0]["realisasi"], "4");
  EXPECT_EQ(j["indicators"][0]["capaian"], "133.33");
  EXPECT_EQ(j["indicators"][0]["capaian_exact"], "133.33333333333333333333");  // never a fraction
  EXPECT_EQ(j["indicators"][0]["capaian_exact_fraction"], "400/3");
  EXPECT_FALSE(j["indicators"][0].contains("realisasi_fraction"));
  EXPECT_EQ(j["indicators"][0]["capaian_display"], "133,33");
  EXPECT_TRUE(j["indicators"][1]["capaian"].is_null());
  EXPECT_EQ(j["bands"]["S3"][0]["count"], 1);
  EXPECT_EQ(j["bands"]["S3"][0]["label"], "Melebihi target");
}

// The capaian page shows an IKK's target and realisasi with the report's decimals: as many as
// the most precise of its figures, at most two (53,50 beside 54,36, not 53,5).
TEST(CapaianOutputTest, TargetAndRealisasiShareTheReportsDecimals) {
  auto r = Report();
  auto* ind = r.mutable_indicators(0);
  ind->mutable_target()->mutable_value()->set_value("53.5");
  ind->mutable_realisasi()->set_value("54.36");
  auto j = CapaianJson(r);
  EXPECT_EQ(j["indicators"][0]["target_display"], "53,50");
  EXPECT_EQ(j["indicators"][0]["realisasi_display"], "54,36");
  ind->mutable_realisasi()->set_value("54.3612");
  j = CapaianJson(r);
  EXPECT_EQ(j["indicators"][0]["target_display"], "53,50");
  EXPECT_EQ(j["indicators"][0]["realisasi_display"], "54,36");
  EXPECT_EQ(j["indicators"][1]["target_display"], "12");
}

TEST(CapaianOutputTest, DisplayIsIndonesian) {
  EXPECT_EQ(DisplayIndonesian("2.88"), "2,88");
  EXPECT_EQ(DisplayIndonesian("16468319000"), "16.468.319.000");
  EXPECT_EQ(DisplayIndonesian("400/3"), "133,33");
  EXPECT_EQ(DisplayIndonesian("75.714"), "75,714");
  // The text fast path gives what the exact rational gives, for every shape it accepts.
  for (const char* v : {"0", "-0", "007", "53.50", "-2.5", ".5", "-.25", "1000.0000", "12345678.1234", "0.0",
                        "-16468319000", "100", "3.30"}) {
    EXPECT_EQ(DisplayIndonesian(v), Decimal::Parse(v)->ToIndonesian(
                                        Decimal::Parse(v)->IsTerminating()
                                            ? [&] {
                                                const std::string s = Decimal::Parse(v)->ToExactString();
                                                const auto dot = s.find('.');
                                                return dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
                                              }()
                                            : 2))
        << v;
  }
  EXPECT_EQ(DisplayIndonesian("53.50"), "53,5");
  EXPECT_EQ(DisplayIndonesian("-.25"), "-0,25");
  EXPECT_EQ(DisplayIndonesian("12.34567"), "12,35") << "more than four decimals: rounded to two";
}

TEST(CapaianOutputTest, HtmlShowsValuesUnavailableMarksAndEscapes) {
  std::ifstream in(LKIP_SOURCE_DIR "/report_render/templates/capaian.html.mustache");
  std::stringstream tmpl;
  tmpl << in.rdbuf();
  auto html = RenderTemplate(CapaianJson(Report()), tmpl.str());
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_NE(html->find("133,33"), std::string::npos);
  EXPECT_NE(html->find("data tidak tersedia: layanan pemberantasan"), std::string::npos);
  EXPECT_NE(html->find("Dektara &lt;Tinggi&gt;"), std::string::npos);  // escaped
  EXPECT_FALSE(RenderTemplate(CapaianJson(Report()), "{{#indicators}}").ok());
}

}  // namespace
}  // namespace lkip::render
