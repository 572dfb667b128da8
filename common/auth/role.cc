#include "common/auth/role.h"

#include <array>
#include <utility>

namespace lkip {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles = {{
    {Role::kOperator, "operator"},
    {Role::kBidang, "bidang"},
    {Role::kPerencana, "perencana"},
    {Role::kKepala, "kepala"},
    {Role::kApip, "apip"},
    {Role::kHq, "hq"},
    {Role::kAdmin, "admin"},
    {Role::kService, "service"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "?";
}

std::optional<Role> TokenRoleFromName(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name && r != Role::kService) return r;
  }
  return std::nullopt;
}

std::string TokenRoleNames() {
  std::string names;
  for (const auto& [r, n] : kRoles) {
    if (r == Role::kService) continue;
    if (!names.empty()) names += ", ";
    names += n;
  }
  return names;
}

}  // namespace lkip
