// The report's templates load from the server's folder, each replaceable by an operator's edited
// copy: the stylesheet is inlined into the HTML and nowhere else; a file missing or a template
// that does not parse is refused naming the file; the daftar isi is the HTML's own headings, so
// editing a heading in the template changes it.
#include "report_render/report_templates.h"

#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>

#include "common/files/text_file.h"
#include "common/testing/test_server.h"
#include "report_render/document_view.h"
#include "report_render/mustache_template.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

namespace fs = std::filesystem;
const fs::path kShipped = LKIP_SOURCE_DIR "/report_render/templates";

const report::v1::Report& ExampleReport() {
  static const auto* report =
      new report::v1::Report(aggregator::BuildReport(aggregator::ExampleReportInputs()));
  return *report;
}
const nlohmann::ordered_json& ExamplePresentation() {
  static const auto* presentation = new nlohmann::ordered_json(Presentation(ExampleReport()));
  return *presentation;
}

TEST(ReportTemplatesTest, StylesheetIsInlinedIntoTheHtmlOnly) {
  auto templates = ReportTemplates::Load(TemplatesFrom(kShipped), /*html=*/true, /*md=*/true);
  ASSERT_TRUE(templates.ok()) << templates.status();
  std::vector<std::string> files;
  for (const auto& [file, text] : templates->files()) files.push_back(file);
  EXPECT_EQ(files, (std::vector<std::string>{"lkip.html.mustache", "lkip.css", "lkip.md.mustache"}));
  auto rendered = templates->Render(ExampleReport(), ExamplePresentation());
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  ASSERT_EQ(rendered->size(), 2u);
  EXPECT_EQ((*rendered)[0].first, "lkip.html");
  EXPECT_NE((*rendered)[0].second.find("@page { size: A4;"), std::string::npos)
      << "the stylesheet, unescaped";
  EXPECT_EQ((*rendered)[1].first, "lkip.md");
  EXPECT_EQ((*rendered)[1].second.find("@page"), std::string::npos);

  auto md_only = ReportTemplates::Load(TemplatesFrom(kShipped), false, true);
  ASSERT_TRUE(md_only.ok());
  EXPECT_EQ(md_only->files().size(), 1u) << "no stylesheet read for Markdown alone";
}

// The HTML and the Markdown number their tables and figures alike, 1, 2, ... in document order,
// with no marker left behind.
TEST(ReportTemplatesTest, TablesAndFiguresAreNumberedAlikeInEachDocument) {
  auto templates = ReportTemplates::Load(TemplatesFrom(kShipped), true, true);
  ASSERT_TRUE(templates.ok()) << templates.status();
  auto rendered = templates->Render(ExampleReport(), ExamplePresentation());
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  auto numbers = [](const std::string& text, const std::string& word) {
    std::vector<int> out;
    for (size_t at = text.find(word + " "); at != std::string::npos; at = text.find(word + " ", at + 1)) {
      size_t end = at + word.size() + 1;
      int n = 0;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])))
        n = n * 10 + (text[end++] - '0');
      if (end < text.size() && text[end] == '.' && n > 0) out.push_back(n);
    }
    return out;
  };
  const std::string& html = (*rendered)[0].second;
  const std::string& md = (*rendered)[1].second;
  const std::vector<int> tables = numbers(html, "Tabel"), figures = numbers(html, "Gambar");
  ASSERT_GE(tables.size(), 7u);   // the PK, the capaian table, the IKK's own, the budget's, the lampiran's
  ASSERT_GE(figures.size(), 3u);  // the IKK's chart and the budget's two
  for (size_t i = 0; i < tables.size(); ++i) ASSERT_EQ(tables[i], static_cast<int>(i) + 1);
  for (size_t i = 0; i < figures.size(); ++i) ASSERT_EQ(figures[i], static_cast<int>(i) + 1);
  EXPECT_EQ(numbers(md, "Tabel"), tables);
  EXPECT_EQ(numbers(md, "Gambar"), figures);
  EXPECT_EQ(html.find("\x02lkip:"), std::string::npos);
  EXPECT_EQ(md.find("\x02lkip:"), std::string::npos);
}

