// Writes the LKIP document in every format from one view (ReportJson): lkip.json, lkip.html
// and lkip.md from the Mustache templates, lkip.pdf (WeasyPrint, from the HTML, with the daftar
// isi's page numbers), lkip.docx (pandoc, from the Markdown), lkip.xlsx (every table), and
// manifest.json: the digests of the inputs, templates and outputs, the rule-set version and the
// versions of the tools, so a published report can be traced to what made it.
#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "tools/lkipctl/report_model.h"

namespace lkip::ctl {

struct DocumentOptions {
  std::filesystem::path template_dir;   // lkip.html.mustache, lkip.md.mustache
  std::filesystem::path out_dir;
  // Of "html", "md", "json", "pdf", "docx", "xlsx"; pdf needs html, docx needs md.
  std::set<std::string> formats{"html", "md", "json", "pdf", "docx", "xlsx"};
  std::string weasyprint = "weasyprint";
  std::string pandoc = "pandoc";
  std::function<void(const std::string&)> progress = [](const std::string&) {};
};

inline const std::set<std::string>& AllDocumentFormats() {
  static const std::set<std::string> kAll{"html", "md", "json", "pdf", "docx", "xlsx"};
  return kAll;
}

// Writes the documents and manifest.json; returns the manifest. The JSON, HTML and Markdown are
// byte-identical for the same inputs and templates; the manifest carries the build time.
absl::StatusOr<nlohmann::ordered_json> WriteReportDocuments(const ReportInputs& in, const nlohmann::ordered_json& view,
                                                             const DocumentOptions& options);

// Lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(const std::string& bytes);

}  // namespace lkip::ctl
