#include "services/aggregator/approval/approval_flow.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace lkip::aggregator {
namespace {

using approval::v1::ApprovalState;
constexpr ApprovalState kDraft = approval::v1::APPROVAL_STATE_DRAFT;
constexpr ApprovalState kDiajukan = approval::v1::APPROVAL_STATE_DIAJUKAN;
constexpr ApprovalState kDireviu = approval::v1::APPROVAL_STATE_DIREVIU;
constexpr ApprovalState kDitetapkan = approval::v1::APPROVAL_STATE_DITETAPKAN;

TEST(ApprovalFlowTest, EveryStepFromEveryState) {
  const std::vector<ApprovalState> states = {approval::v1::APPROVAL_STATE_UNSPECIFIED, kDraft, kDiajukan,
                                             kDireviu, kDitetapkan};
  struct Row {
    ApprovalStep step;
    ApprovalState from;  // the only state it is taken from (reopen: any)
    ApprovalState to;
  };
  for (const Row& row : std::vector<Row>{{ApprovalStep::kSubmit, kDraft, kDiajukan},
                                         {ApprovalStep::kReview, kDiajukan, kDireviu},
                                         {ApprovalStep::kApprove, kDireviu, kDitetapkan}}) {
    for (ApprovalState from : states) {
      const ApprovalState current = from == approval::v1::APPROVAL_STATE_UNSPECIFIED ? kDraft : from;
      auto next = NextState(from, row.step, "catatan", "BNNP_NTB", 2023);
      if (current == row.from) {
        ASSERT_TRUE(next.ok()) << StepName(row.step) << " from " << ApprovalStateName(from) << ": "
                               << next.status();
        EXPECT_EQ(*next, row.to);
      } else {
        EXPECT_EQ(next.status().code(), absl::StatusCode::kFailedPrecondition) << StepName(row.step);
        EXPECT_NE(next.status().message().find(absl::StrCat("is ", ApprovalStateName(current))),
                  std::string::npos)
            << next.status();
      }
    }
  }
  for (ApprovalState from : states) {
    auto next = NextState(from, ApprovalStep::kReopen, "alasan", "BNNP_NTB", 2023);
    ASSERT_TRUE(next.ok()) << next.status();
    EXPECT_EQ(*next, kDraft);
  }
}

TEST(ApprovalFlowTest, ReviewAndReopenNeedANote) {
  EXPECT_EQ(NextState(kDiajukan, ApprovalStep::kReview, " \n", "BNNP_NTB", 2023).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(NextState(kDitetapkan, ApprovalStep::kReopen, "", "BNNP_NTB", 2023).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(NextState(kDraft, ApprovalStep::kSubmit, "", "BNNP_NTB", 2023).ok());
}

}  // namespace
}  // namespace lkip::aggregator
