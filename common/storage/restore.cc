#include "common/storage/restore.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/proto/deterministic.h"
#include "common/status/macros.h"
#include "common/storage/checkpoint_folder.h"

namespace lkip {
namespace {

namespace fs = std::filesystem;

absl::Status Unavailable(const std::string& what, const fs::path& path, const std::error_code& error) {
  return absl::UnavailableError(absl::StrCat("cannot ", what, " ", path.string(), ": ", error.message()));
}

// Moves every entry of `from` into `to` (created); what was moved, for moving back.
absl::Status MoveEntries(const fs::path& from, const fs::path& to) {
  std::error_code error;
  fs::create_directories(to, error);
  if (error) return Unavailable("create", to, error);
  for (const auto& entry : fs::directory_iterator(from, error)) {
    fs::rename(entry.path(), to / entry.path().filename(), error);
    if (error) return Unavailable("move", entry.path(), error);
  }
  if (error) return Unavailable("list", from, error);
  return absl::OkStatus();
}

absl::Status EmptyFolder(const fs::path& folder) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    fs::remove_all(entry.path(), error);
    if (error) return Unavailable("delete", entry.path(), error);
  }
  if (error) return Unavailable("list", folder, error);
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> CopyIn(const RestoreSource& source, const fs::path& db_path) {
  struct stat owner {};
  if (::stat(db_path.c_str(), &owner) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot read the owner of ", db_path.string()));
  }
  uint64_t bytes = 0;
  for (const RestoreFile& f : source.files) {
    std::error_code error;
    const fs::path to = db_path / f.name;
    fs::copy_file(source.folder / f.name, to, error);
    if (error) return Unavailable("copy into", to, error);
    if (::geteuid() == 0 && ::chown(to.c_str(), owner.st_uid, owner.st_gid) != 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot give ", to.string(), " to the owner of ", db_path.string()));
    }
    bytes += f.size;
  }
  return bytes;
}

}  // namespace

absl::Status VerifySource(const RestoreSource& source) {
  for (const RestoreFile& f : source.files) {
    const fs::path path = source.folder / f.name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::DataLossError(absl::StrCat(source.service, ": ", path.string(), " is missing"));
    Sha256Stream digest;
    uint64_t size = 0;
    std::string buffer(1 << 20, '\0');
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
      digest.Add(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
      size += static_cast<uint64_t>(in.gcount());
    }
    if (size != f.size) {
      return absl::DataLossError(absl::StrCat(source.service, ": ", path.string(), " has ", size,
                                              " bytes, the manifest says ", f.size));
    }
    if (const std::string sha = digest.Hex(); sha != f.sha256) {
      return absl::DataLossError(absl::StrCat(source.service, ": ", path.string(), " has SHA-256 ", sha,
                                              ", the manifest says ", f.sha256));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNotInUse(const fs::path& db_path) {
  const fs::path lock_file = db_path / "LOCK";
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return absl::OkStatus();  // no store there, or never opened
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  if (held) {
    return absl::FailedPreconditionError(
        absl::StrCat(db_path.string(), " is in use (process ", probe.l_pid,
                     "): stop its service first (systemctl stop lkip.target, or scripts/suite.sh stop VAR)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<RestoreResult> RestoreStore(const RestoreSource& source, const fs::path& db_path) {
  RETURN_IF_ERROR(VerifySource(source));
  RETURN_IF_ERROR(CheckNotInUse(db_path));
  RestoreResult result;
  std::error_code error;
  if (fs::exists(db_path) && !fs::is_empty(db_path)) {
    result.moved_aside = CheckpointsFolderOf(db_path) /
                         absl::StrCat("before-restore-",
                                      absl::FormatTime("%Y%m%dT%H%M%E6SZ", absl::Now(), absl::UTCTimeZone()));
    RETURN_IF_ERROR(MoveEntries(db_path, result.moved_aside));
  }
  fs::create_directories(db_path, error);
  if (error) return Unavailable("create", db_path, error);
  absl::StatusOr<uint64_t> copied = CopyIn(source, db_path);
  absl::Status status = copied.status();
  if (status.ok()) {
    result.bytes = *copied;
    return result;
  }
  // Back as it was: the copied files out, the store's own back in.
  absl::Status undone = EmptyFolder(db_path);
  if (undone.ok() && !result.moved_aside.empty()) undone = MoveEntries(result.moved_aside, db_path);
  if (undone.ok() && !result.moved_aside.empty()) fs::remove(result.moved_aside, error);
  if (!undone.ok()) {
    return absl::DataLossError(absl::StrCat(status.message(), "; putting the store back failed too (",
                                            undone.message(), "): it is in ", result.moved_aside.string()));
  }
  return status;
}

}  // namespace lkip
