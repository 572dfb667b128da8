// The OpenAPI 3 document of the REST API, made from the schema: a path per route of the route
// table, a component schema per message and enum it reaches (in protobuf's JSON mapping with the
// .proto's field names, as the gateway answers), and the descriptions from the .proto comments.
// The build writes it (lkip_openapi, from the descriptor set made with its comments) and the
// gateway serves that file at /openapi.json; nothing in it is written per method.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "services/gateway/http_route.h"

namespace lkip::gateway {

// The comment of each message, field, enum, enum value, service and RPC of `set` (made with
// --include_source_info), by full name ("lkip.report.v1.Report.fiscal_year"): the leading
// comment, else the trailing one, trimmed.
using ProtoComments = std::map<std::string, std::string>;
ProtoComments CommentsOf(const google::protobuf::FileDescriptorSet& set);

// How a message's schema is written: where its definitions are referred to, and whether the
// fields lkip always writes are required (a file lkip wrote: every field without presence, as
// the JSON mapping writes them) or none is (a request a client sends).
struct SchemaStyle {
  std::string ref_prefix;  // "#/components/schemas/", "#/$defs/"
  bool require_written = false;
};

// A reference to the JSON Schema of `message` (the subset OpenAPI 3.0 and JSON Schema 2020-12
// share), with every message and enum it reaches added to `schemas` by full name.
nlohmann::ordered_json MessageSchema(const google::protobuf::Descriptor* message,
                                     const ProtoComments& comments, const SchemaStyle& style,
                                     nlohmann::ordered_json& schemas);

// A JSON Schema 2020-12 document of a file lkip writes in the JSON mapping: `message` at the top,
// its definitions under $defs, every always-written field required.
nlohmann::ordered_json FileSchema(const std::string& file_name, const google::protobuf::Descriptor* message,
                                  const ProtoComments& comments);

nlohmann::ordered_json OpenApiDocument(const RouteTable& routes, const ProtoComments& comments,
                                       const std::string& version);

}  // namespace lkip::gateway
