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

inline WriteContext MakeWriteContext(const grpc::CallbackServerContext& context, std::string_view method) {
  return WriteContext{ActorOf(context), std::string(method), ""};
}

}  // namespace lkip
