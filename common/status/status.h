// Conversions between absl::Status (used everywhere inside lkip) and the statuses of the
// libraries at its edges: gRPC at the RPC boundary, RocksDB at the storage boundary.
#pragma once

#include <grpcpp/support/status.h>
#include <rocksdb/status.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lkip {

// absl and gRPC status codes share their numeric values (checked in both headers).
grpc::Status ToGrpc(const absl::Status& status);
absl::Status FromGrpc(const grpc::Status& status);

// NotFound->NOT_FOUND, Busy/TimedOut/TryAgain->UNAVAILABLE, Corruption->DATA_LOSS,
// anything else->INTERNAL. `context` names the operation ("put unit BNNP_NTB").
absl::Status FromRocks(const rocksdb::Status& status, std::string_view context);

}  // namespace lkip

// absl 20220623 has no status macros; these use the names upstream abseil later adopted.
#define LKIP_STATUS_CONCAT_INNER(a, b) a##b
#define LKIP_STATUS_CONCAT(a, b) LKIP_STATUS_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    const ::absl::Status lkip_status_ = (expr); \
    if (!lkip_status_.ok()) return lkip_status_; \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(*tmp)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(LKIP_STATUS_CONCAT(lkip_statusor_, __LINE__), lhs, expr)