TEST(ReportTemplatesTest, MissingStylesheetOrBrokenTemplateNamesTheFile) {
  testing::TempDir dir;
  const fs::path d(dir.path());
  fs::copy_file(kShipped / "lkip.html.mustache", d / "lkip.html.mustache");
  auto missing = ReportTemplates::Load(TemplatesFrom(d), true, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("lkip.css"), std::string::npos) << missing.status();

  fs::copy_file(kShipped / "lkip.css", d / "lkip.css");
  std::ofstream(d / "lkip.md.mustache") << "{{#sasaran}} no end";
  auto broken = ReportTemplates::Load(TemplatesFrom(d), true, true);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(broken.status().message().find("lkip.md.mustache"), std::string::npos) << broken.status();
  EXPECT_TRUE(ReportTemplates::Load(TemplatesFrom(d), true, false).ok());
  // An edited copy sent in place of the folder's file.
  EXPECT_TRUE(
      ReportTemplates::Load(TemplatesFrom(d, {{"lkip.md.mustache", "# {{title}}"}}), true, true).ok());
}

// A folder copied before lkip.css existed: the template carries its own <style>.
TEST(ReportTemplatesTest, TemplateWithItsOwnStylesNeedsNoStylesheetFile) {
  testing::TempDir dir;
  const fs::path d(dir.path());
  std::ofstream(d / "lkip.html.mustache") << "<style>p { color: #111; }</style><h1>{{title}}</h1>";
  auto templates = ReportTemplates::Load(TemplatesFrom(d), true, false);
  ASSERT_TRUE(templates.ok()) << templates.status();
  EXPECT_EQ(templates->files().size(), 1u);
  report::v1::Report report;
  report.set_title("LKIP");
  EXPECT_EQ(templates->Render(report, nlohmann::ordered_json::object())->at(0).second,
            "<style>p { color: #111; }</style><h1>LKIP</h1>");
}

// The daftar isi lists what the HTML's headings say: a heading edited in the template is the
// daftar isi's entry, with no change to the code.
TEST(ReportTemplatesTest, EditingAHeadingInTheTemplateChangesTheDaftarIsi) {
  auto shipped = ReadText(kShipped / "lkip.html.mustache");
  ASSERT_TRUE(shipped.ok());
  const std::string old_heading = "<h2 id=\"bab2\">BAB II PERENCANAAN KINERJA</h2>";
  ASSERT_NE(shipped->find(old_heading), std::string::npos);
  std::string edited = *shipped;
  edited.replace(edited.find(old_heading), old_heading.size(),
                 "<h2 id=\"bab2\">BAB II RENCANA &amp; PERJANJIAN KINERJA</h2>");
  auto render = [&](const std::string& text) {
    auto t = ReportTemplates::Load(TemplatesFrom(kShipped, {{"lkip.html.mustache", text}}), true, false);
    EXPECT_TRUE(t.ok()) << t.status();
    return t->Render(ExampleReport(), ExamplePresentation())->at(0).second;
  };
  const std::string before = render(*shipped), after = render(edited);
  EXPECT_NE(before.find("<a href=\"#bab2\">BAB II PERENCANAAN KINERJA</a>"), std::string::npos);
  EXPECT_EQ(after.find("<a href=\"#bab2\">BAB II PERENCANAAN KINERJA</a>"), std::string::npos);
  EXPECT_NE(after.find("<a href=\"#bab2\">BAB II RENCANA &amp; PERJANJIAN KINERJA</a>"), std::string::npos)
      << "escaped once, as the heading";
  // Every heading with an id is listed, at its level, and the IKK's under its sasaran.
  const auto headings = Headings(before);
  ASSERT_GE(headings.size(), 10u);
  EXPECT_EQ(headings.front().id, "kata-pengantar");
  EXPECT_EQ(headings.back().id, "lampiran");
  bool ikk = false;
  for (const auto& h : headings) ikk = ikk || (h.id == "ikk-12" && h.level == 3);
  EXPECT_TRUE(ikk);
}

