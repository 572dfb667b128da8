// Store::RollBackBundle: the audit entries of a bundle's writes (indexed under kTagBundleWrite,
// with the values they wrote) read back and undone in one commit.
#include <map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/store.h"

namespace lkip {
namespace {

// A bundle writes a province's records: tens of thousands of requests at most.
constexpr size_t kMaxBundleWrites = 200000;

// What the bundle did to one key: what it held before the bundle's first write, and what its
// last write left there (nullopt: deleted or absent).
struct KeyHistory {
  std::optional<std::string> before;
  std::optional<std::string> after;
};

std::string Printable(const std::string& key) { return absl::CHexEscape(key.substr(0, 60)); }

}  // namespace

absl::StatusOr<Store::BundleRollback> Store::RollBackBundle(const WriteContext& context,
                                                            std::string_view bundle_view) {
  // Debian's Abseil takes no std::string_view in StrCat.
  const std::string bundle_id(bundle_view);
  if (bundle_id.empty()) return absl::InvalidArgumentError("bundle_id: is required");
  prepared_.Drop(bundle_id);
  if (context.prepare) return BundleRollback{};  // the bundle's prepare phase is discarded, nothing else
  absl::WriterMutexLock gate(&commit_gate_);
  BundleRollback out;
  const std::string marker = KeyBuilder(kTagBundleRolledBack).AddString(bundle_id).Build();
  ASSIGN_OR_RETURN(std::optional<std::string> rolled_back, Find(marker));
  if (rolled_back.has_value()) {
    out.rolled_back_before = true;
    return out;
  }
  ASSIGN_OR_RETURN(std::vector<KeyValue> index,
                   Scan(KeyBuilder(kTagBundleWrite).AddString(bundle_id).Build(), kMaxBundleWrites));
  if (index.empty()) return out;
  std::map<std::string, KeyHistory> keys;
  for (const KeyValue& entry_key : index) {  // oldest first
    ASSIGN_OR_RETURN(std::optional<std::string> raw, Find(entry_key.value));
    storage::v1::AuditEntry entry;
    if (!raw.has_value() || !entry.ParseFromString(*raw)) {
      return absl::DataLossError(
          absl::StrCat("the audit entry of a write of bundle ", bundle_id, " is missing"));
    }
    for (const auto& change : entry.changes()) {
      if (change.prefix()) {
        return absl::FailedPreconditionError(absl::StrCat("bundle ", bundle_id, " deleted a range of keys (",
                                                          Printable(change.key()),
                                                          "); it cannot be rolled back"));
      }
      const std::optional<std::string> previous =
          change.had_previous() ? std::optional<std::string>(change.previous_value()) : std::nullopt;
      const std::optional<std::string> written =
          change.deleted() ? std::nullopt : std::optional<std::string>(change.value());
      auto [it, first] = keys.try_emplace(change.key(), KeyHistory{previous, written});
      if (!first) {
        // Between two writes of the bundle the key must have held what the first one wrote.
        if (it->second.after != previous) {
          return absl::FailedPreconditionError(
              absl::StrCat("key ", Printable(change.key()), " was changed between writes of bundle ",
                           bundle_id, " by another write; nothing is rolled back"));
        }
        it->second.after = written;
      }
    }
    ++out.undone_writes;
  }
  std::vector<std::string> names;
  for (const auto& [key, history] : keys) names.push_back(key);
  ASSIGN_OR_RETURN(std::vector<std::optional<std::string>> now, FindMany(names));
  Mutation mutation;
  size_t i = 0;
  for (auto& [key, history] : keys) {
    if (now[i++] != history.after) {
      return absl::FailedPreconditionError(absl::StrCat("key ", Printable(key), " was changed after bundle ",
                                                        bundle_id,
                                                        " by another write; nothing is rolled back"));
    }
    if (history.before == history.after) continue;
    if (history.before.has_value()) {
      mutation.PutKnownPrevious(key, *history.before, history.after);
    } else {
      mutation.ops_.push_back(Mutation::Op{key, std::nullopt, true, history.after});
    }
    ++out.restored_keys;
  }
  mutation.Put(marker, std::to_string(options_.now_micros()));
  WriteContext ctx = context;
  ctx.bundle_id.clear();  // the rollback is not a write of the bundle
  ctx.summary = absl::StrCat("bundle ", bundle_id, " rolled back: ", out.undone_writes, " writes undone, ",
                             out.restored_keys, " keys restored");
  RETURN_IF_ERROR(CommitLocked(ctx, std::move(mutation)));
  return out;
}

}  // namespace lkip
