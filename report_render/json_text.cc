#include "report_render/json_text.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "report_render/proto_walk.h"

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
      const std::string text = DoubleText(j.get<double>());
      w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
      return;
    }
    default:
      w.Null();
      return;  // null, and the binary and discarded kinds a view never holds
  }
}

// The walk's events written as they come, indented or compact.
template <typename W>
class TextWriter : public ProtoVisitor {
 public:
  explicit TextWriter(W& w) : w_(w) {}
  void StartObject(size_t) override { w_.StartObject(); }
  void Key(const std::string& name) override {
    w_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  }
  void EndObject() override { w_.EndObject(); }
  void StartArray(size_t) override { w_.StartArray(); }
  void EndArray() override { w_.EndArray(); }
  void String(const std::string& text) override {
    w_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
  void Int(int64_t value) override { w_.Int64(value); }
  void Double(double value) override {
    const std::string text = DoubleText(value);
    w_.RawValue(text.data(), text.size(), rapidjson::kNumberType);
  }
  void Bool(bool value) override { w_.Bool(value); }

 private:
  W& w_;
};

template <typename Fill>
std::string Written(Fill fill) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  fill(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string JsonText(const ordered_json& view) {
  return Written([&](Writer& w) { Write(view, w); });
}

std::string ProtoJsonText(const google::protobuf::Message& message) {
  return Written([&](Writer& w) {
    TextWriter<Writer> visitor(w);
    WalkProto(message, visitor);
  });
}

std::string ProtoJsonCompact(const google::protobuf::Message& message) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  TextWriter<rapidjson::Writer<rapidjson::StringBuffer>> visitor(w);
  WalkProto(message, visitor);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace lkip::render
