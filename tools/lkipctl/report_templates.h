// The report's editable templates (tools/lkipctl/templates, or --templates DIR), read and
// parsed once per run: lkip.html.mustache with lkip.css inlined into it (the HTML stays one
// self-contained file), and lkip.md.mustache. Rendering converts the view to Mustache data
// once for both.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "tools/lkipctl/mustache_template.h"

namespace lkip::ctl {

class ReportTemplates {
 public:
  // Reads what the formats need: for html lkip.html.mustache and, when it inlines
  // {{{stylesheet}}}, lkip.css; for md lkip.md.mustache. A file that cannot be read or a template
  // that does not parse is an error naming the file.
  static absl::StatusOr<ReportTemplates> Load(const std::filesystem::path& dir, bool html, bool md);

  // {"lkip.html", text} and/or {"lkip.md", text}, as loaded.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Render(const nlohmann::ordered_json& view) const;

  // Each file read, {file name, contents}, for the manifest's digests.
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

 private:
  struct Document {
    std::string output;          // "lkip.html"
    std::filesystem::path path;  // of its template, for errors
    MustacheTemplate tmpl;
  };
  ReportTemplates() = default;
  std::vector<Document> documents_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::string stylesheet_;
  TemplateNames names_ = TemplateNames::Of("");
};

}  // namespace lkip::ctl
