#include "services/aggregator/approval/approval_service.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/auth/access.h"
#include "common/registry/bidang_registry.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "services/aggregator/report_fetch.h"

namespace lkip::aggregator {
namespace {

// Each step with the RPC that takes it (its declared access says who may) and its action.
struct StepRpc {
  ApprovalStep step;
  const char* method;
  approval::v1::ApprovalAction action;
};
constexpr StepRpc kStepRpcs[] = {
    {ApprovalStep::kSubmit, "SubmitReport", approval::v1::APPROVAL_ACTION_SUBMIT},
    {ApprovalStep::kReview, "ReviewReport", approval::v1::APPROVAL_ACTION_REVIEW},
    {ApprovalStep::kApprove, "ApproveReport", approval::v1::APPROVAL_ACTION_APPROVE},
    {ApprovalStep::kReopen, "ReopenYear", approval::v1::APPROVAL_ACTION_REOPEN},
};

// Fills allowed_actions: the steps `caller`'s role may take (the RPC's access) that the state
// allows and that change it (a reopen of a draft only lifts stale locks: not offered).
void AddAllowedActions(const Principal& caller, approval::v1::Approval* approval) {
  const auto* service = approval::v1::Approval::descriptor()->file()->FindServiceByName("ApprovalService");
  for (const StepRpc& rpc : kStepRpcs) {
    const auto* method = service->FindMethodByName(rpc.method);
    const std::string path = absl::StrCat("/", service->full_name(), "/", rpc.method);
    if (!CheckAccess(caller, method->options().GetExtension(common::v1::access), path, "aggregator").ok())
      continue;
    auto next =
        NextState(approval->state(), rpc.step, "catatan", approval->province_code(), approval->fiscal_year());
    if (next.ok() && *next != approval->state()) approval->add_allowed_actions(rpc.action);
  }
}

}  // namespace

grpc::ServerUnaryReactor* ApprovalService::GetApproval(grpc::CallbackServerContext* context,
                                                       const approval::v1::GetApprovalRequest* request,
                                                       approval::v1::Approval* response) {
  return FinishUnary(context, "GetApproval", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    ASSIGN_OR_RETURN(auto record, approvals_.Get(request->province_code(), request->fiscal_year()));
    *response = ApprovalOf(request->province_code(), request->fiscal_year(), record);
    AddAllowedActions(PrincipalOf(*context), response);
    return absl::OkStatus();
  });
}

template <typename Request>
grpc::ServerUnaryReactor* ApprovalService::Step(grpc::CallbackServerContext* context, const char* method,
                                                ApprovalStep step, const Request& request,
                                                approval::v1::Approval* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, method, request)) return reactor;
  if (absl::Status s = CheckYearProvince(request.fiscal_year(), request.province_code()); !s.ok()) {
    FinishWith(reactor, method, s);
    return reactor;
  }
  background_->Post(
      [this, reactor, method, step, response, &request, write = MakeWriteContext(*context, method, request),
       caller = PrincipalOf(*context)] {
        absl::StatusOr<approval::v1::Approval> taken =
            TakeStep(write, caller, step, request.province_code(), request.fiscal_year(), request.note());
        if (taken.ok()) AddAllowedActions(caller, &*taken);
        FinishWith(reactor, method, Deliver(std::move(taken), response));
      },
      [reactor, method] {
        FinishWith(reactor, method, absl::UnavailableError("the aggregator is shutting down; try again"));
      });
  return reactor;
}

