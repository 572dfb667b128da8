// What a handler needs from the gRPC call: the actor (audit) and a WriteContext.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include <string>
#include <string_view>

#include "common/auth/role.h"
#include "common/server/metadata_keys.h"
#include "common/storage/store.h"

namespace lkip {

// Who is calling: what the token processor of a TLS server established (transport_security.h).
// On an --insecure_dev server, nobody is authenticated: the caller's x-lkip-actor (clipped to
// 128 printable characters), prefixed "unverified:", with every right (the service role).
Principal PrincipalOf(const grpc::CallbackServerContext& context);

// The subject recorded in the audit trail: PrincipalOf(context).subject.
std::string ActorOf(const grpc::CallbackServerContext& context);

// What a service sends on with the calls it makes for its caller (the aggregator's writes at the
// bidang services), so they are checked and recorded as the caller's: the caller's token, or on
// an --insecure_dev server its x-lkip-actor. Both empty for a service calling as itself.
struct OnBehalf {
  std::string authorization;     // "Bearer <token>"
  std::string unverified_actor;  // --insecure_dev only
};
OnBehalf OnBehalfOf(const grpc::CallbackServerContext& context);
void AddOnBehalf(grpc::ClientContext* call, const OnBehalf& caller);

// The x-lkip-bundle metadata value: the aggregator sends it with every write of a bundle, so the
// write can be rolled back with the bundle: "<id>", or "<id>@<n>" for its n-th attempt. Empty
// when absent or not of that form ([A-Za-z0-9._-], 1..100): the aggregator checks what it sends.
std::string BundleOf(const grpc::CallbackServerContext& context);

// The bundle tag of a request of a bundle's prepare phase (x-lkip-prepare with x-lkip-bundle):
// its writes are checked and kept in memory, not written (common/storage/prepared_writes.h).
// Empty for every other request.
std::string PreparedBundleOf(const grpc::CallbackServerContext& context);

// OK, or PERMISSION_DENIED when `request` names a province or satker outside the caller's
// token (common/auth/scope.h). `method`: the handler's RPC ("RecordSatkerValues"), whose
// declared access says whether it writes.
absl::Status CheckCallScope(const grpc::CallbackServerContext& context, std::string_view method,
                            const google::protobuf::Message& request);

// The WriteContext of a write request: its caller (audit), its bundle, and the provinces, satker
// and fiscal years `request` names (ScopeOf), which the store checks against the year locks.
WriteContext MakeWriteContext(const grpc::CallbackServerContext& context, std::string_view method,
                              const google::protobuf::Message& request, std::string summary = "");

}  // namespace lkip
