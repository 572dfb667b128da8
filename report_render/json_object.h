// Building the report's JSON views cheaply. ordered_json keeps an object's members in a
// vector of pair<const string, json>; that pair cannot be moved without a copy of its key that
// may throw, so when the vector grows std::vector *copies* every member, each whole subtree
// with it. The view's top-level object, growing past 16 members, copied every chapter already
// in it. Objects are therefore made with their room reserved, and a braced list
// {{"k", v}, ...}, which first builds each member as a two-element array, is avoided on the
// hot paths. Together this was most of the time the view took (docs/benchmarks.md).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace lkip::render {

// An empty object with room for `members`.
inline nlohmann::ordered_json JsonObject(size_t members) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j.get_ref<nlohmann::ordered_json::object_t&>().reserve(members);
  return j;
}

// An empty array with room for `elements`.
inline nlohmann::ordered_json JsonArray(size_t elements) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  j.get_ref<nlohmann::ordered_json::array_t&>().reserve(elements);
  return j;
}

}  // namespace lkip::render
