// How long a bidang service keeps the raw rows of its committed imports (--import_rows_keep_days;
// 0, the default, keeps them for good). Past that, an import's rows are purged in one audited
// commit that marks its record: the import stays listed, its digest still recognises a repeat,
// but it can no longer be withdrawn. The rows are most of a service's disk (1.000.000 SKM rows
// take tens of MB), and a year whose report is signed needs them no more.
#pragma once

#include <memory>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "common/storage/store.h"

namespace lkip {

// The --import_rows_keep_days flag: 0 (keep for good) or 1..36500 days; INVALID_ARGUMENT naming
// the flag otherwise.
absl::StatusOr<absl::Duration> ImportRowsKeepFlag();

// Purges the rows of every import committed more than `keep` ago (keep > 0), one audited commit
// per import, each in the turn of import commits (never under a withdrawal reading them).
// Returns how many imports had their rows purged.
absl::StatusOr<int> PurgeExpiredImportRows(Store& store, absl::Duration keep);

// Runs PurgeExpiredImportRows now and then once a day until destroyed.
class ImportRowRetention {
 public:
  ImportRowRetention(Store* store, absl::Duration keep);
  ~ImportRowRetention();
  ImportRowRetention(const ImportRowRetention&) = delete;
  ImportRowRetention& operator=(const ImportRowRetention&) = delete;

 private:
  void Run();
  Store* store_;
  absl::Duration keep_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace lkip
