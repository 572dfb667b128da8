// The one conversion from rocksdb::Status to absl::Status, at the storage boundary.
#pragma once

#include <rocksdb/status.h>

#include <string_view>

#include "absl/status/status.h"

namespace lkip {

// NotFound->NOT_FOUND, Busy/TimedOut/TryAgain->UNAVAILABLE, Corruption->DATA_LOSS,
// anything else->INTERNAL. `context` names the operation ("put unit BNNP_NTB").
absl::Status FromRocks(const rocksdb::Status& status, std::string_view context);

}  // namespace lkip
