#include "report_render/proto_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "report_render/json_object.h"

namespace lkip::render {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using nlohmann::ordered_json;

ordered_json MessageJson(const Message& m, size_t spare);

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

ordered_json Scalar(const Message& m, const Reflection* r, const FieldDescriptor* f, int index,
                    size_t spare) {
  const bool rep = index >= 0;
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f);
    case FieldDescriptor::CPPTYPE_UINT32:
      return rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f);
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f);
    case FieldDescriptor::CPPTYPE_FLOAT:
      return rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f);
    case FieldDescriptor::CPPTYPE_BOOL:
      return rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f);
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int value = rep ? r->GetRepeatedEnumValue(m, f, index) : r->GetEnumValue(m, f);
      const auto* named = f->enum_type()->FindValueByNumber(value);
      return named != nullptr ? ordered_json(named->name()) : ordered_json(value);
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& s =
          rep ? r->GetRepeatedStringReference(m, f, index, &scratch) : r->GetStringReference(m, f, &scratch);
      return f->type() == FieldDescriptor::TYPE_BYTES ? ordered_json(absl::Base64Escape(s)) : ordered_json(s);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageJson(rep ? r->GetRepeatedMessage(m, f, index) : r->GetMessage(m, f), spare);
  }
  return nullptr;
}

ordered_json MessageJson(const Message& m, size_t spare) {
  const auto* d = m.GetDescriptor();
  if (d->full_name() == "google.protobuf.Timestamp") return TimestampText(m);
  const Reflection* r = m.GetReflection();
  ordered_json out = JsonObject(d->field_count() + spare);
  // A message's field names are unique: each member is appended, where operator[] would first
  // compare the name with every member already there.
  auto& members = out.get_ref<ordered_json::object_t&>();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->is_map()) {
      ordered_json map = ordered_json::object();
      const FieldDescriptor* key = f->message_type()->map_key();
      const FieldDescriptor* value = f->message_type()->map_value();
      for (int k = 0; k < r->FieldSize(m, f); ++k) {
        const Message& entry = r->GetRepeatedMessage(m, f, k);
        const ordered_json key_json = Scalar(entry, entry.GetReflection(), key, -1, spare);
        map[key_json.is_string() ? key_json.get<std::string>() : key_json.dump()] =
            Scalar(entry, entry.GetReflection(), value, -1, spare);
      }
      members.emplace_back(f->name(), std::move(map));
    } else if (f->is_repeated()) {
      const int n = r->FieldSize(m, f);
      ordered_json list = JsonArray(n);
      for (int k = 0; k < n; ++k) list.push_back(Scalar(m, r, f, k, spare));
      members.emplace_back(f->name(), std::move(list));
    } else if (f->has_presence() ? r->HasField(m, f) : true) {
      // Messages, oneof members and proto3 `optional` only when set; other scalars always.
      members.emplace_back(f->name(), Scalar(m, r, f, -1, spare));
    }
  }
  return out;
}

}  // namespace

ordered_json ProtoJson(const Message& message, size_t spare_members) {
  return MessageJson(message, spare_members);
}

}  // namespace lkip::render
