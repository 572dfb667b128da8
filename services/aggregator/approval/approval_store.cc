#include "services/aggregator/approval/approval_store.h"

#include "common/proto/deterministic.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"

namespace lkip::aggregator {
namespace {

std::string ApprovalKey(const std::string& province, int fiscal_year) {
  return KeyBuilder(kTagApproval).AddString(province).AddInt32(fiscal_year).Build();
}

}  // namespace

absl::StatusOr<storage::v1::ApprovalRecord> ApprovalStore::Get(const std::string& province,
                                                               int fiscal_year) const {
  storage::v1::ApprovalRecord record;
  ASSIGN_OR_RETURN(std::optional<std::string> value, store_->Find(ApprovalKey(province, fiscal_year)));
  if (value.has_value() && !record.ParseFromString(*value)) {
    return absl::DataLossError("the approval record does not parse");
  }
  return record;
}

absl::Status ApprovalStore::Put(const WriteContext& context, const std::string& province, int fiscal_year,
                                const storage::v1::ApprovalRecord& record,
                                std::optional<std::optional<storage::v1::YearLockRecord>> lock) {
  Mutation mutation;
  mutation.Put(ApprovalKey(province, fiscal_year), SerializeDeterministic(record));
  if (!lock.has_value()) return store_->Commit(context, std::move(mutation));
  return store_->SetYearLock(context, province, fiscal_year, std::move(*lock), std::move(mutation));
}

}  // namespace lkip::aggregator
