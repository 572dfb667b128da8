#include "services/gateway/http_route.h"

#include <cctype>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "lkip/common/v1/http.pb.h"

namespace lkip::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;

bool IsIdentifier(absl::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// "%2F" -> "/"; a '%' not followed by two hex digits stays as it is.
std::string PercentDecode(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

absl::StatusOr<std::pair<std::string, std::string>> VerbOf(const MethodDescriptor& m,
                                                           const common::v1::HttpRule& rule) {
  switch (rule.pattern_case()) {
    case common::v1::HttpRule::kGet:
      return std::make_pair(std::string("GET"), rule.get());
    case common::v1::HttpRule::kPut:
      return std::make_pair(std::string("PUT"), rule.put());
    case common::v1::HttpRule::kPost:
      return std::make_pair(std::string("POST"), rule.post());
    case common::v1::HttpRule::kDelete:
      return std::make_pair(std::string("DELETE"), rule.delete_());
    case common::v1::HttpRule::kPatch:
      return std::make_pair(std::string("PATCH"), rule.patch());
    case common::v1::HttpRule::PATTERN_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(absl::StrCat(m.full_name(), ": its http rule names no verb"));
}

}  // namespace

absl::StatusOr<std::vector<PathSegment>> ParsePathTemplate(absl::string_view text) {
  if (text.empty() || text[0] != '/')
    return absl::InvalidArgumentError(absl::StrCat("path template \"", text, "\" does not start with '/'"));
  std::vector<PathSegment> segments;
  const std::vector<absl::string_view> parts = absl::StrSplit(text.substr(1), '/');
  for (size_t i = 0; i < parts.size(); ++i) {
    absl::string_view part = parts[i];
    if (part.empty())
      return absl::InvalidArgumentError(absl::StrCat("path template \"", text, "\" has an empty segment"));
    PathSegment segment;
    if (const size_t colon = part.find("}:"); part.front() == '{' && colon != absl::string_view::npos) {
      if (i + 1 != parts.size())
        return absl::InvalidArgumentError(absl::StrCat(
            "path template \"", text, "\": a custom verb comes only at the end: \"", part, "\""));
      segment.verb_suffix = std::string(part.substr(colon + 1));
      if (!IsIdentifier(segment.verb_suffix.substr(1)))
        return absl::InvalidArgumentError(
            absl::StrCat("path template \"", text, "\": \"", segment.verb_suffix, "\" is not a custom verb"));
      part = part.substr(0, colon + 1);
    }
    if (part.front() == '{') {
      if (part.back() != '}')
        return absl::InvalidArgumentError(
            absl::StrCat("path template \"", text, "\": \"", part, "\" is not {field}"));
      const absl::string_view field = part.substr(1, part.size() - 2);
      for (absl::string_view name : absl::StrSplit(field, '.')) {
        if (!IsIdentifier(name))
          return absl::InvalidArgumentError(
              absl::StrCat("path template \"", text, "\": \"", field, "\" is not a field path"));
      }
      segment.field = std::string(field);
    } else {
      if (part.find_first_of("{}") != absl::string_view::npos)
        return absl::InvalidArgumentError(
            absl::StrCat("path template \"", text, "\": a variable must be a whole segment: \"", part, "\""));
      segment.literal = std::string(part);
    }
    segments.push_back(std::move(segment));
  }
  return segments;
}

absl::StatusOr<std::vector<const FieldDescriptor*>> FieldPath(const Descriptor* message,
                                                              absl::string_view path) {
  std::vector<const FieldDescriptor*> fields;
  const Descriptor* at = message;
  for (absl::string_view name : absl::StrSplit(path, '.')) {
    const FieldDescriptor* f = at == nullptr ? nullptr : at->FindFieldByName(std::string(name));
    if (f == nullptr && at != nullptr) f = at->FindFieldByCamelcaseName(std::string(name));
    if (f == nullptr)
      return absl::InvalidArgumentError(absl::StrCat(path, ": no such field in ", message->full_name()));
    if (!fields.empty() && (fields.back()->is_repeated() || fields.back()->message_type() == nullptr))
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": ", fields.back()->name(), " is not a single message"));
    fields.push_back(f);
    at = f->message_type();
  }
  return fields;
}

