#include "services/aggregator/approval/changes_after_submission.h"

#include <gtest/gtest.h>

namespace lkip::aggregator {
namespace {

audit::v1::AuditEntry Entry(const std::string& time, const std::string& service, const std::string& method) {
  audit::v1::AuditEntry e;
  e.set_time(time);
  e.set_service(service);
  e.set_method(method);
  e.set_actor("wayan");
  e.add_changes();
  return e;
}

TEST(ChangesAfterSubmissionTest, DataChangesInTimeOrderWithoutTheApprovalsOwnSteps) {
  approval::v1::ApprovalEvent submitted;
  submitted.set_time("2024-02-01T08:00:00Z");
  submitted.set_actor("sari");
  auto out = ChangesOf(submitted,
                       {Entry("2024-02-03T10:00:00.000000Z", "keuangan", "RecordDipa"),
                        Entry("2024-02-01T08:00:00.100000Z", "aggregator", "SubmitReport"),
                        Entry("2024-02-02T09:30:00.000000Z", "pencegahan", "RecordSatkerValues"),
                        Entry("2024-02-04T00:00:00.000000Z", "pencegahan", "SetYearLock")},
                       {"zonaintegritas"});
  EXPECT_EQ(out.submitted_time(), "2024-02-01 08:00:00 UTC");
  EXPECT_EQ(out.submitted_by(), "sari");
  ASSERT_EQ(out.changes_size(), 2);
  EXPECT_TRUE(out.has_changes());
  EXPECT_EQ(out.changes(0).no(), 1);
  EXPECT_EQ(out.changes(0).service(), "pencegahan");
  EXPECT_EQ(out.changes(0).time(), "2024-02-02 09:30:00 UTC");
  EXPECT_EQ(out.changes(1).method(), "RecordDipa");
  EXPECT_EQ(out.changes(1).keys(), 1);
  ASSERT_EQ(out.incomplete_size(), 1);
  EXPECT_EQ(out.incomplete(0), "zonaintegritas");

  EXPECT_FALSE(ChangesOf(submitted, {}, {}).has_changes());
}

}  // namespace
}  // namespace lkip::aggregator
