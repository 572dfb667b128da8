// The LKIP's documents, rendered from the typed report (lkip.report.v1.Report) in memory:
// lkip.json (the report in protobuf's JSON mapping), lkip.html and lkip.md from the Mustache
// templates with the charts lkip.md names (grafik/*.svg), lkip.pdf (WeasyPrint, from the HTML,
// with the daftar isi's page numbers) and lkip.docx (pandoc, from the Markdown) made at the same
// time, lkip.xlsx (every table), capaian.json and capaian.html (the capaian table), and
// manifest.json: the digests of the inputs, templates and outputs, the rule-set version and the
// versions of the tools, so a published report can be traced to what made it. The converters
// work in a scratch folder that is removed afterwards.
#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/report/v1/report.pb.h"
#include "report_render/cover_logo.h"
#include "report_render/rendered_cache.h"
#include "report_render/report_templates.h"

namespace lkip::render {

using report::v1::DocumentFormat;

struct RenderOptions {
  std::set<DocumentFormat> formats;  // PDF needs HTML, DOCX needs MD
  TemplateReader templates;
  // Keeps parsed templates between renders when set (the server's); otherwise parsed each time.
  TemplateCache* template_cache = nullptr;
  // Keeps the documents made from a report for the next render of the same report when set.
  RenderedCache* rendered_cache = nullptr;
  std::string weasyprint = "weasyprint";
  std::string pandoc = "pandoc";
  // lkip.docx's page setup and styles (pandoc --reference-doc; made by make_reference_docx.py):
  // A4, page numbers, chapters on new pages. Empty: pandoc's own default (Letter, unnumbered).
  std::string docx_reference;
  // The cover's logo (aggregator --logo, read once at start); nullptr: none.
  const CoverLogo* logo = nullptr;
  // The messages the report was built from, {name, where it was read}, for the manifest.
  std::vector<std::pair<std::string, const google::protobuf::Message*>> inputs;
  std::function<void(const std::string&)> progress = [](const std::string&) {};
  // The content of manifest.sig for the bytes of manifest.json (the aggregator's signing key:
  // docs/security.md, "The signed manifest"). Called for a ditetapkan report only, which cannot
  // be rendered without it.
  std::function<absl::StatusOr<std::string>(const std::string& manifest)> sign_manifest;
};

// Every format in its lower-case name ("html", "pdf", "capaian"), from the schema's enum.
std::string FormatName(DocumentFormat format);
// Every format but UNSPECIFIED, in the enum's order.
std::vector<DocumentFormat> AllFormats();

// The files, manifest.json last (then manifest.sig, for a ditetapkan report). The JSON, HTML and
// Markdown are byte-identical for the same report and templates; the manifest carries the time
// it was made and the report's approval. INVALID_ARGUMENT for a format
// without the one it is made from, or a template that does not parse; FAILED_PRECONDITION naming
// the Debian package of a converter that is missing.
absl::StatusOr<std::vector<report::v1::RenderedFile>> RenderDocuments(
    const report::v1::Report& report, const aggregator::v1::CapaianReport& capaian,
    const RenderOptions& options);

}  // namespace lkip::render