absl::StatusOr<RouteTable> RouteTable::Build(const std::vector<ServedFile>& files) {
  RouteTable table;
  std::set<std::pair<std::string, std::string>> seen;  // verb, template with variables as "*"
  for (const ServedFile& served : files) {
    for (int s = 0; s < served.file->service_count(); ++s) {
      const auto* service = served.file->service(s);
      for (int i = 0; i < service->method_count(); ++i) {
        const MethodDescriptor* m = service->method(i);
        if (!m->options().HasExtension(common::v1::http)) continue;
        const common::v1::HttpRule& rule = m->options().GetExtension(common::v1::http);
        if (m->client_streaming() || m->server_streaming())
          return absl::InvalidArgumentError(
              absl::StrCat(m->full_name(), ": a streaming RPC cannot be a REST route"));
        auto route = std::make_unique<Route>();
        route->method = m;
        route->upstream = served.upstream;
        auto verb = VerbOf(*m, rule);
        if (!verb.ok()) return verb.status();
        route->verb = verb->first;
        route->template_text = verb->second;
        auto segments = ParsePathTemplate(route->template_text);
        if (!segments.ok())
          return absl::InvalidArgumentError(absl::StrCat(m->full_name(), ": ", segments.status().message()));
        route->segments = *std::move(segments);
        std::vector<std::string> shape;
        for (const PathSegment& seg : route->segments) {
          shape.push_back(seg.is_variable() ? "*" + seg.verb_suffix : seg.literal);
          if (!seg.is_variable()) continue;
          auto path = FieldPath(m->input_type(), seg.field);
          if (!path.ok())
            return absl::InvalidArgumentError(absl::StrCat(m->full_name(), ": ", path.status().message()));
          if (path->back()->is_repeated() || path->back()->message_type() != nullptr)
            return absl::InvalidArgumentError(
                absl::StrCat(m->full_name(), ": path variable ", seg.field, " is not a single scalar field"));
        }
        route->body = rule.body();
        if (!route->body.empty() && route->body != "*") {
          const FieldDescriptor* f = m->input_type()->FindFieldByName(route->body);
          if (f == nullptr || f->message_type() == nullptr || f->is_repeated())
            return absl::InvalidArgumentError(absl::StrCat(m->full_name(), ": body \"", route->body,
                                                           "\" is not a message field of the request"));
        }
        if (!seen.emplace(route->verb, absl::StrJoin(shape, "/")).second)
          return absl::InvalidArgumentError(absl::StrCat(m->full_name(), ": another RPC has the route ",
                                                         route->verb, " ", route->template_text));
        table.routes_.push_back(std::move(route));
      }
    }
  }
  return table;
}

absl::StatusOr<RouteMatch> RouteTable::Match(absl::string_view verb, absl::string_view path) const {
  if (path.empty() || path[0] != '/') return absl::NotFoundError(absl::StrCat("no route for \"", path, "\""));
  const std::vector<absl::string_view> parts = absl::StrSplit(path.substr(1), '/');
  std::set<std::string> verbs;
  for (const auto& route : routes_) {
    if (route->segments.size() != parts.size()) continue;
    RouteMatch match;
    match.route = route.get();
    bool same = true;
    for (size_t i = 0; i < parts.size() && same; ++i) {
      const PathSegment& seg = route->segments[i];
      if (seg.is_variable()) {
        // A variable is a whole segment (less its route's custom verb); a ':' elsewhere in it is
        // another route's custom verb.
        absl::string_view value = parts[i];
        if (!seg.verb_suffix.empty()) {
          same = absl::EndsWith(value, seg.verb_suffix);
          value.remove_suffix(same ? seg.verb_suffix.size() : 0);
        }
        same = same && !value.empty() && value.find(':') == absl::string_view::npos;
        if (same) match.variables[seg.field] = PercentDecode(value);
      } else {
        same = parts[i] == seg.literal;
      }
    }
    if (!same) continue;
    if (route->verb == verb) return match;
    verbs.insert(route->verb);
  }
  if (verbs.empty()) return absl::NotFoundError(absl::StrCat("no route for \"", path, "\""));
  return absl::UnimplementedError(
      absl::StrCat(verb, " is not served on \"", path, "\"; it takes ", absl::StrJoin(verbs, ", ")));
}

}  // namespace lkip::gateway
