#include "services/aggregator/ingest/bundle_journal.h"

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"

namespace lkip::aggregator {
namespace {

std::string JournalKey(const std::string& bundle_id) {
  return KeyBuilder(kTagBundleJournal).AddString(bundle_id).Build();
}

}  // namespace

std::string BundleTag(const std::string& bundle_id, int attempt) {
  return attempt <= 1 ? bundle_id : absl::StrCat(bundle_id, "@", attempt);
}

absl::StatusOr<std::optional<storage::v1::BundleJournalRecord>> BundleJournal::Find(
    const std::string& bundle_id) const {
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store_->Find(JournalKey(bundle_id)));
  if (!stored.has_value()) return std::optional<storage::v1::BundleJournalRecord>();
  storage::v1::BundleJournalRecord record;
  if (!record.ParseFromString(*stored)) {
    return absl::DataLossError(absl::StrCat("corrupt journal record of bundle ", bundle_id));
  }
  return std::optional<storage::v1::BundleJournalRecord>(std::move(record));
}

absl::StatusOr<BundleJournal::Page> BundleJournal::List(std::string_view page_token, size_t page_size) const {
  ASSIGN_OR_RETURN(Store::Page page, store_->ScanPage(std::string(1, static_cast<char>(kTagBundleJournal)),
                                                      page_token, page_size));
  Page out;
  out.next_page_token = std::move(page.next_page_token);
  for (const auto& kv : page.rows) {
    KeyReader reader(kv.key);
    RETURN_IF_ERROR(reader.ReadTag().status());
    ASSIGN_OR_RETURN(std::string id, reader.ReadString());
    storage::v1::BundleJournalRecord record;
    if (!record.ParseFromString(kv.value))
      return absl::DataLossError(absl::StrCat("corrupt journal record of bundle ", id));
    out.bundles.emplace_back(std::move(id), std::move(record));
  }
  return out;
}

absl::Status BundleJournal::Put(const WriteContext& context, const std::string& bundle_id,
                                const storage::v1::BundleJournalRecord& record, const std::string& what) {
  Mutation mutation;
  mutation.Put(JournalKey(bundle_id), record.SerializeAsString());
  WriteContext ctx = context;
  ctx.bundle_id.clear();  // the journal is not a write of the bundle: a rollback keeps it
  ctx.summary = absl::StrCat("bundle ", bundle_id, ": ", what);
  return store_->Commit(ctx, std::move(mutation));
}

absl::StatusOr<BundleJournal::Hold> BundleJournal::Claim(const std::string& bundle_id) {
  absl::MutexLock lock(&mu_);
  if (!busy_.insert(bundle_id).second) {
    return absl::AbortedError(absl::StrCat(
        "bundle ", bundle_id, " is being imported or rolled back right now; try again when it ends"));
  }
  return Hold(this, bundle_id);
}

BundleJournal::Hold::~Hold() {
  if (journal_ == nullptr) return;
  absl::MutexLock lock(&journal_->mu_);
  journal_->busy_.erase(id_);
}

}  // namespace lkip::aggregator
