#include "report_render/report_templates.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/status/macros.h"
#include "report_render/document_view.h"

namespace lkip::render {
namespace {

// Stands where the daftar isi goes; control characters no report text carries.
constexpr std::string_view kDaftarIsiMarker = "\x02lkip:daftar_isi\x03";

// What {{{nomor_tabel}}} and {{{nomor_gambar}}} render to (SetCaptionMarkers).
constexpr std::string_view kTabelMarker = "\x02lkip:tabel\x03";
constexpr std::string_view kGambarMarker = "\x02lkip:gambar\x03";

// Where the top-level {{#daftar_isi}}...{{/daftar_isi}} section of `text` is, with the whole
// lines of its tags when they stand alone (Mustache drops such lines, so the cut must take them
// too for the two pieces to render as the whole did). nullopt when there is no single such
// section at the top level.
struct Span {
  size_t begin, end;
};
std::optional<Span> DaftarIsiSection(const std::string& text) {
  static constexpr std::string_view kOpen = "{{#daftar_isi}}", kClose = "{{/daftar_isi}}";
  if (text.find("{{=") != std::string::npos) return std::nullopt;  // other delimiters
  const size_t open = text.find(kOpen);
  if (open == std::string::npos) return std::nullopt;
  const size_t close = text.find(kClose, open);
  if (close == std::string::npos) return std::nullopt;
  // daftar_isi named once as a section and nowhere else.
  size_t mentions = 0;
  for (size_t at = text.find("daftar_isi"); at != std::string::npos; at = text.find("daftar_isi", at + 1))
    ++mentions;
  if (mentions != 2) return std::nullopt;
  // At the top level: every section opened before it is closed before it.
  int depth = 0;
  for (size_t at = text.find("{{"); at != std::string::npos && at < open; at = text.find("{{", at + 2)) {
    if (at + 2 >= text.size()) break;
    if (text[at + 2] == '#' || text[at + 2] == '^') ++depth;
    if (text[at + 2] == '/') --depth;
  }
  if (depth != 0) return std::nullopt;
  auto blank = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (text[i] != ' ' && text[i] != '\t') return false;
    }
    return true;
  };
  // Where the line holding `at` starts, and where it ends (its newline, or the text's end).
  auto line_start = [&](size_t at) {
    const size_t nl = text.rfind('\n', at);
    return nl == std::string::npos ? 0 : nl + 1;
  };
  auto line_end = [&](size_t at) { return std::min(text.find('\n', at), text.size()); };
  Span span{open, close + kClose.size()};
  // A standalone opening tag: its line from the start; a standalone closing tag: to its newline.
  const size_t open_end = open + kOpen.size();
  if (line_end(open_end) < text.size() && blank(line_start(open), open) &&
      blank(open_end, line_end(open_end)))
    span.begin = line_start(open);
  if (blank(line_start(close), close) && blank(span.end, line_end(span.end)))
    span.end = std::min(line_end(span.end) + 1, text.size());
  return span;
}

}  // namespace

TemplateReader TemplatesFrom(std::filesystem::path dir, std::map<std::string, std::string> overrides) {
  return [dir = std::move(dir),
          overrides = std::move(overrides)](const std::string& name) -> absl::StatusOr<std::string> {
    if (auto it = overrides.find(name); it != overrides.end()) return it->second;
    return ReadText(dir / name);
  };
}

absl::StatusOr<ReportTemplates> ReportTemplates::Load(const TemplateReader& read, bool html, bool md) {
  ReportTemplates out;
  out.html_ = html;
  out.md_ = md;
  auto add = [&](const std::string& output) -> absl::Status {
    const std::string name = output + ".mustache";
    ASSIGN_OR_RETURN(std::string text, read(name));
    ASSIGN_OR_RETURN(Document document, ParseDocument(output, name, text));
    out.names_.Add(document.tmpl.names());
    if (document.daftar_isi) out.names_.Add(document.daftar_isi->names());
    out.files_.emplace_back(name, std::move(text));
    out.documents_.push_back(std::move(document));
    return absl::OkStatus();
  };
  if (html) {
    RETURN_IF_ERROR(add("lkip.html"));
    // Only a template that inlines the stylesheet needs lkip.css: a folder copied before the
    // stylesheet had its own file keeps its styles in the template and still works.
    if (out.documents_.back().tmpl.names().Has("stylesheet")) {
      ASSIGN_OR_RETURN(out.stylesheet_, read("lkip.css"));
      out.files_.emplace_back("lkip.css", out.stylesheet_);
    }
  }
  if (md) RETURN_IF_ERROR(add("lkip.md"));
  return out;
}

