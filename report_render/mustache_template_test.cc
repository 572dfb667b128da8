#include "report_render/mustache_template.h"

#include <gtest/gtest.h>

#include <vector>

namespace lkip::render {
namespace {

using nlohmann::ordered_json;

TEST(MustacheTemplateTest, EscapeIsKainjowsByteForByte) {
  for (const std::string& s : std::vector<std::string>{
           "", "plain text", "&", "<b>\"Tinggi\" & 'Sedang'</b>", "a&&b<<c>>", "'", "ends with &", "& starts",
           "Rp16.468.319.000 (99,44%)", std::string("nul\0<", 5), "é <ü> ñ"}) {
    EXPECT_EQ(HtmlEscape(s), kainjow::mustache::html_escape<std::string>(s)) << s;
  }
}

TEST(MustacheTemplateTest, OneTemplateRendersManyViewsAndEscapes) {
  auto tmpl = MustacheTemplate::Parse(
      "<h1>{{title}}</h1>{{#rows}}<td>{{name}}={{value}}</td>{{/rows}}{{{svg}}}{{^rows}}kosong{{/rows}}");
  ASSERT_TRUE(tmpl.ok()) << tmpl.status();
  const ordered_json a = {{"title", "A & B"},
                          {"rows", {{{"name", "x"}, {"value", 1}}, {{"name", "<y>"}, {"value", nullptr}}}},
                          {"svg", "<svg/>"}};
  const ordered_json b = {{"title", "C"}, {"rows", ordered_json::array()}, {"svg", ""}};
  EXPECT_EQ(*tmpl->Render(MustacheView(a)), "<h1>A &amp; B</h1><td>x=1</td><td>&lt;y&gt;=</td><svg/>");
  EXPECT_EQ(*tmpl->Render(MustacheView(b)), "<h1>C</h1>kosong");
  EXPECT_EQ(*tmpl->Render(MustacheView(a)),
            *RenderTemplate(a,
                            "<h1>{{title}}</h1>{{#rows}}<td>{{name}}={{value}}</td>{{/"
                            "rows}}{{{svg}}}{{^rows}}kosong{{/rows}}"));
}

TEST(MustacheTemplateTest, NamesAreEveryPartOfEveryTag) {
  const auto names =
      TemplateNames::Of("{{#a}}{{ b.c }}{{{d}}}{{&e}}{{^f}}{{/f}}{{! g is a comment }}{{/a}}{{> h}}");
  for (const char* n : {"a", "b", "c", "d", "e", "f", "h"}) EXPECT_TRUE(names.Has(n)) << n;
  for (const char* n : {"g", "comment", "x", "b.c", ""}) EXPECT_FALSE(names.Has(n)) << n;
  EXPECT_TRUE(TemplateNames::Of("{{=<% %>=}}<% anything %>").Has("anything")) << "new delimiters: every name";
  auto both = TemplateNames::Of("{{x}}");
  both.Add(TemplateNames::Of("{{y}}"));
  EXPECT_TRUE(both.Has("x") && both.Has("y"));
  // Members the template does not name are left out of the converted view; the output is the same.
  auto tmpl = MustacheTemplate::Parse("{{#rows}}{{name}};{{/rows}}");
  const ordered_json view = {{"rows", {{{"name", "a"}, {"extra", {{"deep", 1}}}}}}, {"unused", "x"}};
  EXPECT_EQ(*tmpl->Render(MustacheView(view, tmpl->names())), "a;");
  EXPECT_EQ(*tmpl->Render(MustacheView(view)), "a;");
}

TEST(MustacheTemplateTest, UnclosedSectionIsRefusedWithKainjowsMessage) {
  auto tmpl = MustacheTemplate::Parse("{{#indicators}}<td>");
  ASSERT_FALSE(tmpl.ok());
  EXPECT_EQ(tmpl.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(tmpl.status().message().find("indicators"), std::string::npos) << tmpl.status();
  EXPECT_FALSE(RenderTemplate(ordered_json::object(), "{{/x}}").ok());
}

}  // namespace
}  // namespace lkip::render
