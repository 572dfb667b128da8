// The page size of a List RPC (AIP-158): 0 asks for the default, a negative size or one above
// the maximum is INVALID_ARGUMENT naming page_size. Page tokens come from Store::ScanPage.
#pragma once

#include <cstddef>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace lkip {

inline constexpr int kDefaultPageSize = 1000;
inline constexpr int kMaxPageSize = 10000;

inline absl::StatusOr<size_t> PageSize(int requested) {
  if (requested < 0 || requested > kMaxPageSize) {
    return absl::InvalidArgumentError(absl::StrCat("page_size: ", requested, " is outside 0..", kMaxPageSize,
                                                   " (0: ", kDefaultPageSize, ")"));
  }
  return static_cast<size_t>(requested == 0 ? kDefaultPageSize : requested);
}

}  // namespace lkip
