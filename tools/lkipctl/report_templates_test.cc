// The report's templates load from a folder an operator may have copied and edited: the
// stylesheet is inlined into the HTML and nowhere else, and a file missing or a template that
// does not parse is refused naming the file.
#include "tools/lkipctl/report_templates.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/testing/test_server.h"
#include "tools/lkipctl/report_model.h"

namespace lkip::ctl {
namespace {

namespace fs = std::filesystem;
const fs::path kShipped = LKIP_SOURCE_DIR "/tools/lkipctl/templates";

TEST(ReportTemplatesTest, StylesheetIsInlinedIntoTheHtmlOnly) {
  auto templates = ReportTemplates::Load(kShipped, /*html=*/true, /*md=*/true);
  ASSERT_TRUE(templates.ok()) << templates.status();
  std::vector<std::string> files;
  for (const auto& [file, text] : templates->files()) files.push_back(file);
  EXPECT_EQ(files, (std::vector<std::string>{"lkip.html.mustache", "lkip.css", "lkip.md.mustache"}));
  auto rendered = templates->Render(ReportJson(ReportInputs{}));
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  ASSERT_EQ(rendered->size(), 2u);
  EXPECT_EQ((*rendered)[0].first, "lkip.html");
  EXPECT_NE((*rendered)[0].second.find("@page { size: A4;"), std::string::npos) << "the stylesheet, unescaped";
  EXPECT_EQ((*rendered)[1].first, "lkip.md");
  EXPECT_EQ((*rendered)[1].second.find("@page"), std::string::npos);

  auto md_only = ReportTemplates::Load(kShipped, false, true);
  ASSERT_TRUE(md_only.ok());
  EXPECT_EQ(md_only->files().size(), 1u) << "no stylesheet read for Markdown alone";
}

TEST(ReportTemplatesTest, MissingStylesheetOrBrokenTemplateNamesTheFile) {
  testing::TempDir dir;
  const fs::path d(dir.path());
  fs::copy_file(kShipped / "lkip.html.mustache", d / "lkip.html.mustache");
  auto missing = ReportTemplates::Load(d, true, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("lkip.css"), std::string::npos) << missing.status();

  fs::copy_file(kShipped / "lkip.css", d / "lkip.css");
  std::ofstream(d / "lkip.md.mustache") << "{{#sasaran}} no end";
  auto broken = ReportTemplates::Load(d, true, true);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(broken.status().message().find("lkip.md.mustache"), std::string::npos) << broken.status();
  EXPECT_TRUE(ReportTemplates::Load(d, true, false).ok());
}

// A folder copied before lkip.css existed: the template carries its own <style>.
TEST(ReportTemplatesTest, TemplateWithItsOwnStylesNeedsNoStylesheetFile) {
  testing::TempDir dir;
  const fs::path d(dir.path());
  std::ofstream(d / "lkip.html.mustache") << "<style>p { color: #111; }</style><h1>{{title}}</h1>";
  auto templates = ReportTemplates::Load(d, true, false);
  ASSERT_TRUE(templates.ok()) << templates.status();
  EXPECT_EQ(templates->files().size(), 1u);
  nlohmann::ordered_json view = {{"title", "LKIP"}};
  EXPECT_EQ(templates->Render(view)->at(0).second, "<style>p { color: #111; }</style><h1>LKIP</h1>");
}

}  // namespace
}  // namespace lkip::ctl
