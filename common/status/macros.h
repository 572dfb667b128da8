// RETURN_IF_ERROR and ASSIGN_OR_RETURN: absl 20220623 has no status macros; these use the names
// upstream abseil later adopted, so a later switch is a rename.
#pragma once

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define LKIP_STATUS_CONCAT_INNER(a, b) a##b
#define LKIP_STATUS_CONCAT(a, b) LKIP_STATUS_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    const ::absl::Status lkip_status_ = (expr);  \
    if (!lkip_status_.ok()) return lkip_status_; \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(*tmp)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(LKIP_STATUS_CONCAT(lkip_statusor_, __LINE__), lhs, expr)
