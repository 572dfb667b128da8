// A message from a file in protobuf's JSON mapping (bundles, stated figures, comparisons): the
// one way lkip reads its JSON inputs, so every such file refuses unknown fields the same way.
#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"

namespace lkip {

// NOT_FOUND naming the path when it cannot be read; INVALID_ARGUMENT naming the path, `what`
// (e.g. "a bundle (lkip.bundle.v1.Bundle)") and protobuf's reason when it does not parse.
absl::Status ReadJsonMessage(const std::string& path, const std::string& what,
                             google::protobuf::Message* message);
// The same from text already read (named `path` in errors).
absl::Status ParseJsonMessage(const std::string& text, const std::string& path, const std::string& what,
                              google::protobuf::Message* message);

}  // namespace lkip
