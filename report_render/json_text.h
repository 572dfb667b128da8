// The JSON text of a report view (lkip.json, capaian.json): the same bytes as nlohmann's
// dump(2), written by RapidJSON's writer. nlohmann's serializer decodes every byte of every
// string as UTF-8, and the view's ~120 kB of text (the stored narratives, the charts) made
// that the largest single cost of building the report (docs/benchmarks.md); RapidJSON copies
// the bytes through a table of the characters JSON must escape.
#pragma once

#include <google/protobuf/message.h>

#include <nlohmann/json.hpp>
#include <string>

namespace lkip::render {

// Indented by two spaces, "key": value, as nlohmann's dump(2); control characters are
// escaped as \uXXXX with upper-case hex digits (nlohmann writes lower case), the only difference.
std::string JsonText(const nlohmann::ordered_json& view);

// JsonText(ProtoJson(message)), written straight from the message (lkip.json): the same bytes
// without the tree in between.
std::string ProtoJsonText(const google::protobuf::Message& message);

// The same value without whitespace: what the REST gateway answers (a third fewer bytes to
// encrypt and send than the indented text).
std::string ProtoJsonCompact(const google::protobuf::Message& message);

}  // namespace lkip::render