// Differential: the daftar isi put in the marker's place gives byte for byte what rendering the
// whole template twice gives (once to find the headings, once with them), for the shipped
// template and for daftar isi sections written other ways: standalone tags, indented, on one
// line, inside another section (rendered twice).
TEST(ReportTemplatesTest, RenderingOnceGivesWhatRenderingTwiceGives) {
  auto shipped = ReadText(kShipped / "lkip.html.mustache");
  ASSERT_TRUE(shipped.ok());
  auto twice = [&](const std::string& text) {
    auto tmpl = MustacheTemplate::Parse(text);
    EXPECT_TRUE(tmpl.ok()) << tmpl.status();
    MustacheView data(ExampleReport(), TemplateNames::All());
    data.Overlay(ExamplePresentation());
    data.Set("stylesheet", *ReadText(kShipped / "lkip.css"));
    SetCaptionMarkers(&data);
    const std::string first = *tmpl->Render(data);
    data.SetJson("daftar_isi", DaftarIsi(Headings(first)));
    std::string second = *tmpl->Render(data);
    NumberCaptions(&second);
    return second;
  };
  const std::string body =
      "<h2 id=\"a\">{{title}}</h2>\n{{#sasaran}}<h3 id=\"s{{number}}\">{{text}}</h3>\n{{/sasaran}}";
  const std::vector<std::string> variants = {
      *shipped,
      "<ol>\n{{#daftar_isi}}\n<li>{{label}}</li>\n{{/daftar_isi}}\n</ol>\n" + body,
      "<ol>\n  {{#daftar_isi}}  \n  <li class=\"{{css}}\">{{label}}</li>\n  {{/daftar_isi}}\n</ol>\n" + body,
      "<ol>{{#daftar_isi}}<li>{{label}}</li>{{/daftar_isi}}</ol>" + body,
      "{{#daftar_isi}}<p>{{id}}</p>\n{{/daftar_isi}}",
      body + "\n{{#sasaran}}{{#daftar_isi}}<i>{{label}}</i>{{/daftar_isi}}{{/sasaran}}",
  };
  for (const auto& text : variants) {
    auto t = ReportTemplates::Load(TemplatesFrom(kShipped, {{"lkip.html.mustache", text}}), true, false);
    ASSERT_TRUE(t.ok()) << t.status();
    const std::string once = t->Render(ExampleReport(), ExamplePresentation())->at(0).second;
    EXPECT_EQ(once, twice(text)) << text.substr(0, 80);
    EXPECT_EQ(once.find('\x02'), std::string::npos) << "no marker left";
  }
}

// The cache hands back the same parse while every file reads the same, and a new one as soon
// as one file (here the stylesheet, which the HTML template only names) or the formats change.
TEST(TemplateCacheTest, ReusesAParseOnlyWhileItsFilesReadTheSame) {
  TemplateCache cache;
  std::map<std::string, std::string> overrides;
  auto first = cache.Load(TemplatesFrom(kShipped, overrides), true, false);
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = cache.Load(TemplatesFrom(kShipped, overrides), true, false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(first->get(), again->get());

  overrides["lkip.css"] = "body { color: #123456; }";
  auto edited = cache.Load(TemplatesFrom(kShipped, overrides), true, false);
  ASSERT_TRUE(edited.ok());
  EXPECT_NE(edited->get(), first->get());
  auto rendered = (*edited)->Render(ExampleReport(), ExamplePresentation());
  ASSERT_TRUE(rendered.ok());
  EXPECT_NE((*rendered)[0].second.find("#123456"), std::string::npos) << "the edited stylesheet";

  auto with_md = cache.Load(TemplatesFrom(kShipped), true, true);
  ASSERT_TRUE(with_md.ok());
  EXPECT_NE(with_md->get(), first->get());
  EXPECT_EQ((*with_md)->files().size(), 3u);
  // The server's own files again: the first parse, kept while the others came and went.
  auto back = cache.Load(TemplatesFrom(kShipped), true, false);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->get(), first->get());

  overrides["lkip.html.mustache"] = "{{#broken}}";
  auto broken = cache.Load(TemplatesFrom(kShipped, overrides), true, false);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("lkip.html.mustache"), std::string::npos) << broken.status();
}

}  // namespace
}  // namespace lkip::render
