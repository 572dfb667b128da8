#include "common/server/store_metrics.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/server/metrics.h"

namespace lkip {
namespace {

void Family(std::string* out, absl::string_view name, absl::string_view type, absl::string_view help) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

}  // namespace

void AppendStoreMetrics(const Store& store, absl::string_view labels, std::string* out) {
  Family(
      out, "lkip_store_size_bytes", "gauge",
      "The store's RocksDB data: part=\"sst\" on disk, \"wal\" its write-ahead log, \"memtable\" in memory.");
  const std::filesystem::path dir = store.options().path;
  uint64_t wal = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".log") wal += entry.file_size(ec);
  }
  for (const auto& [part, value] :
       {std::pair{"sst", store.IntProperty("rocksdb.total-sst-files-size")},
        std::pair{"memtable", store.IntProperty("rocksdb.cur-size-all-mem-tables")},
        std::pair{"wal", std::optional<uint64_t>(wal)}}) {
    if (!value) continue;
    absl::StrAppend(out, "lkip_store_size_bytes", MetricLabels(labels, absl::StrCat("part=\"", part, "\"")),
                    " ", *value, "\n");
  }
  if (auto live = store.IntProperty("rocksdb.estimate-live-data-size")) {
    Family(out, "lkip_store_live_data_bytes", "gauge", "RocksDB's estimate of the store's live data.");
    absl::StrAppend(out, "lkip_store_live_data_bytes", MetricLabels(labels, ""), " ", *live, "\n");
  }
  Family(out, "lkip_store_commits_total", "counter",
         "Audited commits (one per write request) since the service started.");
  absl::StrAppend(out, "lkip_store_commits_total", MetricLabels(labels, ""), " ", store.Commits(), "\n");
  const auto space = std::filesystem::space(dir, ec);
  if (!ec) {
    Family(out, "lkip_store_disk_free_bytes", "gauge",
           "Free space of the store's file system; below 32 MiB every write is refused.");
    absl::StrAppend(out, "lkip_store_disk_free_bytes", MetricLabels(labels, ""), " ", space.available, "\n");
  }
}

}  // namespace lkip
