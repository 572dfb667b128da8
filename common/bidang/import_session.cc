#include "common/bidang/import_session.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/server/metrics.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/write_serializer.h"
#include "common/validation/fields.h"

namespace lkip {
namespace {

constexpr size_t kFlushRows = 10000;
constexpr size_t kReportedErrors = 1000;
// Serialized size of the errors sent back in the status details; gRPC's default limit on
// received metadata is 8 KiB and the details travel there.
constexpr size_t kErrorDetailsBudget = 6000;
constexpr size_t kMaxReportedValue = 80;

// The imports streaming now in this process ("kind/import id"): a second stream of the same id
// is refused while the first runs.
struct ActiveImports {
  absl::Mutex mu;
  std::set<std::string> ids ABSL_GUARDED_BY(mu);
};
ActiveImports& Active() {
  static auto* active = new ActiveImports();
  return *active;
}

}  // namespace

WriteSerializer& ImportCommits() {
  static auto* commits = new WriteSerializer();
  return *commits;
}

ImportSession::ImportSession(Store* store, std::string kind, indicator::v1::ImportHeader header,
                             WriteContext context)
    : store_(store),
      kind_(std::move(kind)),
      header_(std::move(header)),
      context_(std::move(context)),
      digest_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
  EVP_DigestInit_ex(digest_.get(), EVP_sha256(), nullptr);
  // The same rows for another year or instrument are another import.
  const std::string scope = KeyBuilder(0).AddString(kind_).AddInt32(header_.fiscal_year()).Build();
  EVP_DigestUpdate(digest_.get(), scope.data(), scope.size());
}

ImportSession::~ImportSession() {
  ActiveImports& active = Active();
  absl::MutexLock lock(&active.mu);
  active.ids.erase(kind_ + "/" + header_.import_id());
}

absl::StatusOr<CommittedImportPage> ListCommittedImports(const Store& store, const std::string& kind,
                                                         int fiscal_year, std::string_view page_token,
                                                         size_t page_size) {
  KeyBuilder prefix(kTagImport);
  if (!kind.empty()) prefix.AddString(kind);
  ASSIGN_OR_RETURN(Store::Page page, store.ScanPage(prefix.key(), page_token, page_size));
  CommittedImportPage out;
  out.next_page_token = std::move(page.next_page_token);
  for (const auto& kv : page.rows) {
    KeyReader reader(kv.key);
    RETURN_IF_ERROR(reader.ReadTag().status());
    CommittedImport i;
    ASSIGN_OR_RETURN(i.kind, reader.ReadString());
    ASSIGN_OR_RETURN(i.import_id, reader.ReadString());
    if (!i.record.ParseFromString(kv.value)) {
      return absl::DataLossError(absl::StrCat("corrupt import record ", i.kind, "/", i.import_id));
    }
    if (!i.record.committed() || (fiscal_year != 0 && i.record.fiscal_year() != fiscal_year)) continue;
    out.imports.push_back(std::move(i));
  }
  return out;
}

absl::StatusOr<CommittedImport> FindCommittedImport(const Store& store, const std::string& kind,
                                                    const std::string& import_id) {
  ASSIGN_OR_RETURN(auto stored,
                   store.Find(KeyBuilder(kTagImport).AddString(kind).AddString(import_id).Build()));
  CommittedImport out{kind, import_id, {}};
  if (stored.has_value() && !out.record.ParseFromString(*stored)) {
    return absl::DataLossError(absl::StrCat("corrupt import record ", kind, "/", import_id));
  }
  if (!stored.has_value() || !out.record.committed()) {
    return absl::NotFoundError(absl::StrCat("import ", kind, "/", import_id, " was not committed here"));
  }
  return out;
}

std::string ImportSession::RecordKey() const {
  return KeyBuilder(kTagImport).AddString(kind_).AddString(header_.import_id()).Build();
}

std::vector<std::string> ImportRowPrefixes(const std::string& kind, const std::string& import_id) {
  return {KeyBuilder(kTagImportRowBlock).AddString(kind).AddString(import_id).Build(),
          KeyBuilder(kTagImportRow).AddString(kind).AddString(import_id).Build()};
}

std::string ImportSession::PendingKey() const {
  return KeyBuilder(kTagImportPending).AddString(kind_).AddString(header_.import_id()).Build();
}

