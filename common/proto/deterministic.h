// A message's bytes with map entries in key order, so two equal messages are byte-equal (plain
// SerializeAsString orders map entries arbitrarily): what stores compare before writing and
// what the report manifest hashes.
#pragma once

#include <google/protobuf/message.h>

#include <string>

namespace lkip {

std::string SerializeDeterministic(const google::protobuf::Message& message);

}  // namespace lkip
