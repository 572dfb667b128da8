// The texts people write for the report (kata pengantar, Bab I, the IKK's texts, Bab IV) are
// CommonMark: paragraphs, numbered and bulleted lists, **tebal**, *miring*. cmark (the CommonMark
// reference implementation) reads them once and writes them for each document: HTML for
// lkip.html and the PDF, CommonMark for lkip.md (which pandoc reads for lkip.docx).
//
// Official texts number their points themselves ("a.", "b.1", "1."): a bulleted list whose every
// item starts with such a marker is shown as the items' own paragraphs, so no point carries two
// markers ("• a. ...").
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace lkip::render {

// `markdown` as HTML. Raw HTML in the text is left out (cmark's safe default), so a text cannot
// inject markup into the document; a heading is lowered to <h5>, below the document's own h2-h4,
// so a text never enters the daftar isi.
std::string MarkdownToHtml(absl::string_view markdown);

// `markdown` as CommonMark again, with the same changes.
std::string MarkdownToCommonMark(absl::string_view markdown);

}  // namespace lkip::render
