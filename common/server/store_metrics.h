// The metrics of a service's store, read at each scrape: its size on disk and in memory, its
// commits, and the free space of its file system (a service refuses writes below 32 MiB).
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "common/storage/store.h"

namespace lkip {

// Appends the lkip_store_* families for `store` (labels: the sample's constant labels).
void AppendStoreMetrics(const Store& store, absl::string_view labels, std::string* out);

}  // namespace lkip
