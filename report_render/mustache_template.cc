#include "report_render/mustache_template.h"

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace lkip::render {
namespace {

using kainjow::mustache::data;
using nlohmann::ordered_json;

// kainjow's set() and push_back() copy their argument, and copying a subtree at every level
// made this conversion cost more than fetching the report's data; so an empty value is inserted
// and the converted child moved into it (the element is owned by `d`, not const): each node is
// built once.
data ToMustache(const ordered_json& j, const TemplateNames& names) {
  if (j.is_object()) {
    data d{data::type::object};
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!names.Has(it.key())) continue;
      d.set(it.key(), data{data::type::invalid});
      *const_cast<data*>(d.get(it.key())) = ToMustache(it.value(), names);
    }
    return d;
  }
  if (j.is_array()) {
    data list{data::type::list};
    // Reserved: the element type's move is not noexcept, so a growing vector would copy.
    const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value()).reserve(j.size());
    for (const auto& e : j) {
      list.push_back(data{data::type::invalid});
      const_cast<data&>(list.list_value().back()) = ToMustache(e, names);
    }
    return list;
  }
  if (j.is_boolean()) return j.get<bool>() ? data{data::type::bool_true} : data{data::type::bool_false};
  if (j.is_string()) return data{j.get_ref<const std::string&>()};
  if (j.is_null()) return data{std::string()};
  if (j.is_number_integer()) return data{std::to_string(j.get<int64_t>())};
  if (j.is_number_unsigned()) return data{std::to_string(j.get<uint64_t>())};
  return data{j.dump()};
}

}  // namespace

TemplateNames TemplateNames::Of(const std::string& text) {
  if (text.find("{{=") != std::string::npos) return All();
  TemplateNames out(false);
  for (size_t open = text.find("{{"); open != std::string::npos; open = text.find("{{", open)) {
    const size_t close = text.find("}}", open + 2);
    if (close == std::string::npos) break;
    absl::string_view tag(text.data() + open + 2, close - open - 2);
    open = close + 2;
    tag = absl::StripAsciiWhitespace(absl::StripPrefix(tag, "{"));
    if (!tag.empty() && tag[0] == '!') continue;  // a comment
    if (!tag.empty() && std::strchr("#^/&>", tag[0]) != nullptr)
      tag = absl::StripAsciiWhitespace(tag.substr(1));
    for (absl::string_view part : absl::StrSplit(tag, '.', absl::SkipEmpty()))
      out.names_.insert(std::string(part));
  }
  return out;
}

void TemplateNames::Add(const TemplateNames& other) {
  all_ = all_ || other.all_;
  names_.insert(other.names_.begin(), other.names_.end());
}

MustacheView::MustacheView(const ordered_json& view, const TemplateNames& names)
    : data_(std::make_unique<kainjow::mustache::data>(ToMustache(view, names))) {}

void MustacheView::Set(const std::string& name, const std::string& value) {
  data_->set(name, kainjow::mustache::data{value});
}

void MustacheView::SetJson(const std::string& name, const ordered_json& value) {
  using kainjow::mustache::data;
  data_->set(name, data{data::type::invalid});
  *const_cast<data*>(data_->get(name)) = ToMustache(value, TemplateNames::All());
}

absl::StatusOr<MustacheTemplate> MustacheTemplate::Parse(const std::string& text) {
  auto tmpl = std::make_unique<kainjow::mustache::mustache>(text);
  if (!tmpl->is_valid()) return absl::InvalidArgumentError(absl::StrCat("template: ", tmpl->error_message()));
  tmpl->set_custom_escape(HtmlEscape);
  return MustacheTemplate(std::move(tmpl), TemplateNames::Of(text), text.size());
}

absl::StatusOr<std::string> MustacheTemplate::Render(const MustacheView& view) const {
  std::string out;
  out.reserve(2 * size_hint_);
  tmpl_->render(view.data(), [&out](const std::string& piece) { out += piece; });
  if (!tmpl_->is_valid())
    return absl::InvalidArgumentError(absl::StrCat("template: ", tmpl_->error_message()));
  return out;
}

absl::StatusOr<std::string> RenderTemplate(const ordered_json& view, const std::string& template_text) {
  auto tmpl = MustacheTemplate::Parse(template_text);
  if (!tmpl.ok()) return tmpl.status();
  return tmpl->Render(MustacheView(view, tmpl->names()));
}

}  // namespace lkip::render
