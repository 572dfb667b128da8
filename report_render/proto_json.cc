#include "report_render/proto_json.h"

#include <string>
#include <vector>

#include "report_render/json_object.h"
#include "report_render/proto_walk.h"

namespace lkip::render {
namespace {

using nlohmann::ordered_json;

// Builds the value the walk tells. Every object and array is made with room for all its
// members, so the pointers to those still open stay valid while they are filled.
class JsonBuilder : public ProtoVisitor {
 public:
  ordered_json Take() { return std::move(root_); }

  void StartObject(size_t members) override { open_.push_back(&Put(JsonObject(members))); }
  void StartArray(size_t elements) override { open_.push_back(&Put(JsonArray(elements))); }
  void EndObject() override { open_.pop_back(); }
  void EndArray() override { open_.pop_back(); }
  void Key(const std::string& name) override { key_ = &name; }
  void String(const std::string& text) override { Put(text); }
  void Int(int64_t value) override { Put(value); }
  void Double(double value) override { Put(value); }
  void Bool(bool value) override { Put(value); }

 private:
  ordered_json& Put(ordered_json value) {
    if (open_.empty()) return root_ = std::move(value);
    ordered_json& top = *open_.back();
    if (top.is_array()) {
      auto& elements = top.get_ref<ordered_json::array_t&>();
      elements.push_back(std::move(value));
      return elements.back();
    }
    // A message's field names are unique: each member is appended, where operator[] would first
    // compare the name with every member already there.
    auto& members = top.get_ref<ordered_json::object_t&>();
    members.emplace_back(*key_, std::move(value));
    return members.back().second;
  }

  ordered_json root_;
  std::vector<ordered_json*> open_;
  const std::string* key_ = nullptr;  // the walk's, alive until the member's value is told
};

}  // namespace

ordered_json ProtoJson(const google::protobuf::Message& message) {
  JsonBuilder builder;
  WalkProto(message, builder);
  return builder.Take();
}

}  // namespace lkip::render
