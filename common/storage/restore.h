// Putting a checkpoint's files back as a service's store, offline (lkipctl restore): the service
// must be stopped. Nothing is deleted: the store it replaces is moved into
// `<db_path>.checkpoints/before-restore-<time>` (checkpoint_folder.h), and moved back when the
// restore fails. Plain file work, no RocksDB (lkipctl links none): the files are checked against
// the backup's SHA-256 here, and the service checks the store when it opens it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace lkip {

struct RestoreFile {
  std::string name;
  uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

struct RestoreSource {
  std::string service;
  std::filesystem::path folder;  // the backup's copy of the checkpoint
  std::vector<RestoreFile> files;
};

// DATA_LOSS naming the file when one is missing, of another size or another SHA-256.
absl::Status VerifySource(const RestoreSource& source);

// FAILED_PRECONDITION naming the folder when a process has the store at `db_path` open: RocksDB
// holds an fcntl lock on its LOCK file while open, which this probes. A folder that does not exist
// is not in use.
absl::Status CheckNotInUse(const std::filesystem::path& db_path);

struct RestoreResult {
  std::filesystem::path moved_aside;  // empty when there was no store at db_path
  uint64_t bytes = 0;
};

// Verifies `source`, checks the store is not in use, moves the store aside and copies the files in
// (owned by the owner of `db_path`'s folder, so a service running as its own user can write
// them).
absl::StatusOr<RestoreResult> RestoreStore(const RestoreSource& source, const std::filesystem::path& db_path);

}  // namespace lkip
