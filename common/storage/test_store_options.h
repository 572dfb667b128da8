// Tests of the store itself: a store in `path` for service "test", at schema version 1, with a
// fixed clock (every audit entry at 1700000000000000 µs).
#pragma once

#include <string>

#include "common/storage/store.h"

namespace lkip::testing {

inline StoreOptions TestStoreOptions(const std::string& path) {
  StoreOptions o;
  o.path = path;
  o.service = "test";
  o.schema_version = 1;
  o.now_micros = [] { return int64_t{1700000000000000}; };
  return o;
}

}  // namespace lkip::testing
