#include "common/storage/checkpoints.h"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status/macros.h"

namespace lkip {
namespace {

namespace fs = std::filesystem;

// A checkpoint's id or a file's name: letters, digits, '.', '-', '_' only, so it is never a path.
bool IsPlainName(const std::string& name) {
  if (name.empty() || name.size() > 128 || name[0] == '.') return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') return false;
  }
  return true;
}

// Ids start with their time's digits; anything else in the folder (a restore's
// "before-restore-…") is not a checkpoint and never expires.
bool IsCheckpointId(const std::string& name) {
  return IsPlainName(name) && absl::ascii_isdigit(static_cast<unsigned char>(name[0]));
}

}  // namespace

void Checkpoints::Expire() {
  std::error_code error;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(folder_, error)) {
    const std::string name = entry.path().filename().string();
    if (!IsCheckpointId(name)) continue;
    const auto written = fs::last_write_time(entry.path(), error);
    if (error || now - written < absl::ToChronoSeconds(keep_)) continue;
    fs::remove_all(entry.path(), error);
  }
}

absl::StatusOr<CheckpointInfo> Checkpoints::Create() {
  absl::MutexLock lock(&mu_);
  std::error_code error;
  fs::create_directories(folder_, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("checkpoints: cannot create ", folder_.string(), ": ", error.message()));
  }
  Expire();
  CheckpointInfo info;
  info.created = absl::Now();
  const std::string stamp = absl::FormatTime("%Y%m%dT%H%M%SZ", info.created, absl::UTCTimeZone());
  do {
    info.id = absl::StrCat(stamp, "-", ++made_);
  } while (fs::exists(folder_ / info.id));
  const fs::path dir = folder_ / info.id;
  ASSIGN_OR_RETURN(info.sequence, store_->CreateCheckpoint(dir.string()));
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (!entry.is_regular_file()) continue;
    info.files.push_back({entry.path().filename().string(), static_cast<uint64_t>(entry.file_size())});
  }
  if (error)
    return absl::UnavailableError(
        absl::StrCat("checkpoints: cannot list ", dir.string(), ": ", error.message()));
  std::sort(info.files.begin(), info.files.end(),
            [](const CheckpointFile& a, const CheckpointFile& b) { return a.name < b.name; });
  return info;
}

absl::StatusOr<fs::path> Checkpoints::PathOf(const std::string& id) const {
  if (!IsCheckpointId(id))
    return absl::InvalidArgumentError(absl::StrCat("id: \"", id, "\" is not a checkpoint's id"));
  fs::path dir = folder_ / id;
  if (!fs::is_directory(dir)) {
    return absl::NotFoundError(absl::StrCat("id: no checkpoint \"", id, "\" in ", folder_.string(),
                                            " (released, or expired after ", absl::FormatDuration(keep_),
                                            ")"));
  }
  return dir;
}

absl::StatusOr<std::string> Checkpoints::Read(const std::string& id, const std::string& name, uint64_t offset,
                                              size_t max_bytes, uint64_t* size) const {
  ASSIGN_OR_RETURN(fs::path dir, PathOf(id));
  if (!IsPlainName(name))
    return absl::InvalidArgumentError(absl::StrCat("name: \"", name, "\" is not a file name"));
  const fs::path path = dir / name;
  std::ifstream in(path, std::ios::binary);
  std::error_code error;
  const uint64_t file_size = fs::file_size(path, error);
  if (!in || error)
    return absl::NotFoundError(absl::StrCat("name: no file \"", name, "\" in checkpoint ", id));
  *size = file_size;
  if (offset >= file_size) return std::string();
  std::string data(std::min<uint64_t>(max_bytes, file_size - offset), '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (in.gcount() != static_cast<std::streamsize>(data.size())) {
    return absl::DataLossError(absl::StrCat("checkpoint ", id, ": ", name, " ends before its size"));
  }
  return data;
}

absl::Status Checkpoints::Release(const std::string& id) {
  absl::MutexLock lock(&mu_);
  ASSIGN_OR_RETURN(fs::path dir, PathOf(id));
  std::error_code error;
  fs::remove_all(dir, error);
  if (error)
    return absl::UnavailableError(absl::StrCat("cannot delete ", dir.string(), ": ", error.message()));
  return absl::OkStatus();
}

}  // namespace lkip
