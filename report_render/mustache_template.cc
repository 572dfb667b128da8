#include "report_render/mustache_template.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "report_render/proto_walk.h"

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
  return data{DoubleText(j.get<double>())};
}

// Lays `members` over `into`: objects member by member, lists element by element, anything else
// replaced.
void Merge(data* into, const ordered_json& members, const TemplateNames& names) {
  if (members.is_object() && into->is_object()) {
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (!names.Has(it.key())) continue;
      if (const data* have = into->get(it.key())) {
        Merge(const_cast<data*>(have), it.value(), names);
      } else {
        into->set(it.key(), data{data::type::invalid});
        *const_cast<data*>(into->get(it.key())) = ToMustache(it.value(), names);
      }
    }
  } else if (members.is_array() && into->is_list()) {
    auto& list = const_cast<kainjow::mustache::basic_list<std::string>&>(into->list_value());
    list.reserve(std::max(list.size(), members.size()));
    for (size_t i = 0; i < members.size(); ++i) {
      if (i < list.size()) {
        Merge(&list[i], members[i], names);
      } else {
        list.emplace_back(ToMustache(members[i], names));
      }
    }
  } else {
    *into = ToMustache(members, names);
  }
}

// Builds the data the walk tells, as ToMustache would from the message's JSON: each list is
// reserved whole, so the pointers to the containers still open stay valid while they are filled.
class MustacheBuilder : public ProtoVisitor {
 public:
  explicit MustacheBuilder(const TemplateNames& names) : names_(names) {}
  data Take() { return std::move(root_); }

  bool Wants(const std::string& name) override { return names_.Has(name); }
  void StartObject(size_t) override { open_.push_back(Put(data{data::type::object})); }
  void StartArray(size_t elements) override {
    data* list = Put(data{data::type::list});
    const_cast<kainjow::mustache::basic_list<std::string>&>(list->list_value()).reserve(elements);
    open_.push_back(list);
  }
  void EndObject() override { open_.pop_back(); }
  void EndArray() override { open_.pop_back(); }
  void Key(const std::string& name) override { key_ = &name; }
  void String(const std::string& text) override { Put(data{text}); }
  void Int(int64_t value) override { Put(data{std::to_string(value)}); }
  void Double(double value) override { Put(data{DoubleText(value)}); }
  void Bool(bool value) override { Put(data{value ? data::type::bool_true : data::type::bool_false}); }

 private:
  data* Put(data value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    data* top = open_.back();
    if (top->is_list()) {
      auto& list = const_cast<kainjow::mustache::basic_list<std::string>&>(top->list_value());
      list.emplace_back(std::move(value));
      return &list.back();
    }
    top->set(*key_, data{data::type::invalid});
    data* member = const_cast<data*>(top->get(*key_));
    *member = std::move(value);
    return member;
  }

  const TemplateNames& names_;
  data root_{data::type::object};
  std::vector<data*> open_;
  const std::string* key_ = nullptr;  // the walk's, alive until the member's value is told
};

data ProtoMustache(const google::protobuf::Message& message, const TemplateNames& names) {
  MustacheBuilder builder(names);
  WalkProto(message, builder);
  return builder.Take();
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

MustacheView::MustacheView(const google::protobuf::Message& message, const TemplateNames& names)
    : data_(std::make_unique<kainjow::mustache::data>(ProtoMustache(message, names))) {}

void MustacheView::Overlay(const ordered_json& members, const TemplateNames& names) {
  Merge(data_.get(), members, names);
}

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
