// The bidang services of lkip, from the one table common/registry/bidang_services.tsv (CMake
// generates bidang_services.inc from it; scripts/suite.sh reads it too).
//
//   for (const BidangService& s : BidangServices()) Connect(s.name, addresses[s.name]);
//
// Code that needs each service's generated C++ types uses the X-macro directly:
//   #include "common/registry/bidang_protos.inc"     // every lkip/<name>/v1/<name>.grpc.pb.h
//   #define LKIP_BIDANG(name, Service, package, label, ikk) ... lkip::name::v1::Service ...
//   #include "common/registry/bidang_services.inc"
#pragma once

#include <span>
#include <string_view>

namespace lkip {

struct BidangService {
  std::string_view name;          // "pencegahan": binary, proto folder, --<name>_addr flag
  std::string_view package;       // "lkip.pencegahan.v1"
  std::string_view grpc_service;  // "Pencegahan": the package's own service
  std::string_view label;         // the heading the report groups its IKK under
  std::string_view ikk;           // the IKK it serves in the shipped rule sets ("IKK-01..05")
};

// In the table's order.
std::span<const BidangService> BidangServices();

// nullptr for a name that is not a bidang service.
const BidangService* FindBidangService(std::string_view name);

}  // namespace lkip
