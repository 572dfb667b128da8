#include "services/aggregator/approval/approval_flow.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace lkip::aggregator {

namespace {

std::string Rfc3339(int64_t micros) {
  // Microseconds: the lampiran of changes after a submission starts exactly at it.
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromUnixMicros(micros), absl::UTCTimeZone());
}

}  // namespace

approval::v1::Approval ApprovalOf(const std::string& province, int fiscal_year,
                                  const storage::v1::ApprovalRecord& record) {
  approval::v1::Approval out;
  out.set_province_code(province);
  out.set_fiscal_year(fiscal_year);
  out.set_state(record.state() == 0 ? approval::v1::APPROVAL_STATE_DRAFT
                                    : static_cast<approval::v1::ApprovalState>(record.state()));
  for (const auto& e : record.history()) {
    approval::v1::ApprovalEvent* event = out.add_history();
    event->set_from_state(static_cast<approval::v1::ApprovalState>(e.from_state()));
    event->set_to_state(static_cast<approval::v1::ApprovalState>(e.to_state()));
    event->set_actor(e.actor());
    event->set_role(e.role());
    event->set_time(Rfc3339(e.unix_micros()));
    event->set_note(e.note());
  }
  return out;
}

using approval::v1::ApprovalState;

std::string_view StepName(ApprovalStep step) {
  switch (step) {
    case ApprovalStep::kSubmit:
      return "submit";
    case ApprovalStep::kReview:
      return "review";
    case ApprovalStep::kApprove:
      return "approve";
    case ApprovalStep::kReopen:
      return "reopen";
  }
  return "?";
}

absl::StatusOr<ApprovalState> NextState(ApprovalState current, ApprovalStep step, std::string_view note,
                                        std::string_view province, int fiscal_year) {
  if (current == approval::v1::APPROVAL_STATE_UNSPECIFIED) current = approval::v1::APPROVAL_STATE_DRAFT;
  const bool has_note = !absl::StripAsciiWhitespace(absl::string_view(note.data(), note.size())).empty();
  auto needs = [&](ApprovalState from) -> absl::Status {
    if (current == from) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "the report of ", std::string(province), " for ", fiscal_year, " is ", ApprovalStateName(current),
        "; ", std::string(StepName(step)), " needs it ", ApprovalStateName(from)));
  };
  switch (step) {
    case ApprovalStep::kSubmit:
      if (absl::Status s = needs(approval::v1::APPROVAL_STATE_DRAFT); !s.ok()) return s;
      return approval::v1::APPROVAL_STATE_DIAJUKAN;
    case ApprovalStep::kReview:
      if (absl::Status s = needs(approval::v1::APPROVAL_STATE_DIAJUKAN); !s.ok()) return s;
      if (!has_note) return absl::InvalidArgumentError("note: APIP's review notes are required");
      return approval::v1::APPROVAL_STATE_DIREVIU;
    case ApprovalStep::kApprove:
      if (absl::Status s = needs(approval::v1::APPROVAL_STATE_DIREVIU); !s.ok()) return s;
      return approval::v1::APPROVAL_STATE_DITETAPKAN;
    case ApprovalStep::kReopen:
      if (!has_note) return absl::InvalidArgumentError("note: the reason to reopen the year is required");
      return approval::v1::APPROVAL_STATE_DRAFT;
  }
  return absl::InternalError("unknown approval step");
}

}  // namespace lkip::aggregator
