// The audit trail of one store, read back a page at a time and filtered (who, which satker,
// which keyspace, when), for AuditService.ListAuditEntries. Storage records only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/store.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip {

struct AuditFilter {
  std::string actor;                    // exact subject; empty: any
  std::string satker;                   // a key of a change names it; empty: any
  std::string keyspace;                 // a change's keyspace (keyspaces.h); empty: any
  std::optional<int64_t> since_micros;  // at or after
  std::optional<int64_t> until_micros;  // before
};

struct AuditPage {
  std::vector<storage::v1::AuditEntry> entries;  // oldest first
  std::string next_page_token;                   // empty on the last page
};

// INVALID_ARGUMENT naming keyspace (unknown), page_size or page_token.
absl::StatusOr<AuditPage> ListAudit(const Store& store, const AuditFilter& filter,
                                    const std::string& page_token, int page_size);

}  // namespace lkip
