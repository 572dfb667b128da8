#include "services/gateway/openapi.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "lkip/common/v1/access.pb.h"
#include "lkip/common/v1/http.pb.h"

namespace lkip::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using Json = nlohmann::ordered_json;

// Field numbers of descriptor.proto that a SourceCodeInfo path walks through.
constexpr int kFileMessage = 4, kFileEnum = 5, kFileService = 6;
constexpr int kMessageField = 2, kMessageNested = 3, kMessageEnum = 4;
constexpr int kEnumValue = 2, kServiceMethod = 2;

using Path = std::vector<int>;

void NameEnum(const google::protobuf::EnumDescriptorProto& e, const std::string& scope, Path path,
              std::map<Path, std::string>& names) {
  const std::string name = absl::StrCat(scope, ".", e.name());
  names[path] = name;
  for (int i = 0; i < e.value_size(); ++i) {
    Path p = path;
    p.insert(p.end(), {kEnumValue, i});
    names[p] = absl::StrCat(name, ".", e.value(i).name());
  }
}

void NameMessage(const google::protobuf::DescriptorProto& m, const std::string& scope, Path path,
                 std::map<Path, std::string>& names) {
  const std::string name = absl::StrCat(scope, ".", m.name());
  names[path] = name;
  for (int i = 0; i < m.field_size(); ++i) {
    Path p = path;
    p.insert(p.end(), {kMessageField, i});
    names[p] = absl::StrCat(name, ".", m.field(i).name());
  }
  for (int i = 0; i < m.nested_type_size(); ++i) {
    Path p = path;
    p.insert(p.end(), {kMessageNested, i});
    NameMessage(m.nested_type(i), name, p, names);
  }
  for (int i = 0; i < m.enum_type_size(); ++i) {
    Path p = path;
    p.insert(p.end(), {kMessageEnum, i});
    NameEnum(m.enum_type(i), name, p, names);
  }
}

std::string Tidy(const std::string& comment) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(comment, '\n'))
    lines.emplace_back(absl::StripAsciiWhitespace(line));
  return std::string(absl::StripAsciiWhitespace(absl::StrJoin(lines, "\n")));
}

std::string CommentOf(const ProtoComments& comments, const std::string& name) {
  auto it = comments.find(name);
  return it == comments.end() ? "" : it->second;
}

void Describe(Json& schema, const ProtoComments& comments, const std::string& name) {
  if (std::string text = CommentOf(comments, name); !text.empty()) schema["description"] = text;
}

std::string Ref(const SchemaStyle& style, const std::string& name) {
  return absl::StrCat(style.ref_prefix, name);
}

Json EnumSchema(const EnumDescriptor* e, const ProtoComments& comments) {
  Json schema{{"type", "string"}};
  Json values = Json::array();
  std::vector<std::string> described;
  for (int i = 0; i < e->value_count(); ++i) {
    values.push_back(e->value(i)->name());
    if (std::string text = CommentOf(comments, e->value(i)->full_name()); !text.empty())
      described.push_back(
          absl::StrCat("- ", e->value(i)->name(), ": ", absl::StrReplaceAll(text, {{"\n", " "}})));
  }
  schema["enum"] = values;
  std::string text = CommentOf(comments, e->full_name());
  if (!described.empty())
    text = absl::StrCat(text, text.empty() ? "" : "\n\n", absl::StrJoin(described, "\n"));
  if (!text.empty()) schema["description"] = text;
  return schema;
}

Json FieldValueSchema(const FieldDescriptor* f, const ProtoComments& comments, const SchemaStyle& style,
                      Json& schemas);

Json MessageRef(const Descriptor* m, const ProtoComments& comments, const SchemaStyle& style, Json& schemas) {
  if (m->full_name() == "google.protobuf.Timestamp") return Json{{"type", "string"}, {"format", "date-time"}};
  if (!schemas.contains(m->full_name())) {
    schemas[m->full_name()] = Json::object();  // placeholder: a message that reaches itself
    Json schema{{"type", "object"}};
    Describe(schema, comments, m->full_name());
    Json properties = Json::object();
    Json required = Json::array();
    for (int i = 0; i < m->field_count(); ++i) {
      const FieldDescriptor* f = m->field(i);
      if (style.require_written && (f->is_repeated() || !f->has_presence())) required.push_back(f->name());
      Json property = FieldValueSchema(f, comments, style, schemas);
      std::string text = CommentOf(comments, f->full_name());
      if (f->containing_oneof() != nullptr)
        text = absl::StrCat(text, text.empty() ? "" : " ", "(One of ", f->containing_oneof()->name(), ".)");
      if (!text.empty()) {
        // A $ref takes no siblings in OpenAPI 3.0: wrap it.
        if (property.contains("$ref")) property = Json{{"allOf", Json::array({property})}};
        property["description"] = text;
      }
      properties[f->name()] = property;
    }
    if (m->full_name() == "lkip.common.v1.Decimal") {
      // Never a fraction in JSON: the exact one goes in `fraction` (common.proto).
      properties["value"]["pattern"] = "^-?[0-9]+(\\.[0-9]+)?$";
      properties["fraction"]["pattern"] = "^(-?[0-9]+/[0-9]+)?$";
    }
    schema["properties"] = properties;
    if (!required.empty()) schema["required"] = required;
    schema["additionalProperties"] = false;
    schemas[m->full_name()] = schema;
  }
  return Json{{"$ref", Ref(style, m->full_name())}};
}

