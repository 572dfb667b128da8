#include "common/audit/audit_listing.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/audit/keyspaces.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/pagination.h"

namespace lkip {
namespace {

bool Passes(const storage::v1::AuditEntry& entry, const AuditFilter& filter, const Keyspace* keyspace) {
  if (!filter.actor.empty() && entry.actor() != filter.actor) return false;
  if (filter.satker.empty() && keyspace == nullptr) return true;
  for (const auto& change : entry.changes()) {
    const std::string& key = change.key();
    if (keyspace != nullptr && (key.empty() || static_cast<uint8_t>(key[0]) != keyspace->tag)) continue;
    // Codes are stored as they are, each ended by 0x00 0x00 (key_codec.h).
    if (!filter.satker.empty() && key.find(filter.satker + std::string(2, '\0')) == std::string::npos)
      continue;
    return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<AuditPage> ListAudit(const Store& store, const AuditFilter& filter,
                                    const std::string& page_token, int page_size) {
  ASSIGN_OR_RETURN(const size_t size, PageSize(page_size));
  const Keyspace* keyspace = nullptr;
  if (!filter.keyspace.empty()) {
    keyspace = KeyspaceNamed(filter.keyspace);
    if (keyspace == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("keyspace: \"", filter.keyspace, "\" is not one of ", KeyspaceNames()));
    }
  }
  const std::string prefix(1, static_cast<char>(kTagAudit));
  std::string token = page_token;
  if (token.empty() && filter.since_micros.has_value()) {
    // Audit keys sort by time: start just before the first entry of `since`.
    token = absl::WebSafeBase64Escape(KeyBuilder(kTagAudit).AddInt64(*filter.since_micros).Build());
  }
  ASSIGN_OR_RETURN(Store::Page page, store.ScanPage(prefix, token, size));
  AuditPage out;
  out.next_page_token = page.next_page_token;
  for (const KeyValue& kv : page.rows) {
    storage::v1::AuditEntry entry;
    if (!entry.ParseFromString(kv.value)) return absl::DataLossError("an audit entry does not parse");
    if (filter.until_micros.has_value() && entry.unix_micros() >= *filter.until_micros) {
      out.next_page_token.clear();  // the rest is later still
      break;
    }
    if (Passes(entry, filter, keyspace)) out.entries.push_back(std::move(entry));
  }
  return out;
}

}  // namespace lkip