void SetCaptionMarkers(MustacheView* data) {
  data->Set("nomor_tabel", std::string(kTabelMarker));
  data->Set("nomor_gambar", std::string(kGambarMarker));
}

void NumberCaptions(std::string* text) {
  for (std::string_view marker : {kTabelMarker, kGambarMarker}) {
    int n = 0;
    for (size_t at = text->find(marker); at != std::string::npos; at = text->find(marker, at)) {
      const std::string number = absl::StrCat(++n);
      text->replace(at, marker.size(), number);
      at += number.size();
    }
  }
}

absl::StatusOr<ReportTemplates::Document> ReportTemplates::ParseDocument(std::string output, std::string name,
                                                                         const std::string& text) {
  if (const auto span = DaftarIsiSection(text)) {
    auto section = MustacheTemplate::Parse(text.substr(span->begin, span->end - span->begin));
    auto rest = MustacheTemplate::Parse(
        absl::StrCat(text.substr(0, span->begin), std::string(kDaftarIsiMarker), text.substr(span->end)));
    if (section.ok() && rest.ok())
      return Document{std::move(output), std::move(name), *std::move(rest), *std::move(section)};
  }
  // No daftar isi to split out, or pieces that do not parse: the whole, whose errors name its lines.
  auto whole = MustacheTemplate::Parse(text);
  if (!whole.ok()) return absl::InvalidArgumentError(absl::StrCat(name, ": ", whole.status().message()));
  return Document{std::move(output), std::move(name), *std::move(whole), std::nullopt};
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReportTemplates::Render(
    const google::protobuf::Message& report, const nlohmann::ordered_json& presentation) const {
  std::vector<std::pair<std::string, std::string>> out;
  if (documents_.empty()) return out;
  MustacheView data(report, names_);
  data.Overlay(presentation, names_);
  // The stylesheet is the template's, not the report's data: it is not in lkip.json.
  data.Set("stylesheet", stylesheet_);
  SetCaptionMarkers(&data);
  for (const auto& d : documents_) {
    auto text = d.tmpl.Render(data);
    if (text.ok() && d.daftar_isi) {
      data.SetJson("daftar_isi", DaftarIsi(Headings(*text)));
      ASSIGN_OR_RETURN(std::string daftar_isi, d.daftar_isi->Render(data));
      const size_t at = text->find(kDaftarIsiMarker);
      if (at == std::string::npos || text->find(kDaftarIsiMarker, at + 1) != std::string::npos) {
        return absl::InternalError(absl::StrCat(d.name, ": the daftar isi's place is not found once"));
      }
      text->replace(at, kDaftarIsiMarker.size(), daftar_isi);
    } else if (text.ok() && d.tmpl.names().Has("daftar_isi")) {
      data.SetJson("daftar_isi", DaftarIsi(Headings(*text)));
      text = d.tmpl.Render(data);
    }
    if (!text.ok()) return absl::InvalidArgumentError(absl::StrCat(d.name, ": ", text.status().message()));
    NumberCaptions(&*text);
    out.emplace_back(d.output, std::move(*text));
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const ReportTemplates>> TemplateCache::Load(const TemplateReader& read,
                                                                           bool html, bool md) {
  std::vector<std::shared_ptr<const ReportTemplates>> entries;
  {
    absl::MutexLock lock(&mu_);
    entries = entries_;
  }
  // An entry still holds when the same formats are asked for and each of its files reads the
  // same: Load would read those very files (the stylesheet's presence follows from the HTML
  // template's text) and parse them alike.
  for (const auto& entry : entries) {
    if (entry->html_ != html || entry->md_ != md) continue;
    bool same = true;
    for (const auto& [name, text] : entry->files_) {
      auto now = read(name);
      if (!now.ok() || *now != text) {
        same = false;
        break;
      }
    }
    if (!same) continue;
    absl::MutexLock lock(&mu_);
    auto it = std::find(entries_.begin(), entries_.end(), entry);
    if (it != entries_.end()) std::rotate(entries_.begin(), it, it + 1);
    return entry;
  }
  ASSIGN_OR_RETURN(ReportTemplates loaded, ReportTemplates::Load(read, html, md));
  auto entry = std::make_shared<const ReportTemplates>(std::move(loaded));
  absl::MutexLock lock(&mu_);
  entries_.insert(entries_.begin(), entry);
  if (entries_.size() > kEntries) entries_.resize(kEntries);
  return entry;
}

}  // namespace lkip::render
