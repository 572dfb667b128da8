// A message as nlohmann JSON by protobuf's JSON mapping (proto_walk.h), in one pass. protobuf's
// own printer writes text that would then have to be parsed again; this gives the same value
// directly (proto_json_test compares the two on the report).
#pragma once

#include <google/protobuf/message.h>

#include <nlohmann/json.hpp>

namespace lkip::render {

nlohmann::ordered_json ProtoJson(const google::protobuf::Message& message);

}  // namespace lkip::render
