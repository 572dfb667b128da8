#include "report_render/json_text.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace lkip::render {
namespace {

using nlohmann::ordered_json;
using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void Write(const ordered_json& j, Writer& w) {
  switch (j.type()) {
    case ordered_json::value_t::object:
      w.StartObject();
      for (auto it = j.begin(); it != j.end(); ++it) {
        w.Key(it.key().data(), static_cast<rapidjson::SizeType>(it.key().size()));
        Write(it.value(), w);
      }
      w.EndObject();
      return;
    case ordered_json::value_t::array:
      w.StartArray();
      for (const auto& e : j) Write(e, w);
      w.EndArray();
      return;
    case ordered_json::value_t::string: {
      const auto& s = j.get_ref<const std::string&>();
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      return;
    }
    case ordered_json::value_t::boolean:
      w.Bool(j.get<bool>());
      return;
    case ordered_json::value_t::number_integer:
      w.Int64(j.get<int64_t>());
      return;
    case ordered_json::value_t::number_unsigned:
      w.Uint64(j.get<uint64_t>());
      return;
    case ordered_json::value_t::number_float: {
      // nlohmann's own shortest form, so a float reads as dump() writes it.
      const std::string text = j.dump();
      w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
      return;
    }
    default:
      w.Null();
      return;  // null, and the binary and discarded kinds a view never holds
  }
}

}  // namespace

std::string JsonText(const ordered_json& view) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  Write(view, w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace lkip::render
