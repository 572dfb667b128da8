#include "report_render/proto_walk.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/timestamp.pb.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "common/numeric/decimal.h"

namespace lkip::render {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// 2023-01-31T00:00:00Z, with 3, 6 or 9 fractional digits when there are nanoseconds.
std::string TimestampText(const Message& m) {
  google::protobuf::Timestamp t;
  t.CopyFrom(m);
  const absl::Time time = absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
  std::string fraction;
  if (t.nanos() != 0) {
    fraction = absl::StrFormat(".%09d", t.nanos());
    while (fraction.size() > 4 && fraction.substr(fraction.size() - 3) == "000")
      fraction.resize(fraction.size() - 3);
  }
  return absl::StrCat(absl::FormatTime("%Y-%m-%dT%H:%M:%S", time, absl::UTCTimeZone()), fraction, "Z");
}

void Walk(const Message& m, ProtoVisitor& v);

// lkip.common.v1.Decimal (common.proto): `value` always a decimal in JSON. A fraction "p/q",
// which gRPC carries when there is no finite expansion, is written rounded to
// kJsonFractionPlaces places with the exact fraction in `fraction`.
void DecimalValue(const Message& m, ProtoVisitor& v) {
  const auto* d = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  auto [decimal, fraction] = JsonDecimal(r->GetString(m, d->FindFieldByNumber(1)));
  if (fraction.empty()) fraction = r->GetString(m, d->FindFieldByNumber(2));
  // The names outlive the calls: a visitor may keep the key until the value is told.
  static const std::string* const kValue = new std::string("value");
  static const std::string* const kFraction = new std::string("fraction");
  v.StartObject(2);
  if (v.Wants(*kValue)) {
    v.Key(*kValue);
    v.String(decimal);
  }
  if (v.Wants(*kFraction)) {
    v.Key(*kFraction);
    v.String(fraction);
  }
  v.EndObject();
}

// One value of field `f` (element `index` of a repeated field, or the singular value at -1).
void Value(const Message& m, const Reflection* r, const FieldDescriptor* f, int index, ProtoVisitor& v) {
  const bool rep = index >= 0;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return v.Int(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return v.Int(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return v.String(std::to_string(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f)));
    case FieldDescriptor::CPPTYPE_UINT64:
      return v.String(std::to_string(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f)));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return v.Double(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return v.Double(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return v.Bool(rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f));
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int value = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      const auto* named = f->enum_type()->FindValueByNumber(value);
      return named != nullptr ? v.String(named->name()) : v.Int(value);
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& s =
          rep ? r->GetRepeatedStringReference(m, f, index, &scratch) : r->GetStringReference(m, f, &scratch);
      return f->type() == FieldDescriptor::TYPE_BYTES ? v.String(absl::Base64Escape(s)) : v.String(s);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return Walk(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f), v);
  }
}

// A map key as JSON names it: a string as it is, a number or bool as its JSON text.
std::string MapKey(const Message& entry, const FieldDescriptor* key) {
  const Reflection* r = entry.GetReflection();
  switch (key->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(entry, key);
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(r->GetInt32(entry, key));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(r->GetUInt32(entry, key));
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(r->GetInt64(entry, key));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(r->GetUInt64(entry, key));
    case FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(entry, key) ? "true" : "false";
    default:
      return "";  // protobuf allows no other key type
  }
}

void Walk(const Message& m, ProtoVisitor& v) {
  const auto* d = m.GetDescriptor();
  if (d->full_name() == "google.protobuf.Timestamp") return v.String(TimestampText(m));
  if (d->full_name() == "lkip.common.v1.Decimal") return DecimalValue(m, v);
  const Reflection* r = m.GetReflection();
  v.StartObject(d->field_count());
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    // Messages, oneof members and proto3 `optional` only when set; other singular scalars always.
    if (!f->is_repeated() && f->has_presence() && !r->HasField(m, f)) continue;
    if (!v.Wants(f->name())) continue;
    v.Key(f->name());
    if (f->is_map()) {
      const FieldDescriptor* key = f->message_type()->map_key();
      const FieldDescriptor* value = f->message_type()->map_value();
      const int n = r->FieldSize(m, f);
      v.StartObject(n);
      for (int k = 0; k < n; ++k) {
        const Message& entry = r->GetRepeatedMessage(m, f, k);
        const std::string name = MapKey(entry, key);
        if (!v.Wants(name)) continue;
        v.Key(name);
        Value(entry, entry.GetReflection(), value, -1, v);
      }
      v.EndObject();
    } else if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      v.StartArray(n);
      for (int k = 0; k < n; ++k) Value(m, r, f, k, v);
      v.EndArray();
    } else {
      Value(m, r, f, -1, v);
    }
  }
  v.EndObject();
}

}  // namespace

void WalkProto(const Message& message, ProtoVisitor& visitor) { Walk(message, visitor); }

void ExactDecimalsFromJson(Message* m) {
  const auto* d = m->GetDescriptor();
  const Reflection* r = m->GetReflection();
  if (d->full_name() == "lkip.common.v1.Decimal") {
    const FieldDescriptor* value = d->FindFieldByNumber(1);
    const FieldDescriptor* fraction = d->FindFieldByNumber(2);
    if (std::string exact = r->GetString(*m, fraction); !exact.empty()) {
      r->SetString(m, value, std::move(exact));
      r->ClearField(m, fraction);
    }
    return;
  }
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(*m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*m, f); ++i) ExactDecimalsFromJson(r->MutableRepeatedMessage(m, f, i));
    } else {
      ExactDecimalsFromJson(r->MutableMessage(m, f));
    }
  }
}

std::pair<std::string, std::string> JsonDecimal(const std::string& exact) {
  if (exact.find('/') == std::string::npos) return {exact, ""};
  absl::StatusOr<Decimal> value = Decimal::Parse(exact);
  if (!value.ok()) return {exact, ""};
  std::string decimal = value->ToFixed(kJsonFractionPlaces);
  while (decimal.back() == '0') decimal.pop_back();
  if (decimal.back() == '.') decimal.pop_back();
  return {decimal, exact};
}

std::string DoubleText(double value) { return nlohmann::json(value).dump(); }

}  // namespace lkip::render
