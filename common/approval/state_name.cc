#include "common/approval/state_name.h"

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"

namespace lkip {

std::string ApprovalStateName(approval::v1::ApprovalState state) {
  if (state == approval::v1::APPROVAL_STATE_UNSPECIFIED) state = approval::v1::APPROVAL_STATE_DRAFT;
  return absl::AsciiStrToLower(absl::StripPrefix(approval::v1::ApprovalState_Name(state), "APPROVAL_STATE_"));
}

}  // namespace lkip
