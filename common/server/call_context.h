// What a handler needs from the gRPC call: the actor (audit) and a WriteContext.
#pragma once

#include <grpcpp/server_context.h>

#include <string>
#include <string_view>

#include "common/storage/store.h"

namespace lkip {

// The x-lkip-actor metadata value, or "anonymous". Clipped to 128 printable characters: it
// comes from the caller and ends up in the audit trail.
std::string ActorOf(const grpc::CallbackServerContext& context);

// The x-lkip-bundle metadata value: the aggregator sends it with every write of a bundle, so the
// write can be rolled back with the bundle: "<id>", or "<id>@<n>" for its n-th attempt. Empty
// when absent or not of that form ([A-Za-z0-9._-], 1..100): the aggregator checks what it sends.
std::string BundleOf(const grpc::CallbackServerContext& context);

// The bundle tag of a request of a bundle's prepare phase (x-lkip-prepare with x-lkip-bundle):
// its writes are checked and kept in memory, not written (common/storage/prepared_writes.h).
// Empty for every other request.
std::string PreparedBundleOf(const grpc::CallbackServerContext& context);

inline WriteContext MakeWriteContext(const grpc::CallbackServerContext& context, std::string_view method,
                                     std::string summary = "") {
  WriteContext write{ActorOf(context), std::string(method), std::move(summary), BundleOf(context)};
  write.prepare = !PreparedBundleOf(context).empty();
  return write;
}

}  // namespace lkip
