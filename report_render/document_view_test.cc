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

nlohmann::ordered_json View(const report::v1::Report& report) {
  auto view = ProtoJson(report, kPresentationMembers);
  AddPresentation(report, &view);
  return view;
}

TEST(DocumentViewTest, AnchorsChartsAndTheCapaianTable) {
  const auto report = aggregator::BuildReport(aggregator::ExampleReportInputs());
  const auto view = View(report);
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

// The presentation members fit in the room ProtoJson left: no object of the view grows, so
// none is copied with its subtree (each object's members stay where they were).
TEST(DocumentViewTest, PresentationMembersFitWithoutCopyingTheView) {
  const auto report = aggregator::BuildReport(aggregator::ExampleReportInputs());
  auto view = ProtoJson(report, kPresentationMembers);
  auto members = [](nlohmann::ordered_json& j) {
    return j.get_ref<nlohmann::ordered_json::object_t&>().data();
  };
  const auto* top = members(view);
  const auto* sasaran = members(view["sasaran"][0]);
  const auto* indicator = members(view["sasaran"][0]["indicators"][0]);
  const auto* anggaran = members(view["anggaran"]);
  AddPresentation(report, &view);
  EXPECT_EQ(members(view), top);
  EXPECT_EQ(members(view["sasaran"][0]), sasaran);
  EXPECT_EQ(members(view["sasaran"][0]["indicators"][0]), indicator);
  EXPECT_EQ(members(view["anggaran"]), anggaran);
}

TEST(DocumentViewTest, TheHtmlShowsPlaceholdersAndTheBudgetTotal) {
  const auto view = View(aggregator::BuildReport(aggregator::ExampleReportInputs()));
  auto templates = ReportTemplates::Load(TemplatesFrom(kShipped), true, false);
  ASSERT_TRUE(templates.ok()) << templates.status();
  const std::string html = templates->Render(view)->at(0).second;
  EXPECT_NE(html.find("<p class=\"placeholder\">[Belum diisi: hambatan IKK-12]</p>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"placeholder\">[Belum diisi: kata pengantar]</p>"), std::string::npos);
  EXPECT_NE(html.find("<p>Paragraf kedua.</p>"), std::string::npos);
  EXPECT_NE(html.find("<th class=\"num\">16.468.319.000</th>"), std::string::npos) << "budget total row";
}

// The view converted with only the names the shipped templates use renders exactly what the
// whole view renders.
TEST(DocumentViewTest, TemplatesRenderTheSameFromTheViewTheyName) {
  const auto view = View(aggregator::BuildReport(aggregator::ExampleReportInputs()));
  for (const char* name : {"lkip.html.mustache", "lkip.md.mustache"}) {
    auto text = ReadText(kShipped / name);
    ASSERT_TRUE(text.ok());
    auto tmpl = MustacheTemplate::Parse(*text);
    ASSERT_TRUE(tmpl.ok()) << tmpl.status();
    EXPECT_FALSE(tmpl->names().Has("tables")) << name;
    auto named = tmpl->Render(MustacheView(view, tmpl->names()));
    auto whole = tmpl->Render(MustacheView(view));
    ASSERT_TRUE(named.ok() && whole.ok());
    EXPECT_GT(named->size(), 1000u);
    EXPECT_EQ(*named, *whole) << name;
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

}  // namespace
}  // namespace lkip::render
