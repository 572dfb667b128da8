// One bulk import of raw instrument rows (a client-streaming RPC), all or nothing with bounded
// memory: rows are staged in the store as they arrive (flushed every 10,000 rows), keyed by the
// import id, and only become data when the import record is committed, in the same batch as
// the aggregates the import changes and its audit entry. A bad row discards everything; the
// same import id with the same rows (SHA-256) changes nothing and says so.
#pragma once

#include <openssl/evp.h>

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/indicator/v1/indicator.pb.h"

namespace lkip {

inline constexpr uint8_t kTagImport = 0x40;  // [kind][import id] -> ImportRecord
// [kind][import id][row number] -> row bytes: how stores written before row blocks keep an
// import's rows; read (withdrawal) and deleted (discard, purge, retention), no longer written.
inline constexpr uint8_t kTagImportRow = 0x41;
// [kind][import id][first row number] -> ImportRowBlock of kImportRowsPerBlock rows (the last
// block fewer): an import's rows as staged and kept.
inline constexpr uint8_t kTagImportRowBlock = 0x44;
inline constexpr int kImportRowsPerBlock = 1000;
// [kind][import id] -> "": the import has rows staged and is not committed. Written with its first
// staged rows, removed when it commits or is abandoned; what a crash leaves is purged at start.
inline constexpr uint8_t kTagImportPending = 0x42;
// [kind][digest] -> the import id committed with those rows: the same rows under another id are
// recognised (the digest covers the kind and fiscal year, so other years' rows differ).
inline constexpr uint8_t kTagImportDigest = 0x43;

// Instruments read aggregates and write them back (running sums, counts): two imports finishing
// at once would lose one's update, so every import's read-apply-commit, and every withdrawal,
// takes its turn here.
WriteSerializer& ImportCommits();

// Every key prefix an import's rows may lie under (its row blocks, and its rows as stores written
// before blocks keep them): what discarding, purging or dropping its rows deletes.
std::vector<std::string> ImportRowPrefixes(const std::string& kind, const std::string& import_id);

// Discards the staged rows of every import that was neither committed nor abandoned cleanly (the
// service was killed while it streamed): called when a bidang service starts, before it serves.
// Returns how many imports were discarded.
absl::StatusOr<int> PurgeAbandonedImports(Store& store);

// A committed import, as its record holds it.
struct CommittedImport {
  std::string kind;
  std::string import_id;
  storage::v1::ImportRecord record;
};

struct CommittedImportPage {
  std::vector<CommittedImport> imports;
  std::string next_page_token;  // empty on the last page
};

// The committed imports of `kind` (empty: every kind) and `fiscal_year` (0: every year), in order
// of kind and id; a page reads `page_size` import records, so it may hold fewer of the year.
absl::StatusOr<CommittedImportPage> ListCommittedImports(const Store& store, const std::string& kind,
                                                         int fiscal_year, std::string_view page_token,
                                                         size_t page_size);
// NOT_FOUND naming the import when `kind`/`import_id` was never committed (a withdrawn import
// was committed: its record says withdrawn).
absl::StatusOr<CommittedImport> FindCommittedImport(const Store& store, const std::string& kind,
                                                    const std::string& import_id);

class ImportSession {
 public:
  // Validates the header and claims the import id (ABORTED while another stream uses it).
  static absl::StatusOr<std::unique_ptr<ImportSession>> Begin(Store* store, const std::string& kind,
                                                              const indicator::v1::ImportHeader& header,
                                                              const WriteContext& context);
  ~ImportSession();

  const indicator::v1::ImportHeader& header() const { return header_; }

  // Takes a row as received (its bytes go into the digest and, while no row is bad, into
  // staging). Row numbers must increase.
  absl::Status Stage(int64_t row_number, std::string row_bytes);
  // Records a bad row; all are counted, the first ones reported (as many as fit in the status
  // details: gRPC refuses trailing metadata much beyond 8 KiB).
  void AddError(int64_t row_number, std::string field, std::string value, std::string problem);
  bool has_errors() const { return errors_total_ > 0; }
  int64_t rows() const { return rows_; }
  // The id names an import committed before: its rows are only compared by digest (checked
  // against the state that import produced, they would all look like duplicates).
  bool repeats_committed_import() const { return previous_.has_value(); }

  // Ends the import. Bad rows: staged rows are discarded and INVALID_ARGUMENT is returned with
  // the result (errors included) in *result. Same id and digest committed before:
  // already_imported. Same id, other rows: ALREADY_EXISTS. The same rows committed under another
  // id: ALREADY_EXISTS naming it, unless the header says same_rows_again. Otherwise `apply` adds the import's
  // writes (aggregates, computed values) to the mutation and fills the result; everything is
  // committed in one batch with the import record and the audit entry.
  absl::Status Finish(const std::function<absl::Status(Mutation*, indicator::v1::ImportResult*)>& apply,
                      indicator::v1::ImportResult* result);

  // A satker the import's commit writes: the year lock's check reads its province
  // (WriteContext::touches). For `apply` to call.
  void Touch(std::string satker) { context_.touches.satker.insert(std::move(satker)); }

  // The import ended without committing (cancelled, cut off, refused at its commit): its staged
  // rows are discarded now rather than at the next import of the id.
  void Abandon();

 private:
  ImportSession(Store* store, std::string kind, indicator::v1::ImportHeader header, WriteContext context);
  // Moves the open block of rows to pending_.
  void CloseBlock();
  absl::Status Flush();
  absl::Status DiscardStaged();
  std::string RecordKey() const;
  std::string PendingKey() const;

  Store* store_;
  std::string kind_;
  indicator::v1::ImportHeader header_;
  WriteContext context_;
  std::optional<storage::v1::ImportRecord> previous_;  // a committed import with this id
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> digest_;
  storage::v1::ImportRowBlock block_;  // rows not yet in a closed block
  int64_t block_first_row_ = 0;
  std::vector<KeyValue> pending_;  // closed blocks not yet written
  int64_t pending_rows_ = 0;
  bool staged_ = false;  // rows went to the store (and the pending marker with them)
  bool committed_ = false;
  int64_t rows_ = 0;
  int64_t last_row_ = -1;
  int64_t errors_total_ = 0;
  std::vector<indicator::v1::RowError> errors_;
};

}  // namespace lkip
