// Which roles may call which RPC: each RPC declares what it does to the data
// (option (lkip.common.v1.access), proto/lkip/common/v1/access.proto), and this file says which
// roles may do that. The token processor checks every call with it before the handler runs
// (common/server/transport_security.cc); docs/security.md has the table.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "common/auth/role.h"
#include "lkip/common/v1/access.pb.h"

namespace google::protobuf {
class Descriptor;
}

namespace lkip {

// The access an RPC declares, by its HTTP/2 path "/lkip.unit.v1.UnitRegistry/PutUnits".
// gRPC's own services (/grpc.health.v1.Health, reflection) read. ACCESS_UNSPECIFIED for a method
// that is unknown or declares none: refused to everyone.
common::v1::Access AccessOfMethod(std::string_view path);

// The access of the RPC named `method` ("RecordSatkerValues") whose request is `request`: found
// among the services of the request's file and of every bidang package (whose records RPCs share
// lkip.indicator.v1's requests). For a handler, which knows its method's name and request but not
// its path.
common::v1::Access AccessOfHandler(const google::protobuf::Descriptor* request, std::string_view method);

// OK, or PERMISSION_DENIED naming the role, the subject, the method and who may call it.
// `service` is the name of the serving process ("pencegahan", "aggregator"): a bidang role writes
// only its own service's records.
absl::Status CheckAccess(const Principal& caller, common::v1::Access access, std::string_view path,
                         std::string_view service);

}  // namespace lkip
