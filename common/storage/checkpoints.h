// A store's checkpoints for backups, kept in the folder beside it, `<db_path>.checkpoints/<id>`
// (beside, not inside: RocksDB owns its folder; on the same file system, so a checkpoint's files
// are hard links and cost no space until the store compacts them away). lkipctl backup makes one
// per service, reads its files out and releases it; one a backup left behind expires. Restoring
// one into a stopped service's folder: common/storage/restore.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/storage/checkpoint_folder.h"
#include "common/storage/store.h"

namespace lkip {

struct CheckpointFile {
  std::string name;  // in the checkpoint's folder; checkpoints have no subfolders
  uint64_t size = 0;
};

struct CheckpointInfo {
  std::string id;  // "<UTC time>-<n>", the folder's name
  absl::Time created;
  uint64_t sequence = 0;  // a RocksDB sequence number the checkpoint holds
  std::vector<CheckpointFile> files;
};

class Checkpoints {
 public:
  // `keep`: a checkpoint older than this is deleted when the next one is made.
  explicit Checkpoints(const Store* store, absl::Duration keep = absl::Hours(24))
      : store_(store), folder_(CheckpointsFolderOf(store->options().path)), keep_(keep) {}

  // Makes a checkpoint (expiring old ones first). UNAVAILABLE naming the folder when it cannot be
  // written.
  absl::StatusOr<CheckpointInfo> Create();

  // Up to `max_bytes` of a checkpoint's file from `offset` (empty at its end); *size gets the
  // file's size. INVALID_ARGUMENT naming `id` or `name` when it is not a checkpoint's or a file's
  // name (a path); NOT_FOUND naming it when it is not there.
  absl::StatusOr<std::string> Read(const std::string& id, const std::string& name, uint64_t offset,
                                   size_t max_bytes, uint64_t* size) const;

  // Deletes a checkpoint; NOT_FOUND when there is none of that id.
  absl::Status Release(const std::string& id);

  const std::filesystem::path& folder() const { return folder_; }

 private:
  absl::StatusOr<std::filesystem::path> PathOf(const std::string& id) const;
  void Expire() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Store* store_;
  std::filesystem::path folder_;
  absl::Duration keep_;
  absl::Mutex mu_;
  uint64_t made_ ABSL_GUARDED_BY(mu_) = 0;  // the counter in ids
};

}  // namespace lkip
