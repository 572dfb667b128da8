// The document's view: the report's JSON with what only print needs (anchors, charts, the
// capaian table as one list, counts); the templates render it with placeholders showing, and
// render the same from the members they name as from the whole view.
#include "report_render/document_view.h"

#include <gtest/gtest.h>

#include "common/files/text_file.h"
#include "report_render/mustache_template.h"
#include "report_render/proto_json.h"
#include "report_render/report_templates.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

const std::filesystem::path kShipped = LKIP_SOURCE_DIR "/report_render/templates";

TEST(DocumentViewTest, AnchorsChartsAndTheCapaianTable) {
  const auto report = aggregator::BuildReport(aggregator::ExampleReportInputs());
  const auto view = Presentation(report);
  const auto& ind = view["sasaran"][0]["indicators"][0];
  EXPECT_EQ(ind["id"], "ikk-12");
  EXPECT_EQ(ind["grafik_file"], "grafik/ikk-12.svg");
  EXPECT_NE(ind["grafik_svg"].get<std::string>().find("<svg"), std::string::npos);
  EXPECT_EQ(view["sasaran"][0]["id"], "sasaran-9");
  ASSERT_EQ(view["indicators"].size(), 1u);
  EXPECT_EQ(view["indicators"][0]["capaian_display"], "166,67");
  EXPECT_FALSE(view["indicators"][0].contains("satker_rows"));
  EXPECT_EQ(view["bab1"][1]["id"], "bab1-dasar-hukum");
  const auto charts = ChartFiles(view);
  ASSERT_EQ(charts.size(), 3u) << "the IKK's and the two budget charts";
  EXPECT_EQ(charts[1].first, "grafik/anggaran-program.svg");
}

TEST(DocumentViewTest, TheHtmlShowsPlaceholdersAndTheBudgetTotal) {
  const auto report = aggregator::BuildReport(aggregator::ExampleReportInputs());
  auto templates = ReportTemplates::Load(TemplatesFrom(kShipped), true, false);
  ASSERT_TRUE(templates.ok()) << templates.status();
  const std::string html = templates->Render(report, Presentation(report))->at(0).second;
  EXPECT_NE(html.find("<p class=\"placeholder\">[Belum diisi: hambatan IKK-12]</p>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"placeholder\">[Belum diisi: kata pengantar]</p>"), std::string::npos);
  EXPECT_NE(html.find("<p>Paragraf kedua.</p>"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"num\">16.468.319.000</th>"), std::string::npos) << "budget total row";
}

// Differential: the shipped templates render the same bytes from the view converted straight
// from the message with only the names they use, from the whole message, and from the message's
// JSON (ProtoJson, checked against protobuf's own printer) converted as any JSON view is.
TEST(DocumentViewTest, TemplatesRenderTheSameFromEveryWayOfMakingTheView) {
  auto in = aggregator::ExampleReportInputs();
  // Kinds of field the example lacks: a timestamp with nanoseconds, a range target, int64.
  in.capaian.mutable_indicators(0)->mutable_provenance()->mutable_recorded_at()->set_seconds(1700000001);
  in.capaian.mutable_indicators(0)->mutable_provenance()->mutable_recorded_at()->set_nanos(5000);
  auto* range = in.pk.mutable_sasaran(0)->mutable_indicators(0)->mutable_target()->mutable_range();
  range->mutable_low()->set_value("3");
  range->mutable_high()->set_value("5");
  const auto report = aggregator::BuildReport(in);
  const auto presentation = Presentation(report);
  auto view = [&](MustacheView v, const TemplateNames& names) {
    v.Overlay(presentation, names);
    v.Set("stylesheet", "body {}");
    return v;
  };
  for (const char* name : {"lkip.html.mustache", "lkip.md.mustache"}) {
    auto text = ReadText(kShipped / name);
    ASSERT_TRUE(text.ok());
    auto tmpl = MustacheTemplate::Parse(*text);
    ASSERT_TRUE(tmpl.ok()) << tmpl.status();
    EXPECT_FALSE(tmpl->names().Has("tables")) << name;
    const auto& all = TemplateNames::All();
    auto named = tmpl->Render(view(MustacheView(report, tmpl->names()), tmpl->names()));
    auto whole = tmpl->Render(view(MustacheView(report, all), all));
    auto from_json = tmpl->Render(view(MustacheView(ProtoJson(report)), all));
    ASSERT_TRUE(named.ok() && whole.ok() && from_json.ok());
    EXPECT_GT(named->size(), 1000u);
    EXPECT_EQ(*named, *whole) << name;
    EXPECT_EQ(*whole, *from_json) << name;
  }
}

TEST(DocumentViewTest, HeadingsAreTheHtmlsOwn) {
  const auto h = Headings(
      "<h1 id=\"x\">no</h1><h2 id=\"a\">A &amp; <em>B</em></h2><h3>no id</h3><h4 class=\"k\" id=\"c\">C</h4>"
      "<h2>D</h2>");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].id, "a");
  EXPECT_EQ(h[0].label, "A & B");
  EXPECT_EQ(h[0].level, 1);
  EXPECT_EQ(h[1].id, "c");
  EXPECT_EQ(h[1].level, 3);
  const auto toc = DaftarIsi(h);
  EXPECT_EQ(toc[1]["css"], "sub3");
}

// The front matter's entries carry "awal": the PDF numbers their pages i, ii, ... (lkip.css).
TEST(DocumentViewTest, HeadingsBeforeTheBodyAreFrontMatter) {
  const auto h = Headings(
      "<div class=\"awal\"><h2 id=\"kp\">KATA PENGANTAR</h2><h3 id=\"s\">S</h3></div>"
      "<div class=\"isi\"><h2 id=\"bab1\">BAB I</h2></div>");
  ASSERT_EQ(h.size(), 3u);
  EXPECT_TRUE(h[0].front_matter);
  EXPECT_TRUE(h[1].front_matter);
  EXPECT_FALSE(h[2].front_matter);
  const auto toc = DaftarIsi(h);
  EXPECT_EQ(toc[0]["css"], "awal");
  EXPECT_EQ(toc[1]["css"], "sub awal");
  EXPECT_EQ(toc[2]["css"], "");
}

}  // namespace
}  // namespace lkip::render
