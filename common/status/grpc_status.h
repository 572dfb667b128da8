// The one conversion between absl::Status (used everywhere inside lkip) and grpc::Status, at the
// RPC boundary. absl and gRPC status codes share their numeric values (checked in both headers).
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "common/status/macros.h"

namespace lkip {

grpc::Status ToGrpc(const absl::Status& status);
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace lkip
