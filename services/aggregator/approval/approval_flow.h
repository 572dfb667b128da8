// The approval workflow's rules (pure): which step leads from which state to which, and what a
// step needs. Who may take a step is the RPC's declared access (lkip.common.v1.access); the
// states and the order are here. docs/security.md, "Approval and the year lock".
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/approval/state_name.h"
#include "lkip/approval/v1/approval.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {

enum class ApprovalStep { kSubmit, kReview, kApprove, kReopen };

// "submit", "review", "approve", "reopen".
std::string_view StepName(ApprovalStep step);

// The state `step` leads to from `current`:
//   submit:  draft -> diajukan
//   review:  diajukan -> direviu (a note, APIP's review, is required)
//   approve: direviu -> ditetapkan
//   reopen:  diajukan, direviu, ditetapkan -> draft (a reason is required); draft -> draft (only
//            lifts locks an earlier reopen left behind)
// FAILED_PRECONDITION naming the state and what the step needs; INVALID_ARGUMENT naming `note`.
absl::StatusOr<approval::v1::ApprovalState> NextState(approval::v1::ApprovalState current, ApprovalStep step,
                                                      std::string_view note, std::string_view province,
                                                      int fiscal_year);

// The API's view of a stored approval (state draft when no step was taken).
approval::v1::Approval ApprovalOf(const std::string& province, int fiscal_year,
                                  const storage::v1::ApprovalRecord& record);

}  // namespace lkip::aggregator
