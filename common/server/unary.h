// The one place a unary callback handler turns an absl::Status into the RPC's result and logs
// a failed call (one line, at the boundary).
#pragma once

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <string_view>

#include "common/server/call_context.h"
#include "common/status/grpc_status.h"
#include "common/storage/prepared_writes.h"

namespace lkip {

// Finishes `reactor` with `status`, logging a failure (one line, at the boundary). For handlers
// that finish later, from a callback or a background job.
inline void FinishWith(grpc::ServerUnaryReactor* reactor, std::string_view method,
                       const absl::Status& status) {
  if (!status.ok()) {
    spdlog::warn("method={} code={} error=\"{}\"", method, absl::StatusCodeToString(status.code()),
                 std::string(status.message()));
  }
  reactor->Finish(ToGrpc(status));
}

// Runs `body` (returning absl::Status) inline and finishes the default reactor with it. Only
// for handlers whose work is short: point reads, bounded scans, one WriteBatch.
//
// A request of a bundle's prepare phase reads, for its length, what the bundle's earlier prepare
// requests would have written (common/storage/prepared_writes.h).
template <typename Body>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, std::string_view method,
                                      Body&& body) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::Status status;
  {
    PrepareScope prepare(PreparedBundleOf(*context));
    status = body();
  }
  FinishWith(reactor, method, status);
  return reactor;
}

// FinishUnary for a request that names provinces or satker: the caller's scope is checked
// first (CheckCallScope); a request outside it gets PERMISSION_DENIED and `body` does not run.
template <typename Body>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, std::string_view method,
                                      const google::protobuf::Message& request, Body&& body) {
  return FinishUnary(context, method, [&]() -> absl::Status {
    if (absl::Status in_scope = CheckCallScope(*context, method, request); !in_scope.ok()) return in_scope;
    return body();
  });
}

// Finishes `reactor` with PERMISSION_DENIED and returns true when `request` is outside the
// caller's scope (CheckCallScope): for handlers that finish later.
inline bool RefuseOutOfScope(grpc::CallbackServerContext* context, grpc::ServerUnaryReactor* reactor,
                             std::string_view method, const google::protobuf::Message& request) {
  absl::Status in_scope = CheckCallScope(*context, method, request);
  if (in_scope.ok()) return false;
  FinishWith(reactor, method, in_scope);
  return true;
}

// Assigns a StatusOr's value to *out, or returns its status.
template <typename T, typename Out>
absl::Status Deliver(absl::StatusOr<T> result, Out* out) {
  if (!result.ok()) return result.status();
  *out = std::move(*result);
  return absl::OkStatus();
}

}  // namespace lkip
