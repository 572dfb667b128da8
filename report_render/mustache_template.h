// Mustache templates (Debian's kainjow-mustache) over the report's JSON views. A template is
// parsed once and a view converted once: lkipctl renders lkip.html and lkip.md from one
// converted view, and a run over many provinces parses each template once.
#pragma once

#include <google/protobuf/message.h>

#include <kainjow/mustache.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "report_render/html_escape.h"

namespace lkip::render {

// The names a template's tags can look up ("sasaran", "indicators", "code" from
// {{#sasaran}}{{#indicators}}{{code}}, each part of a dotted name). An object member under any
// other name can never reach the output, so the view converted for a template leaves it out.
// A template that changes its delimiters ({{=<% %>=}}) is not scanned: it may use every name.
class TemplateNames {
 public:
  static TemplateNames All() { return TemplateNames(true); }
  static TemplateNames Of(const std::string& template_text);
  void Add(const TemplateNames& other);
  bool Has(const std::string& name) const { return all_ || names_.contains(name); }

 private:
  explicit TemplateNames(bool all) : all_(all) {}
  bool all_;
  absl::flat_hash_set<std::string> names_;
};

// A JSON view as Mustache data: the template sees exactly the JSON contract (numbers as their
// JSON text, null as an empty string), less the members no template named in `names` looks up.
class MustacheView {
 public:
  explicit MustacheView(const nlohmann::ordered_json& view,
                        const TemplateNames& names = TemplateNames::All());
  // The message's JSON mapping (proto_walk.h) converted straight from the message: what
  // MustacheView(ProtoJson(message), names) holds, without the JSON in between.
  MustacheView(const google::protobuf::Message& message, const TemplateNames& names);

  // `members` laid over the view (objects merged member by member, lists element by element,
  // anything else replaced): what only the printed document needs, on top of the message.
  void Overlay(const nlohmann::ordered_json& members, const TemplateNames& names = TemplateNames::All());

  const kainjow::mustache::data& data() const { return *data_; }
  // A top-level string that is not part of the JSON view (the stylesheet a template inlines).
  void Set(const std::string& name, const std::string& value);
  // A top-level member computed after the view was converted (the daftar isi), as JSON.
  void SetJson(const std::string& name, const nlohmann::ordered_json& value);

 private:
  std::unique_ptr<kainjow::mustache::data> data_;
};

// A parsed template; {{x}} is HTML-escaped as kainjow escapes it (& < > " '), {{{x}}} is not.
class MustacheTemplate {
 public:
  // INVALID_ARGUMENT with kainjow's message (and the line) when the text does not parse.
  static absl::StatusOr<MustacheTemplate> Parse(const std::string& text);
  absl::StatusOr<std::string> Render(const MustacheView& view) const;
  const TemplateNames& names() const { return names_; }

 private:
  MustacheTemplate(std::unique_ptr<kainjow::mustache::mustache> tmpl, TemplateNames names, size_t size_hint)
      : tmpl_(std::move(tmpl)), names_(std::move(names)), size_hint_(size_hint) {}
  // Held by pointer: the parsed tree's sections point at each other, and kainjow's render is not
  // const (it records errors in the template).
  std::unique_ptr<kainjow::mustache::mustache> tmpl_;
  TemplateNames names_;
  size_t size_hint_ = 0;  // the template's length: the output is at least about this long
};

// Parses `template_text` and renders it over `view` (one-off renders: the capaian page, tests).
absl::StatusOr<std::string> RenderTemplate(const nlohmann::ordered_json& view,
                                           const std::string& template_text);

}  // namespace lkip::render
