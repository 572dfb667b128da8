// A message as nlohmann JSON by protobuf's JSON mapping (field names as in the .proto, default
// values of singular scalars written, int64 as strings, enums by name, Timestamp as RFC 3339),
// walked by reflection in one pass. protobuf's own printer writes text that would then have to
// be parsed again to become the Mustache view; this gives the same value directly
// (proto_json_test compares the two on the report).
#pragma once

#include <google/protobuf/message.h>

#include <nlohmann/json.hpp>

namespace lkip::render {

nlohmann::ordered_json ProtoJson(const google::protobuf::Message& message);

}  // namespace lkip::render
