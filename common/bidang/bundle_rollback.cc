// BidangCore's part of rolling back a bundle (IndicatorSource.RollBackBundle): the store undoes
// what the bundle wrote here (Store::RollBackBundle).
#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/validation/fields.h"

namespace lkip {

absl::StatusOr<indicator::v1::RollBackBundleResponse> BidangCore::RollBackBundle(
    const WriteContext& context, const indicator::v1::RollBackBundleRequest& request) {
  if (!IsBundleTag(request.bundle_id())) {
    return InvalidField("bundle_id",
                        absl::StrCat(Quoted(request.bundle_id()),
                                     " must be 1..100 of [A-Za-z0-9._-], or that and @<attempt>"));
  }
  ASSIGN_OR_RETURN(Store::BundleRollback undone, store_->RollBackBundle(context, request.bundle_id()));
  indicator::v1::RollBackBundleResponse out;
  out.set_undone_writes(undone.undone_writes);
  out.set_restored_keys(undone.restored_keys);
  out.set_rolled_back_before(undone.rolled_back_before);
  return out;
}

}  // namespace lkip
