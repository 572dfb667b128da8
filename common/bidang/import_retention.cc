#include "common/bidang/import_retention.h"

#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/bidang/import_session.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"

ABSL_FLAG(int, import_rows_keep_days, 0,
          "bidang services: days to keep the raw rows of a committed import (0: for good); past it they are "
          "purged and the import can no longer be withdrawn");

namespace lkip {
namespace {

constexpr int kMaxKeepDays = 36500;
constexpr size_t kRecordsPerPage = 1000;

}  // namespace

absl::StatusOr<absl::Duration> ImportRowsKeepFlag() {
  const int days = absl::GetFlag(FLAGS_import_rows_keep_days);
  if (days < 0 || days > kMaxKeepDays) {
    return absl::InvalidArgumentError(absl::StrCat("--import_rows_keep_days: ", days, " is outside 0..",
                                                   kMaxKeepDays, " (0 keeps the rows for good)"));
  }
  return absl::Hours(24) * days;
}

absl::StatusOr<int> PurgeExpiredImportRows(Store& store, absl::Duration keep) {
  if (keep <= absl::ZeroDuration()) return 0;
  const int64_t cutoff = store.options().now_micros() - absl::ToInt64Microseconds(keep);
  const std::string prefix(1, static_cast<char>(kTagImport));
  int purged = 0;
  std::string token;
  do {
    ASSIGN_OR_RETURN(Store::Page page, store.ScanPage(prefix, token, kRecordsPerPage));
    token = std::move(page.next_page_token);
    for (const auto& kv : page.rows) {
      KeyReader reader(kv.key);
      RETURN_IF_ERROR(reader.ReadTag().status());
      ASSIGN_OR_RETURN(std::string kind, reader.ReadString());
      ASSIGN_OR_RETURN(std::string id, reader.ReadString());
      WriteSerializer::Turn turn(ImportCommits());
      // Read again in the turn: a withdrawal may have rewritten the record since the page.
      ASSIGN_OR_RETURN(std::optional<std::string> stored, store.Find(kv.key));
      storage::v1::ImportRecord record;
      if (!stored.has_value()) continue;
      if (!record.ParseFromString(*stored)) {
        return absl::DataLossError(absl::StrCat("corrupt import record ", kind, "/", id));
      }
      if (!record.committed() || record.rows_purged_unix_micros() != 0 ||
          record.recorded_unix_micros() >= cutoff) {
        continue;
      }
      record.set_rows_purged_unix_micros(store.options().now_micros());
      Mutation mutation;
      mutation.PutKnownPrevious(kv.key, record.SerializeAsString(), std::move(stored));
      for (std::string& rows : ImportRowPrefixes(kind, id)) mutation.DeletePrefix(std::move(rows));
      WriteContext context{"lkip", "ImportRowRetention",
                           absl::StrCat("rows of ", kind, " import ", id, " purged (", record.rows(),
                                        " rows, kept ", absl::FormatDuration(keep), ")")};
      RETURN_IF_ERROR(store.Commit(context, std::move(mutation)));
      ++purged;
    }
  } while (!token.empty());
  return purged;
}

ImportRowRetention::ImportRowRetention(Store* store, absl::Duration keep)
    : store_(store), keep_(keep), thread_([this] { Run(); }) {}

ImportRowRetention::~ImportRowRetention() {
  stop_.Notify();
  thread_.join();
}

void ImportRowRetention::Run() {
  do {
    absl::StatusOr<int> purged = PurgeExpiredImportRows(*store_, keep_);
    if (!purged.ok()) {
      spdlog::warn("event=import_rows_purge_failed error=\"{}\"", std::string(purged.status().message()));
    } else if (*purged > 0) {
      spdlog::info("event=import_rows_purged imports={} keep_days={}", *purged, keep_ / absl::Hours(24));
    }
  } while (!stop_.WaitForNotificationWithTimeout(absl::Hours(24)));
}

}  // namespace lkip
