#include "services/pemberantasan/evidence.h"

#include <map>

#include "absl/strings/ascii.h"

namespace lkip::pemberantasan {
namespace {

using ItemKey = std::pair<std::string, std::string>;

ItemKey KeyOf(const Item& item) {
  return {absl::AsciiStrToLower(absl::StripAsciiWhitespace(item.type)),
          absl::AsciiStrToLower(absl::StripAsciiWhitespace(item.unit))};
}

}  // namespace

std::vector<ItemDifference> CompareRelease(const std::vector<Item>& deposited,
                                           const std::vector<std::vector<Item>>& shrinkage,
                                           const std::vector<Item>& released) {
  struct Totals {
    Decimal deposited, shrunk, released;
  };
  std::map<ItemKey, Totals> totals;
  for (const auto& i : deposited) totals[KeyOf(i)].deposited = totals[KeyOf(i)].deposited + i.quantity;
  for (const auto& ba : shrinkage) {
    for (const auto& i : ba) totals[KeyOf(i)].shrunk = totals[KeyOf(i)].shrunk + i.quantity;
  }
  for (const auto& i : released) totals[KeyOf(i)].released = totals[KeyOf(i)].released + i.quantity;
  std::vector<ItemDifference> out;
  for (const auto& [key, t] : totals) {
    if (t.deposited - t.shrunk == t.released) continue;
    out.push_back({key.first, key.second, t.deposited, t.shrunk, t.released});
  }
  return out;
}

}  // namespace lkip::pemberantasan
