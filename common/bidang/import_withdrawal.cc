#include "common/bidang/import_withdrawal.h"

#include "absl/time/time.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/write_serializer.h"
#include "common/validation/fields.h"

namespace lkip {
namespace {

constexpr size_t kMaxReason = 500;
constexpr size_t kRowsPerRead = 10000;

absl::Status CheckRequest(const std::string& kind, const std::string& import_id, const std::string& reason) {
  if (kind.empty()) return InvalidField("kind", "is required");
  RETURN_IF_ERROR(CheckRecordId("import_id", import_id, 100));
  if (!IsPrintableText(reason, kMaxReason)) {
    return InvalidField("reason", absl::StrCat("is required: 1..", kMaxReason,
                                               " characters without control characters saying why the "
                                               "import no longer counts (",
                                               reason.size(), " bytes sent)"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CommittedImport> WithdrawImport(Store& store, const UnitTree& units, const std::string& kind,
                                               const std::string& import_id, const std::string& reason,
                                               const WriteContext& context,
                                               const WithdrawalFactory& factory) {
  RETURN_IF_ERROR(CheckRequest(kind, import_id, reason));
  WriteSerializer::Turn turn(ImportCommits());
  ASSIGN_OR_RETURN(CommittedImport import, FindCommittedImport(store, kind, import_id));
  if (import.record.withdrawn()) {
    return absl::FailedPreconditionError(
        absl::StrCat("import ", kind, "/", import_id, " was withdrawn before by ",
                     import.record.withdrawn_by(), ": ", import.record.withdraw_reason()));
  }
  if (import.record.rows_purged_unix_micros() != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "import ", kind, "/", import_id, ": its rows were purged on ",
        absl::FormatTime("%Y-%m-%d", absl::FromUnixMicros(import.record.rows_purged_unix_micros()),
                         absl::UTCTimeZone()),
        " under the retention setting (--import_rows_keep_days), so it can no longer be withdrawn"));
  }
  ImportToWithdraw what{kind, import_id, import.record.fiscal_year(), context.actor,
                        absl::StrCat("penarikan impor ", import_id, ": ", reason)};
  std::unique_ptr<InstrumentWithdrawal> reversal = factory(what, units);
  // The rows in row order, a bounded page at a time: a 1.000.000-row import is read, never held.
  // Under blocks, or one row per key in a store written before blocks (never both).
  int64_t rows = 0;
  for (const std::string& prefix : ImportRowPrefixes(kind, import_id)) {
    const bool blocks = static_cast<uint8_t>(prefix[0]) == kTagImportRowBlock;
    std::string token;
    do {
      ASSIGN_OR_RETURN(
          Store::Page page,
          store.ScanPage(prefix, token, blocks ? kRowsPerRead / kImportRowsPerBlock : kRowsPerRead));
      for (const auto& kv : page.rows) {
        if (!blocks) {
          RETURN_IF_ERROR(reversal->Take(kv.value));
          ++rows;
          continue;
        }
        storage::v1::ImportRowBlock block;
        if (!block.ParseFromString(kv.value)) {
          return absl::DataLossError(
              absl::StrCat("import ", kind, "/", import_id, ": a block of its rows is corrupt"));
        }
        for (const std::string& row : block.rows()) RETURN_IF_ERROR(reversal->Take(row));
        rows += block.rows_size();
      }
      token = std::move(page.next_page_token);
    } while (!token.empty());
  }
  if (rows != import.record.rows()) {
    return absl::DataLossError(absl::StrCat("import ", kind, "/", import_id, " committed ",
                                            import.record.rows(), " rows and ", rows,
                                            " are kept; it cannot be reversed"));
  }
  Mutation mutation;
  std::vector<std::string> satker_updated;
  RETURN_IF_ERROR(reversal->Reverse(&mutation, &satker_updated));
  // The digest no longer stands for a counted import: the same rows may be imported again.
  const std::string digest_key =
      KeyBuilder(kTagImportDigest).AddString(kind).AddString(import.record.digest()).Build();
  ASSIGN_OR_RETURN(std::optional<std::string> digest_owner, store.Find(digest_key));
  if (digest_owner == import_id) mutation.Delete(digest_key);
  storage::v1::ImportRecord record = import.record;
  record.set_withdrawn(true);
  record.set_withdrawn_by(context.actor);
  record.set_withdrawn_unix_micros(store.options().now_micros());
  record.set_withdraw_reason(reason);
  mutation.Put(KeyBuilder(kTagImport).AddString(kind).AddString(import_id).Build(),
               record.SerializeAsString());
  WriteContext ctx = context;
  ctx.summary = absl::StrCat(kind, " import ", import_id, " withdrawn: ", rows, " rows reversed, ",
                             satker_updated.size(), " satker recomputed; reason: ", reason);
  // The withdrawal changes the import's year: refused while that year is locked.
  ctx.touches.fiscal_years.insert(import.record.fiscal_year());
  for (const auto& satker : satker_updated) ctx.touches.satker.insert(satker);
  RETURN_IF_ERROR(store.Commit(ctx, std::move(mutation)));
  import.record = std::move(record);
  return import;
}

}  // namespace lkip
