// A message as nlohmann JSON by protobuf's JSON mapping (field names as in the .proto, default
// values of singular scalars written, int64 as strings, enums by name, Timestamp as RFC 3339),
// walked by reflection in one pass. protobuf's own printer writes text that would then have to
// be parsed again to become the Mustache view; this gives the same value directly
// (proto_json_test compares the two on the report).
#pragma once

#include <google/protobuf/message.h>

#include <cstddef>
#include <nlohmann/json.hpp>

namespace lkip::render {

// Every object is made with room for `spare_members` more members than its message has fields:
// a member added later (the presentation's) then never makes the object's vector grow, which
// copies every member and its subtree (json_object.h says why).
nlohmann::ordered_json ProtoJson(const google::protobuf::Message& message, size_t spare_members = 0);

}  // namespace lkip::render