absl::StatusOr<approval::v1::Approval> ApprovalService::TakeStep(const WriteContext& write,
                                                                 const Principal& caller, ApprovalStep step,
                                                                 const std::string& province, int fiscal_year,
                                                                 const std::string& note) {
  WriteSerializer::Turn turn(steps_);
  absl::ReaderMutexLock writing(clients_->cross_service_writes());  // not while a backup checkpoints
  ASSIGN_OR_RETURN(storage::v1::ApprovalRecord record, approvals_.Get(province, fiscal_year));
  const auto current = ApprovalOf(province, fiscal_year, record).state();
  ASSIGN_OR_RETURN(approval::v1::ApprovalState next, NextState(current, step, note, province, fiscal_year));
  const int64_t now = store_->options().now_micros();
  const bool changes = next != current;
  if (changes) {
    record.set_state(next);
    storage::v1::ApprovalEventRecord* event = record.add_history();
    event->set_from_state(current);
    event->set_to_state(next);
    event->set_actor(caller.subject);
    event->set_role(std::string(RoleName(caller.role)));
    event->set_unix_micros(now);
    event->set_note(note);
  }
  WriteContext context = write;
  context.summary = absl::StrCat(std::string(StepName(step)), " ", province, " ", fiscal_year, ": ",
                                 ApprovalStateName(current), " -> ", ApprovalStateName(next));

  if (next == approval::v1::APPROVAL_STATE_DITETAPKAN) {
    // Every bidang service first: once the state says ditetapkan, nothing of the year is writable.
    std::vector<std::string> locked;
    std::vector<std::string> failed = PushLocks(province, fiscal_year, true, caller.subject, &locked);
    if (!failed.empty()) {
      std::vector<std::string> unlocked;
      if (!locked.empty()) PushLocks(province, fiscal_year, false, "", &unlocked);
      return absl::UnavailableError(absl::StrCat("the year could not be locked at ",
                                                 absl::StrJoin(failed, "; "), "; it stays ",
                                                 ApprovalStateName(current), ", unlocked"));
    }
    storage::v1::YearLockRecord lock;
    lock.set_locked_by(caller.subject);
    lock.set_locked_at_micros(now);
    RETURN_IF_ERROR(
        approvals_.Put(context, province, fiscal_year, record, std::make_optional(std::make_optional(lock))));
  } else if (step == ApprovalStep::kReopen) {
    // Here first (the report is a draft again), then the bidang services; one that cannot be
    // reached stays locked (never the reverse: a ditetapkan year with a writable service).
    if (changes) {
      RETURN_IF_ERROR(approvals_.Put(context, province, fiscal_year, record,
                                     std::make_optional(std::optional<storage::v1::YearLockRecord>())));
    }
    std::vector<std::string> unlocked;
    std::vector<std::string> failed = PushLocks(province, fiscal_year, false, "", &unlocked);
    if (!failed.empty()) {
      return absl::UnavailableError(absl::StrCat("the year is a draft again, but still locked at ",
                                                 absl::StrJoin(failed, "; "),
                                                 ": reopen it again once they can be reached"));
    }
  } else {
    RETURN_IF_ERROR(approvals_.Put(context, province, fiscal_year, record, std::nullopt));
  }
  return ApprovalOf(province, fiscal_year, record);
}

std::vector<std::string> ApprovalService::PushLocks(const std::string& province, int fiscal_year, bool locked,
                                                    const std::string& locked_by,
                                                    std::vector<std::string>* done) {
  std::vector<std::string> failed;
  for (const BidangService& b : BidangServices()) {
    const std::string name(b.name);
    std::shared_ptr<grpc::Channel> channel = clients_->Channel(name);
    if (channel == nullptr) {
      failed.push_back(absl::StrCat(name, " (the aggregator has no --", name, "_addr)"));
      continue;
    }
    approval::v1::SetYearLockRequest request;
    request.set_province_code(province);
    request.set_fiscal_year(fiscal_year);
    request.set_locked(locked);
    request.set_locked_by(locked_by);
    approval::v1::YearLock response;
    grpc::ClientContext call;
    call.set_deadline(absl::ToChronoTime(absl::Now() + clients_->timeout()));
    grpc::Status s = approval::v1::YearLockService::NewStub(channel)->SetYearLock(&call, request, &response);
    if (s.ok()) {
      done->push_back(name);
    } else {
      failed.push_back(absl::StrCat(name, " (", absl::StatusCodeToString(FromGrpc(s).code()), ": ",
                                    s.error_message(), ")"));
    }
  }
  return failed;
}

grpc::ServerUnaryReactor* ApprovalService::SubmitReport(grpc::CallbackServerContext* context,
                                                        const approval::v1::SubmitReportRequest* request,
                                                        approval::v1::Approval* response) {
  return Step(context, "SubmitReport", ApprovalStep::kSubmit, *request, response);
}

grpc::ServerUnaryReactor* ApprovalService::ReviewReport(grpc::CallbackServerContext* context,
                                                        const approval::v1::ReviewReportRequest* request,
                                                        approval::v1::Approval* response) {
  return Step(context, "ReviewReport", ApprovalStep::kReview, *request, response);
}

grpc::ServerUnaryReactor* ApprovalService::ApproveReport(grpc::CallbackServerContext* context,
                                                         const approval::v1::ApproveReportRequest* request,
                                                         approval::v1::Approval* response) {
  return Step(context, "ApproveReport", ApprovalStep::kApprove, *request, response);
}

grpc::ServerUnaryReactor* ApprovalService::ReopenYear(grpc::CallbackServerContext* context,
                                                      const approval::v1::ReopenYearRequest* request,
                                                      approval::v1::Approval* response) {
  return Step(context, "ReopenYear", ApprovalStep::kReopen, *request, response);
}

}  // namespace lkip::aggregator
