// The approval of each province's report per fiscal year, in the aggregator's store
// (storage records only): its state and the steps that led there. A step that locks or unlocks
// the year commits the lock here in the same batch (Store::SetYearLock).
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/storage/store.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagApproval = 0x24;  // [province][year] -> ApprovalRecord

class ApprovalStore {
 public:
  explicit ApprovalStore(Store* store) : store_(store) {}

  // The stored approval; an empty record (state 0: draft) when no step was taken.
  absl::StatusOr<storage::v1::ApprovalRecord> Get(const std::string& province, int fiscal_year) const;

  // Stores `record`. `lock`: nullopt leaves the year's lock as it is; a value sets it (a record)
  // or lifts it (nullopt inside), in the same commit.
  absl::Status Put(const WriteContext& context, const std::string& province, int fiscal_year,
                   const storage::v1::ApprovalRecord& record,
                   std::optional<std::optional<storage::v1::YearLockRecord>> lock);

 private:
  Store* store_;
};

}  // namespace lkip::aggregator
