#include "report_render/report_templates.h"

#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/status/macros.h"
#include "report_render/document_view.h"

namespace lkip::render {

TemplateReader TemplatesFrom(std::filesystem::path dir, std::map<std::string, std::string> overrides) {
  return [dir = std::move(dir),
          overrides = std::move(overrides)](const std::string& name) -> absl::StatusOr<std::string> {
    if (auto it = overrides.find(name); it != overrides.end()) return it->second;
    return ReadText(dir / name);
  };
}

absl::StatusOr<ReportTemplates> ReportTemplates::Load(const TemplateReader& read, bool html, bool md) {
  ReportTemplates out;
  auto add = [&](const std::string& output) -> absl::Status {
    const std::string name = output + ".mustache";
    ASSIGN_OR_RETURN(std::string text, read(name));
    auto tmpl = MustacheTemplate::Parse(text);
    if (!tmpl.ok()) return absl::InvalidArgumentError(absl::StrCat(name, ": ", tmpl.status().message()));
    out.names_.Add(tmpl->names());
    out.files_.emplace_back(name, std::move(text));
    out.documents_.push_back(Document{output, name, std::move(*tmpl)});
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

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReportTemplates::Render(
    const nlohmann::ordered_json& view) const {
  std::vector<std::pair<std::string, std::string>> out;
  if (documents_.empty()) return out;
  MustacheView data(view, names_);
  // The stylesheet is the template's, not the report's data: it is not in lkip.json.
  data.Set("stylesheet", stylesheet_);
  for (const auto& d : documents_) {
    auto text = d.tmpl.Render(data);
    if (text.ok() && d.tmpl.names().Has("daftar_isi")) {
      data.SetJson("daftar_isi", DaftarIsi(Headings(*text)));
      text = d.tmpl.Render(data);
    }
    if (!text.ok()) return absl::InvalidArgumentError(absl::StrCat(d.name, ": ", text.status().message()));
    out.emplace_back(d.output, std::move(*text));
  }
  return out;
}

}  // namespace lkip::render