absl::StatusOr<int> PurgeAbandonedImports(Store& store) {
  // Only imports that were streaming when the service stopped have a marker: usually a handful,
  // read a page at a time so that no number of them can keep the service from starting.
  constexpr size_t kPage = 1000;
  const std::string prefix(1, static_cast<char>(kTagImportPending));
  int purged = 0;
  std::string token;
  do {
    ASSIGN_OR_RETURN(Store::Page page, store.ScanPage(prefix, token, kPage));
    for (const auto& kv : page.rows) {
      KeyReader reader(kv.key);
      ASSIGN_OR_RETURN(auto tag, reader.ReadTag());
      (void)tag;
      ASSIGN_OR_RETURN(std::string kind, reader.ReadString());
      ASSIGN_OR_RETURN(std::string id, reader.ReadString());
      RETURN_IF_ERROR(store.DiscardStaged(ImportRowPrefixes(kind, id), kv.key));
      ++purged;
    }
    token = std::move(page.next_page_token);
  } while (!token.empty());
  return purged;
}

absl::StatusOr<std::unique_ptr<ImportSession>> ImportSession::Begin(Store* store, const std::string& kind,
                                                                    const indicator::v1::ImportHeader& header,
                                                                    const WriteContext& context) {
  RETURN_IF_ERROR(CheckRecordId("header.import_id", header.import_id(), 100));
  if (!header.source_document().empty() && !IsPrintableText(header.source_document(), 500)) {
    return InvalidField("header.source_document",
                        absl::StrCat(Quoted(header.source_document().substr(0, 80)),
                                     " must be printable text of at most 500 bytes"));
  }
  if (header.fiscal_year() < 2000 || header.fiscal_year() > 2100) {
    return absl::InvalidArgumentError(
        absl::StrCat("header.fiscal_year: ", header.fiscal_year(), " is outside 2000..2100"));
  }
  {
    ActiveImports& active = Active();
    absl::MutexLock lock(&active.mu);
    if (!active.ids.insert(kind + "/" + header.import_id()).second) {
      return absl::AbortedError(absl::StrCat("import ", header.import_id(), " is already streaming"));
    }
  }
  std::unique_ptr<ImportSession> session(new ImportSession(store, kind, header, context));
  ASSIGN_OR_RETURN(auto stored, store->Find(session->RecordKey()));
  if (stored.has_value()) {
    storage::v1::ImportRecord record;
    if (!record.ParseFromString(*stored)) return absl::DataLossError("corrupt import record");
    if (record.withdrawn()) {
      return absl::FailedPreconditionError(absl::StrCat("header.import_id: import ", header.import_id(),
                                                        " was withdrawn (", record.withdraw_reason(),
                                                        "); import the corrected rows under a new id"));
    }
    if (record.committed()) session->previous_ = std::move(record);
  }
  // Rows left by an import that never committed (a dropped stream, a crash) are not data.
  if (!session->previous_) RETURN_IF_ERROR(session->DiscardStaged());
  return session;
}

absl::Status ImportSession::Stage(int64_t row_number, std::string row_bytes) {
  if (row_number <= last_row_) {
    AddError(row_number, "row_number", std::to_string(row_number),
             absl::StrCat("row numbers must increase (previous ", last_row_, ")"));
    return absl::OkStatus();
  }
  last_row_ = row_number;
  ++rows_;
  const std::string number = KeyBuilder(0).AddInt64(row_number).Build();
  EVP_DigestUpdate(digest_.get(), number.data(), number.size());
  const uint64_t size = row_bytes.size();
  EVP_DigestUpdate(digest_.get(), &size, sizeof(size));
  EVP_DigestUpdate(digest_.get(), row_bytes.data(), row_bytes.size());
  // Nothing is staged once a row is bad (all will be discarded) or for a repeat of a committed
  // import (its rows are already there and must not be overwritten).
  if (has_errors() || previous_) return absl::OkStatus();
  if (block_.rows_size() == 0) block_first_row_ = row_number;
  block_.add_rows(std::move(row_bytes));
  if (block_.rows_size() >= kImportRowsPerBlock) CloseBlock();
  if (pending_rows_ >= static_cast<int64_t>(kFlushRows)) return Flush();
  return absl::OkStatus();
}

void ImportSession::CloseBlock() {
  if (block_.rows_size() == 0) return;
  pending_.push_back(KeyValue{KeyBuilder(kTagImportRowBlock)
                                  .AddString(kind_)
                                  .AddString(header_.import_id())
                                  .AddInt64(block_first_row_)
                                  .Build(),
                              block_.SerializeAsString()});
  pending_rows_ += block_.rows_size();
  block_.Clear();
}

absl::Status ImportSession::Flush() {
  CloseBlock();
  if (pending_.empty()) return absl::OkStatus();
  if (!staged_) pending_.push_back(KeyValue{PendingKey(), ""});
  RETURN_IF_ERROR(store_->WriteStaged(pending_));
  staged_ = true;
  pending_.clear();
  pending_rows_ = 0;
  return absl::OkStatus();
}

