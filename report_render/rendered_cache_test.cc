// The rendered-documents cache: a render through it gives the bytes a render without it gives;
// the cache is really consulted (a planted entry comes back); a changed report or an edited
// template is rendered anew; the capacity bounds what is kept, least recently used out first.
#include "report_render/rendered_cache.h"

#include <gtest/gtest.h>

#include "report_render/report_documents.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

using report::v1::DocumentFormat;

constexpr char kShipped[] = LKIP_SOURCE_DIR "/report_render/templates";

RenderOptions Options(RenderedCache* cache, std::map<std::string, std::string> overrides = {}) {
  RenderOptions o;
  o.formats = {report::v1::DOCUMENT_FORMAT_JSON, report::v1::DOCUMENT_FORMAT_HTML,
               report::v1::DOCUMENT_FORMAT_MD};
  o.templates = TemplatesFrom(kShipped, std::move(overrides));
  o.rendered_cache = cache;
  return o;
}

// Every file but the manifest (which carries the time), by name.
std::map<std::string, std::string> Documents(
    const absl::StatusOr<std::vector<report::v1::RenderedFile>>& files) {
  EXPECT_TRUE(files.ok()) << files.status();
  std::map<std::string, std::string> out;
  if (!files.ok()) return out;
  for (const auto& f : *files) {
    if (f.name() != "manifest.json") out[f.name()] = f.content();
  }
  return out;
}

class RenderedCacheTest : public ::testing::Test {
 protected:
  const aggregator::ReportInputs in_ = aggregator::ExampleReportInputs();
  const report::v1::Report report_ = aggregator::BuildReport(in_);
};

TEST_F(RenderedCacheTest, CachedRenderIsByteIdenticalToAFreshOne) {
  RenderedCache cache(8);
  const auto uncached = Documents(RenderDocuments(report_, in_.capaian, Options(nullptr)));
  ASSERT_GT(uncached.size(), 3u);
  const auto first = Documents(RenderDocuments(report_, in_.capaian, Options(&cache)));
  const auto second = Documents(RenderDocuments(report_, in_.capaian, Options(&cache)));
  EXPECT_EQ(first, uncached);
  EXPECT_EQ(second, uncached);
}

TEST_F(RenderedCacheTest, ARenderLooksInTheCacheFirst) {
  RenderedCache cache(8);
  RenderOptions o = Options(&cache);
  o.formats = {report::v1::DOCUMENT_FORMAT_JSON};
  auto planted = std::make_shared<TextDocuments>();
  report::v1::RenderedFile file;
  file.set_name("lkip.json");
  file.set_content("planted\n");
  planted->files.push_back(file);
  cache.Put(RenderedCache::KeyOf(report_, true, false, false, nlohmann::ordered_json::array()), planted);
  EXPECT_EQ(Documents(RenderDocuments(report_, in_.capaian, o)).at("lkip.json"), "planted\n");
  // Asked for other formats, the same report is another entry.
  o.formats = {report::v1::DOCUMENT_FORMAT_JSON, report::v1::DOCUMENT_FORMAT_MD};
  EXPECT_NE(Documents(RenderDocuments(report_, in_.capaian, o)).at("lkip.json"), "planted\n");
}

TEST_F(RenderedCacheTest, AChangedReportOrAnEditedTemplateIsRenderedAnew) {
  RenderedCache cache(8);
  const auto before = Documents(RenderDocuments(report_, in_.capaian, Options(&cache)));

  report::v1::Report changed = report_;
  changed.set_instansi("BNNP Uji Cache");
  const auto after = Documents(RenderDocuments(changed, in_.capaian, Options(&cache)));
  EXPECT_EQ(before.at("lkip.json").find("BNNP Uji Cache"), std::string::npos);
  EXPECT_NE(after.at("lkip.json").find("BNNP Uji Cache"), std::string::npos);
  EXPECT_NE(after.at("lkip.html").find("BNNP Uji Cache"), std::string::npos);

  auto shipped = TemplatesFrom(kShipped)("lkip.md.mustache");
  ASSERT_TRUE(shipped.ok());
  const auto edited = Documents(RenderDocuments(
      report_, in_.capaian, Options(&cache, {{"lkip.md.mustache", *shipped + "\nCatatan operator.\n"}})));
  EXPECT_NE(edited.at("lkip.md"), before.at("lkip.md"));
  EXPECT_NE(edited.at("lkip.md").find("Catatan operator."), std::string::npos);
  EXPECT_EQ(edited.at("lkip.html"), before.at("lkip.html"));
}

TEST(RenderedCacheBoundsTest, KeepsTheMostRecentlyUsedUpToItsCapacity) {
  auto docs = std::make_shared<const TextDocuments>();
  RenderedCache none(0);
  none.Put("a", docs);
  EXPECT_EQ(none.Find("a"), nullptr);

  RenderedCache two(2);
  two.Put("a", docs);
  two.Put("b", docs);
  EXPECT_EQ(two.Find("a"), docs);  // a is now the most recently used
  two.Put("c", docs);              // so b goes
  EXPECT_EQ(two.Find("b"), nullptr);
  EXPECT_EQ(two.Find("a"), docs);
  EXPECT_EQ(two.Find("c"), docs);
}

}  // namespace
}  // namespace lkip::render
