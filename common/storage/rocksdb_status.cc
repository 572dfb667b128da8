#include "common/storage/rocksdb_status.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace lkip {

absl::Status FromRocks(const rocksdb::Status& status, std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(std::string(context), ": ", status.ToString());
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsBusy() || status.IsTimedOut() || status.IsTryAgain()) return absl::UnavailableError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsNoSpace()) {
    return absl::ResourceExhaustedError(
        absl::StrCat(message,
                     " (the disk is full: nothing of this request was written; free space and send it "
                     "again, the service resumes by itself)"));
  }
  return absl::InternalError(message);
}

}  // namespace lkip
