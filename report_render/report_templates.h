// The report's editable templates, read at every render and parsed again only when they
// changed: lkip.html.mustache with lkip.css inlined into it (the HTML stays one self-contained
// file), lkip.md.mustache and
// capaian.html.mustache. They come from the server's templates folder, each one replaceable by a
// copy an operator edited (RenderReportRequest.templates).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "report_render/mustache_template.h"

namespace lkip::render {

// A template's text by its file name ("lkip.html.mustache"); NOT_FOUND naming it when absent.
using TemplateReader = std::function<absl::StatusOr<std::string>(const std::string& name)>;

// Reads `dir`/<name>, unless `overrides` holds the name.
TemplateReader TemplatesFrom(std::filesystem::path dir, std::map<std::string, std::string> overrides = {});

// Table and figure numbers: with the markers set, {{{nomor_tabel}}} and {{{nomor_gambar}}}
// render to markers that NumberCaptions replaces, in document order, by 1, 2, ... (Mustache has
// no counter), so lkip.html and lkip.md number their tables alike. ReportTemplates::Render does
// both.
void SetCaptionMarkers(MustacheView* data);
void NumberCaptions(std::string* text);

class ReportTemplates {
 public:
  // Reads what the formats need: for html lkip.html.mustache and, when it inlines
  // {{{stylesheet}}}, lkip.css; for md lkip.md.mustache. A file that cannot be read or a template
  // that does not parse is an error naming the file.
  static absl::StatusOr<ReportTemplates> Load(const TemplateReader& read, bool html, bool md);

  // {"lkip.html", text} and/or {"lkip.md", text}, as loaded, over `report`'s JSON mapping with
  // `presentation` laid over it (document_view.h). The HTML's daftar isi lists the
  // headings the HTML itself has (document_view.h: Headings): the document is rendered once with
  // a marker where its {{#daftar_isi}} section stands, and that section alone is rendered with
  // the headings found and put in the marker's place. A template whose section is not at its top
  // level (inside another section) is rendered twice instead, as are templates that change their
  // delimiters; the result is the same.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Render(
      const google::protobuf::Message& report, const nlohmann::ordered_json& presentation) const;

  // Every name the loaded templates look up (the view is converted for these alone).
  const TemplateNames& names() const { return names_; }

  // Each file read, {file name, contents}, for the manifest's digests.
  const std::vector<std::pair<std::string, std::string>>& files() const { return files_; }

 private:
  friend class TemplateCache;
  struct Document {
    std::string output;     // "lkip.html"
    std::string name;       // of its template, for errors
    MustacheTemplate tmpl;  // with the marker in place of the daftar isi when `daftar_isi` is set
    std::optional<MustacheTemplate> daftar_isi;  // the {{#daftar_isi}} section alone
  };
  static absl::StatusOr<Document> ParseDocument(std::string output, std::string name,
                                                const std::string& text);
  ReportTemplates() = default;
  bool html_ = false, md_ = false;
  std::vector<Document> documents_;
  std::vector<std::pair<std::string, std::string>> files_;
  std::string stylesheet_;
  TemplateNames names_ = TemplateNames::Of("");
};

// Parsed templates kept between renders: parsing costs about a tenth of rendering the HTML. Each
// Load reads the files again and reuses a parse only when every file it was made from reads the
// same, so an operator's edit on the server, or a request's own copy, takes effect at once.
class TemplateCache {
 public:
  static constexpr size_t kEntries = 4;  // the server's templates and a few requests' copies

  // As ReportTemplates::Load.
  absl::StatusOr<std::shared_ptr<const ReportTemplates>> Load(const TemplateReader& read, bool html, bool md);

 private:
  absl::Mutex mu_;
  // Most recently used first.
  std::vector<std::shared_ptr<const ReportTemplates>> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lkip::render
