// One walk over a message by reflection in protobuf's JSON mapping (field names as in the
// .proto, default values of singular scalars written, int64 as strings, enums by name, bytes as
// base64, Timestamp as RFC 3339, maps as objects, Decimal's value always a decimal), told to a visitor as
// events. The mapping is written here once; the visitors build what each output needs from it straight from
// the message: nlohmann JSON (ProtoJson), the JSON text of lkip.json (ProtoJsonText) and the Mustache data
// the templates render (MustacheView), none of them through another.
#pragma once

#include <google/protobuf/message.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

namespace lkip::render {

class ProtoVisitor {
 public:
  virtual ~ProtoVisitor() = default;
  // Whether the member `name` of the object being visited is wanted: a member not wanted is
  // skipped with everything under it (a template that never names it cannot show it).
  virtual bool Wants(const std::string& /*name*/) { return true; }
  // `members` and `elements` are how many there will be at most (room to reserve).
  virtual void StartObject(size_t members) = 0;
  // Before each member's value; `name` stays alive until that value has been told.
  virtual void Key(const std::string& name) = 0;
  virtual void EndObject() = 0;
  virtual void StartArray(size_t elements) = 0;
  virtual void EndArray() = 0;
  virtual void String(const std::string& text) = 0;
  virtual void Int(int64_t value) = 0;    // int32 and uint32 (64-bit integers come as strings)
  virtual void Double(double value) = 0;  // double and float
  virtual void Bool(bool value) = 0;
};

// lkip.common.v1.Decimal is the one message written otherwise: its `value` is always a decimal,
// a fraction's rounded to this many places with the exact "p/q" in `fraction` (common.proto).
inline constexpr int kJsonFractionPlaces = 20;

void WalkProto(const google::protobuf::Message& message, ProtoVisitor& visitor);

// An exact figure as JSON carries it: {decimal, ""} for a decimal, {decimal rounded to
// kJsonFractionPlaces, "p/q"} for a fraction; text that is not a number as it is.
std::pair<std::string, std::string> JsonDecimal(const std::string& exact);

// The inverse, for a message read from such JSON: every Decimal that came with a `fraction` takes
// the fraction as its exact value (as gRPC carries it) and the fraction is cleared.
void ExactDecimalsFromJson(google::protobuf::Message* message);

// A double as nlohmann's dump() writes it (the shortest text that reads back the same), so every
// output of the mapping spells a floating-point field alike.
std::string DoubleText(double value);

}  // namespace lkip::render