Json ScalarSchema(const FieldDescriptor* f, const ProtoComments& comments, const SchemaStyle& style,
                  Json& schemas) {
  switch (f->type()) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SFIXED32:
      return Json{{"type", "integer"}, {"format", "int32"}};
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_FIXED32:
      return Json{{"type", "integer"}, {"format", "int32"}, {"minimum", 0}};
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_SFIXED64:
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_FIXED64:
      // protobuf's JSON mapping writes 64-bit integers as strings.
      return Json{{"type", "string"}, {"format", "int64"}, {"pattern", "^-?[0-9]+$"}};
    case FieldDescriptor::TYPE_DOUBLE:
    case FieldDescriptor::TYPE_FLOAT:
      return Json{{"type", "number"}};
    case FieldDescriptor::TYPE_BOOL:
      return Json{{"type", "boolean"}};
    case FieldDescriptor::TYPE_STRING:
      return Json{{"type", "string"}};
    case FieldDescriptor::TYPE_BYTES:
      return Json{{"type", "string"}, {"format", "byte"}};
    case FieldDescriptor::TYPE_ENUM: {
      const EnumDescriptor* e = f->enum_type();
      if (!schemas.contains(e->full_name())) schemas[e->full_name()] = EnumSchema(e, comments);
      return Json{{"$ref", Ref(style, e->full_name())}};
    }
    case FieldDescriptor::TYPE_MESSAGE:
    case FieldDescriptor::TYPE_GROUP:
      return MessageRef(f->message_type(), comments, style, schemas);
  }
  return Json::object();
}

Json FieldValueSchema(const FieldDescriptor* f, const ProtoComments& comments, const SchemaStyle& style,
                      Json& schemas) {
  if (f->is_map()) {
    return Json{
        {"type", "object"},
        {"additionalProperties", ScalarSchema(f->message_type()->map_value(), comments, style, schemas)}};
  }
  Json value = ScalarSchema(f, comments, style, schemas);
  if (f->is_repeated()) return Json{{"type", "array"}, {"items", value}};
  return value;
}

std::string OperationId(const google::protobuf::MethodDescriptor* m) {
  return absl::StrCat(m->service()->name(), "_", m->name());
}

}  // namespace

ProtoComments CommentsOf(const google::protobuf::FileDescriptorSet& set) {
  ProtoComments comments;
  for (const auto& file : set.file()) {
    std::map<Path, std::string> names;
    const std::string scope = file.package().empty() ? "" : file.package();
    auto scoped = [&](const std::string& name) {
      return scope.empty() ? name : absl::StrCat(scope, ".", name);
    };
    for (int i = 0; i < file.message_type_size(); ++i)
      NameMessage(file.message_type(i), scope, {kFileMessage, i}, names);
    for (int i = 0; i < file.enum_type_size(); ++i) NameEnum(file.enum_type(i), scope, {kFileEnum, i}, names);
    for (int i = 0; i < file.service_size(); ++i) {
      const std::string service = scoped(file.service(i).name());
      names[{kFileService, i}] = service;
      for (int j = 0; j < file.service(i).method_size(); ++j)
        names[{kFileService, i, kServiceMethod, j}] =
            absl::StrCat(service, ".", file.service(i).method(j).name());
    }
    for (const auto& location : file.source_code_info().location()) {
      const Path path(location.path().begin(), location.path().end());
      auto name = names.find(path);
      if (name == names.end()) continue;
      std::string text = Tidy(location.leading_comments());
      if (text.empty()) text = Tidy(location.trailing_comments());
      if (!text.empty()) comments[name->second] = text;
    }
  }
  return comments;
}

Json MessageSchema(const Descriptor* message, const ProtoComments& comments, const SchemaStyle& style,
                   Json& schemas) {
  return MessageRef(message, comments, style, schemas);
}