absl::Status ImportSession::DiscardStaged() {
  block_.Clear();
  pending_.clear();
  pending_rows_ = 0;
  staged_ = false;
  return store_->DiscardStaged(ImportRowPrefixes(kind_, header_.import_id()), PendingKey());
}

void ImportSession::Abandon() {
  if (committed_ || previous_ || !staged_) return;
  if (absl::Status s = DiscardStaged(); !s.ok()) {
    // Still purged: by the next import of this id, or when the service starts.
    spdlog::warn("event=import_discard_failed import_id={} error=\"{}\"", header_.import_id(),
                 std::string(s.message()));
  }
}

void ImportSession::AddError(int64_t row_number, std::string field, std::string value, std::string problem) {
  ++errors_total_;
  if (errors_.size() >= kReportedErrors) return;
  indicator::v1::RowError& e = errors_.emplace_back();
  e.set_row_number(row_number);
  e.set_field(std::move(field));
  if (value.size() > kMaxReportedValue) value = value.substr(0, kMaxReportedValue) + "...";
  e.set_value(std::move(value));
  e.set_problem(std::move(problem));
}

absl::Status ImportSession::Finish(
    const std::function<absl::Status(Mutation*, indicator::v1::ImportResult*)>& apply,
    indicator::v1::ImportResult* result) {
  result->set_import_id(header_.import_id());
  result->set_rows(rows_);
  if (has_errors()) {
    if (!previous_) RETURN_IF_ERROR(DiscardStaged());
    size_t budget = kErrorDetailsBudget;
    for (auto& e : errors_) {
      const size_t size = e.ByteSizeLong() + 4;
      if (size > budget) break;
      budget -= size;
      *result->add_errors() = e;
    }
    result->set_errors_total(errors_total_);
    const auto& first = errors_.front();
    return absl::InvalidArgumentError(absl::StrCat(errors_total_, " bad rows, nothing imported; first: row ",
                                                   first.row_number(), " ", first.field(), " \"",
                                                   first.value(), "\": ", first.problem()));
  }
  if (rows_ == 0) return absl::InvalidArgumentError("rows: the import has no rows");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  EVP_DigestFinal_ex(digest_.get(), digest, &digest_size);
  const std::string digest_bytes(reinterpret_cast<char*>(digest), digest_size);
  if (previous_) {
    if (previous_->digest() == digest_bytes && previous_->kind() == kind_) {
      result->set_already_imported(true);
      return absl::OkStatus();
    }
    return absl::AlreadyExistsError(absl::StrCat("import_id \"", header_.import_id(),
                                                 "\" was imported before with other rows; use a new id"));
  }
  RETURN_IF_ERROR(Flush());
  WriteSerializer::Turn turn(ImportCommits());
  // Looked up in the commit's turn: of two imports of the same rows at once, the second sees the
  // first.
  const std::string digest_key =
      KeyBuilder(kTagImportDigest).AddString(kind_).AddString(digest_bytes).Build();
  ASSIGN_OR_RETURN(std::optional<std::string> same_rows, store_->Find(digest_key));
  if (same_rows.has_value() && !header_.same_rows_again()) {
    return absl::AlreadyExistsError(absl::StrCat(
        "the same ", rows_, " rows were imported before as ", *same_rows, "; nothing of import ",
        header_.import_id(), " is imported (send header.same_rows_again to import them a second time)"));
  }
  Mutation mutation;
  RETURN_IF_ERROR(apply(&mutation, result));
  if (!same_rows.has_value()) mutation.Put(digest_key, header_.import_id());
  storage::v1::ImportRecord record;
  record.set_kind(kind_);
  record.set_fiscal_year(header_.fiscal_year());
  record.set_digest(digest_bytes);
  record.set_rows(rows_);
  record.set_committed(true);
  record.set_source_document(header_.source_document());
  record.set_actor(context_.actor);
  record.set_recorded_unix_micros(store_->options().now_micros());
  for (const auto& s : result->satker_updated()) record.add_satker_codes(s);
  mutation.PutKnownPrevious(RecordKey(), record.SerializeAsString(), std::nullopt);
  if (staged_) mutation.Delete(PendingKey());
  WriteContext ctx = context_;
  ctx.summary = absl::StrCat(kind_, " import ", header_.import_id(), ": ", rows_, " rows");
  RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  committed_ = true;
  if (!ctx.prepare) MetricsRegistry::Default().AddImportRows(kind_, rows_);
  return absl::OkStatus();
}

}  // namespace lkip
