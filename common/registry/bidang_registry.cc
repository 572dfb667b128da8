#include "common/registry/bidang_registry.h"

#include <array>

namespace lkip {
namespace {

constexpr std::array kServices = {
#define LKIP_BIDANG(name, Service, package, label, ikk) BidangService{#name, package, #Service, label, ikk},
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
};

}  // namespace

std::span<const BidangService> BidangServices() { return kServices; }

const BidangService* FindBidangService(std::string_view name) {
  for (const auto& s : kServices) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace lkip
