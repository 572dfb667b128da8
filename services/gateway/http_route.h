// The REST routes of the gateway, read from the schema: every RPC of the served files that carries
// a lkip.common.v1.http rule (proto/lkip/common/v1/http.proto) is one route, its path template
// parsed once. Nothing here is written per method; adding a route is annotating an RPC.
#pragma once

#include <google/protobuf/descriptor.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace lkip::gateway {

// One segment of a path template: a literal ("v1", "approval:submit") or a variable naming a
// request field ("province_code", "perjanjian_kinerja.fiscal_year"); the last may be a variable
// with a custom verb after it ("{bundle_id}:rollBack", as google.api.http writes one).
struct PathSegment {
  std::string literal;
  std::string field;        // set for a variable
  std::string verb_suffix;  // ":rollBack" after the last variable
  bool is_variable() const { return !field.empty(); }
};

struct Route {
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string verb;           // GET, PUT, POST, DELETE, PATCH
  std::string template_text;  // as annotated, "/v1/provinces/{province_code}/..."
  std::vector<PathSegment> segments;
  std::string body;      // "*", a field name, or "" (no body)
  std::string upstream;  // which service serves it ("aggregator", "nasional")
};

// A request matched to its route, with the path variables' values (percent-decoded).
struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> variables;  // field path -> value
};

// The template's segments. INVALID_ARGUMENT naming the template when it does not start with
// '/', has an empty segment, or a variable that is not a field path.
absl::StatusOr<std::vector<PathSegment>> ParsePathTemplate(absl::string_view text);

// The fields along `path` ("a.b") from `message`: every one but the last a singular message.
// INVALID_ARGUMENT naming the path when a name is not a field there. Names are the .proto's or
// their JSON (lowerCamelCase) form.
absl::StatusOr<std::vector<const google::protobuf::FieldDescriptor*>> FieldPath(
    const google::protobuf::Descriptor* message, absl::string_view path);

// Which proto files the gateway serves, and from which upstream.
struct ServedFile {
  const google::protobuf::FileDescriptor* file;
  std::string upstream;
};

class RouteTable {
 public:
  // Every annotated RPC of `files`. INVALID_ARGUMENT naming the RPC when its rule cannot be
  // served: a streaming RPC, a template that does not parse, a variable or body naming no field
  // of the request, two routes of the same verb and path.
  static absl::StatusOr<RouteTable> Build(const std::vector<ServedFile>& files);

  // NOT_FOUND when no route has the path; UNIMPLEMENTED (405 over HTTP) naming the verbs that
  // it has when none has `verb`.
  absl::StatusOr<RouteMatch> Match(absl::string_view verb, absl::string_view path) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace lkip::gateway
