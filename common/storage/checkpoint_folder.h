// Where a store's checkpoints go: `<db_path>.checkpoints`, beside the store (RocksDB owns its own
// folder) on the same file system (a checkpoint's files are hard links). A restore puts the store
// it replaces there too, in "before-restore-<time>". Named once for the services
// (checkpoints.h) and lkipctl restore (restore.h), which links no RocksDB.
#pragma once

#include <filesystem>
#include <string>

namespace lkip {

inline std::filesystem::path CheckpointsFolderOf(const std::filesystem::path& db_path) {
  std::filesystem::path path = db_path;
  while (!path.empty() && !path.has_filename()) path = path.parent_path();  // "data/x/" -> "data/x"
  return path.string() + ".checkpoints";
}

}  // namespace lkip