Json FileSchema(const std::string& file_name, const Descriptor* message, const ProtoComments& comments) {
  Json defs = Json::object();
  const Json top = MessageRef(message, comments, SchemaStyle{"#/$defs/", true}, defs);
  Json doc;
  doc["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  doc["title"] = absl::StrCat(file_name, ": ", message->full_name(), " in protobuf's JSON mapping");
  doc["description"] = absl::StrCat(
      "Field names as in the .proto; 64-bit integers as strings; a Decimal's value always a decimal, "
      "its exact fraction in `fraction` when it has no finite expansion (docs/integration.md). ",
      CommentOf(comments, message->full_name()));
  doc["$ref"] = top["$ref"];
  doc["$defs"] = defs;
  return doc;
}

Json OpenApiDocument(const RouteTable& routes, const ProtoComments& comments, const std::string& version) {
  const std::string prefix = "#/components/schemas/";
  const SchemaStyle style{prefix, false};
  Json schemas = Json::object();
  Json paths = Json::object();
  for (const auto& route : routes.routes()) {
    const auto* m = route->method;
    const Descriptor* input = m->input_type();
    Json op;
    op["operationId"] = OperationId(m);
    op["tags"] = Json::array({m->service()->full_name()});
    std::string description = CommentOf(comments, m->full_name());
    op["summary"] = description.substr(0, description.find('\n'));
    if (!description.empty()) op["description"] = description;
    const auto access = m->options().GetExtension(common::v1::access);
    op["x-lkip-access"] = common::v1::Access_Name(access);
    op["x-lkip-rpc"] = m->full_name();
    op["x-lkip-upstream"] = route->upstream;

    Json parameters = Json::array();
    std::vector<std::string> in_path;
    for (const PathSegment& seg : route->segments) {
      if (!seg.is_variable()) continue;
      in_path.push_back(seg.field);
      auto fields = FieldPath(input, seg.field);
      Json p{{"name", seg.field}, {"in", "path"}, {"required", true}};
      p["schema"] = ScalarSchema(fields->back(), comments, style, schemas);
      if (std::string text = CommentOf(comments, fields->back()->full_name()); !text.empty())
        p["description"] = text;
      parameters.push_back(p);
    }
    if (route->body != "*") {
      for (int i = 0; i < input->field_count(); ++i) {
        const FieldDescriptor* f = input->field(i);
        if (f->name() == route->body || f->is_map()) continue;
        if (std::find(in_path.begin(), in_path.end(), f->name()) != in_path.end()) continue;
        if (f->message_type() != nullptr) continue;  // messages only in a body
        Json p{{"name", f->name()}, {"in", "query"}, {"required", false}};
        p["schema"] = FieldValueSchema(f, comments, style, schemas);
        if (f->is_repeated()) {
          p["style"] = "form";
          p["explode"] = true;
        }
        if (std::string text = CommentOf(comments, f->full_name()); !text.empty()) p["description"] = text;
        parameters.push_back(p);
      }
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!route->body.empty()) {
      const Descriptor* body =
          route->body == "*" ? input : input->FindFieldByName(route->body)->message_type();
      op["requestBody"] =
          Json{{"required", true},
               {"content",
                Json{{"application/json", Json{{"schema", MessageRef(body, comments, style, schemas)}}}}}};
    }
    Json ok{{"description", "OK"}};
    if (m->output_type()->full_name() == "lkip.common.v1.HttpBody") {
      ok["content"] = Json{
          {"application/octet-stream", Json{{"schema", Json{{"type", "string"}, {"format", "binary"}}}}}};
    } else {
      ok["content"] = Json{
          {"application/json", Json{{"schema", MessageRef(m->output_type(), comments, style, schemas)}}}};
    }
    op["responses"] = Json{
        {"200", ok},
        {"default",
         Json{{"description", "The RPC's error (gRPC code, HTTP status, field)"},
              {"content", Json{{"application/json", Json{{"schema", Json{{"$ref", prefix + "Error"}}}}}}}}}};
    std::string verb = route->verb;
    for (char& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route->template_text][verb] = op;
  }
  schemas["Error"] = Json{
      {"type", "object"},
      {"description",
       "Every failure: {\"error\": {...}} with the HTTP status, the gRPC code and the field named."},
      {"required", Json::array({"error"})},
      {"properties",
       Json{{"error",
             Json{{"type", "object"},
                  {"required", Json::array({"code", "status", "grpc_code", "message"})},
                  {"properties",
                   Json{{"code", Json{{"type", "integer"}, {"description", "HTTP status"}}},
                        {"status", Json{{"type", "string"}, {"description", "gRPC code's name"}}},
                        {"grpc_code", Json{{"type", "integer"}}},
                        {"message", Json{{"type", "string"}}},
                        {"field", Json{{"type", "string"},
                                       {"description", "the request field refused, when one is"}}}}}}}}}};
  Json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = Json{{"title", "lkip REST API"},
                     {"version", version},
                     {"description",
                      "The gRPC APIs of lkip (proto/lkip) served as REST/JSON by the gateway, made from the "
                      "schema's google.api.http-style annotations (lkip.common.v1.http). Field names are the "
                      ".proto's; 64-bit integers and decimals are strings. docs/integration.md says how to "
                      "use it."}};
  doc["servers"] = Json::array({Json{{"url", "/"}}});
  doc["security"] = Json::array({Json{{"bearer", Json::array()}}});
  doc["paths"] = paths;
  doc["components"] = Json{
      {"securitySchemes",
       Json{{"bearer",
             Json{{"type", "http"},
                  {"scheme", "bearer"},
                  {"bearerFormat", "JWT"},
                  {"description", "A lkip token (lkipctl token issue), as every gRPC call carries it."}}}}},
      {"schemas", schemas}};
  return doc;
}

}  // namespace lkip::gateway
