// The written texts' Markdown as the document shows it: lists, emphasis, no raw HTML, headings
// below the document's own.
#include "report_render/markdown_text.h"

#include <gtest/gtest.h>

namespace lkip::render {
namespace {

TEST(MarkdownToHtmlTest, ParagraphsListsAndEmphasis) {
  EXPECT_EQ(MarkdownToHtml("Satu.\n\nDua."), "<p>Satu.</p>\n<p>Dua.</p>\n");
  EXPECT_EQ(MarkdownToHtml("1. Undang-Undang;\n2. Peraturan."),
            "<ol>\n<li>Undang-Undang;</li>\n<li>Peraturan.</li>\n</ol>\n");
  EXPECT_EQ(MarkdownToHtml("**Self Regulation**: kemampuan *web base*"),
            "<p><strong>Self Regulation</strong>: kemampuan <em>web base</em></p>\n");
}

TEST(MarkdownToHtmlTest, RawHtmlIsLeftOutAndCharactersEscaped) {
  const std::string html = MarkdownToHtml("<script>alert(1)</script>\n\nA < B & C");
  EXPECT_EQ(html.find("<script>"), std::string::npos) << html;
  EXPECT_NE(html.find("A &lt; B &amp; C"), std::string::npos) << html;
}

TEST(MarkdownToHtmlTest, HeadingsSitBelowTheDocumentsOwn) {
  EXPECT_EQ(MarkdownToHtml("# Judul\n\nIsi."), "<h5>Judul</h5>\n<p>Isi.</p>\n");
}

// The seed's texts number their points themselves inside bullets: one marker each, never two.
TEST(MarkdownToHtmlTest, PointsNumberedByTheirWriterCarryOneMarker) {
  EXPECT_EQ(MarkdownToHtml("- a. satu;\n- b. dua."), "<p>a. satu;</p>\n<p>b. dua.</p>\n");
  EXPECT_EQ(
      MarkdownToHtml("- **a.1. SDM**; pelaku\n- b.1 **Self Regulation**: kemampuan"),
      "<p><strong>a.1. SDM</strong>; pelaku</p>\n<p>b.1 <strong>Self Regulation</strong>: kemampuan</p>\n");
  // "- 1. x" is a bullet holding an ordered list: the ordered list stays, the bullet goes.
  EXPECT_EQ(MarkdownToHtml("- 1. satu\n- 2. dua"),
            "<ol>\n<li>satu</li>\n</ol>\n<ol start=\"2\">\n<li>dua</li>\n</ol>\n");
  // Nested: the inner points settle first, then the outer.
  EXPECT_EQ(MarkdownToHtml("- a. luar\n  - a.1 dalam"), "<p>a. luar</p>\n<p>a.1 dalam</p>\n");
  // A list of plain points keeps its bullets; so does one where only some points are numbered.
  EXPECT_EQ(MarkdownToHtml("- satu\n- dua"), "<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>\n");
  EXPECT_EQ(MarkdownToHtml("- a. satu\n- dua"), "<ul>\n<li>a. satu</li>\n<li>dua</li>\n</ul>\n");
  // Words and counts are not markers.
  EXPECT_EQ(MarkdownToHtml("- Ab cd\n- 1 orang"), "<ul>\n<li>Ab cd</li>\n<li>1 orang</li>\n</ul>\n");
}

TEST(MarkdownToCommonMarkTest, SameChangesAsCommonMark) {
  EXPECT_EQ(MarkdownToCommonMark("- a. satu;\n- b. dua."), "a. satu;\n\nb. dua.\n");
  EXPECT_EQ(MarkdownToCommonMark("**tebal** dan *miring*"), "**tebal** dan *miring*\n");
}

TEST(MarkdownToHtmlTest, EmptyTextIsEmpty) { EXPECT_EQ(MarkdownToHtml(""), ""); }

}  // namespace
}  // namespace lkip::render
