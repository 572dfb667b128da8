#include "services/aggregator/approval/changes_after_submission.h"

#include <algorithm>
#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/audit/audit_listing.h"
#include "common/audit/audit_service.h"
#include "common/registry/bidang_registry.h"
#include "lkip/audit/v1/audit.grpc.pb.h"

namespace lkip::aggregator {
namespace {

// Steps of the approval itself, not changes of the data.
bool IsApprovalStep(const std::string& method) {
  return method == "SubmitReport" || method == "ReviewReport" || method == "ApproveReport" ||
         method == "ReopenYear" || method == "SetYearLock";
}

std::string Shown(const std::string& rfc3339) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error)) return rfc3339;
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", t, absl::UTCTimeZone());
}

// The last step to diajukan, or nullptr.
const approval::v1::ApprovalEvent* LastSubmission(const approval::v1::Approval& approval) {
  const approval::v1::ApprovalEvent* last = nullptr;
  for (const auto& e : approval.history())
    if (e.to_state() == approval::v1::APPROVAL_STATE_DIAJUKAN) last = &e;
  return last;
}

}  // namespace

report::v1::ChangesAfterSubmission ChangesOf(const approval::v1::ApprovalEvent& submission,
                                             std::vector<audit::v1::AuditEntry> entries,
                                             std::vector<std::string> incomplete) {
  std::stable_sort(
      entries.begin(), entries.end(),
      [](const audit::v1::AuditEntry& a, const audit::v1::AuditEntry& b) { return a.time() < b.time(); });
  report::v1::ChangesAfterSubmission out;
  out.set_submitted_time(Shown(submission.time()));
  out.set_submitted_by(submission.actor());
  for (const auto& e : entries) {
    if (IsApprovalStep(e.method())) continue;
    report::v1::DataChange* c = out.add_changes();
    c->set_no(out.changes_size());
    c->set_time(Shown(e.time()));
    c->set_service(e.service());
    c->set_actor(e.actor());
    c->set_method(e.method());
    c->set_summary(e.summary());
    c->set_keys(e.changes_size());
  }
  out.set_has_changes(out.changes_size() > 0);
  std::sort(incomplete.begin(), incomplete.end());
  for (auto& s : incomplete) out.add_incomplete(std::move(s));
  return out;
}

void FetchChangesAfterSubmission(
    const approval::v1::Approval& approval, const Store& own, BidangClients& clients,
    grpc::CallbackServerContext* parent,
    std::function<void(std::optional<report::v1::ChangesAfterSubmission>)> done) {
  const approval::v1::ApprovalEvent* submission = LastSubmission(approval);
  if (submission == nullptr) return done(std::nullopt);
  absl::Time since;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, submission->time(), &since, &error)) return done(std::nullopt);

  struct Join {
    approval::v1::ApprovalEvent submission;
    absl::Mutex mu;
    std::vector<audit::v1::AuditEntry> entries ABSL_GUARDED_BY(mu);
    std::vector<std::string> incomplete ABSL_GUARDED_BY(mu);
    std::atomic<int> pending{1};  // the caller's own hold, released below
    std::function<void(std::optional<report::v1::ChangesAfterSubmission>)> done;
    void Release(Join* self) {
      if (pending.fetch_sub(1) != 1) return;
      std::unique_ptr<Join> owned(self);
      absl::MutexLock lock(&owned->mu);
      owned->done(ChangesOf(owned->submission, std::move(owned->entries), std::move(owned->incomplete)));
    }
  };
  auto* join = new Join();
  join->submission = *submission;
  join->done = std::move(done);

  // The aggregator's own trail: one bounded page, read here.
  AuditFilter filter;
  filter.since_micros = absl::ToUnixMicros(since);
  absl::StatusOr<AuditPage> page = ListAudit(own, filter, "", 0);
  {
    absl::MutexLock lock(&join->mu);
    if (!page.ok() || !page->next_page_token.empty()) join->incomplete.push_back("aggregator");
    if (page.ok()) {
      for (const auto& e : page->entries) join->entries.push_back(AuditEntryOf("aggregator", e));
    }
  }

  const auto deadline =
      std::min(parent != nullptr ? parent->deadline() : std::chrono::system_clock::time_point::max(),
               std::chrono::system_clock::now() + absl::ToChronoMilliseconds(clients.timeout()));
  for (const BidangService& b : BidangServices()) {
    const std::string name(b.name);
    std::shared_ptr<grpc::Channel> channel = clients.Channel(name);
    if (channel == nullptr) {
      absl::MutexLock lock(&join->mu);
      join->incomplete.push_back(name);
      continue;
    }
    struct Call {
      grpc::ClientContext context;
      audit::v1::ListAuditEntriesRequest request;
      audit::v1::ListAuditEntriesResponse response;
      std::unique_ptr<audit::v1::AuditService::Stub> stub;
    };
    auto* call = new Call();
    call->context.set_deadline(deadline);
    call->request.set_since(join->submission.time());
    call->stub = audit::v1::AuditService::NewStub(std::move(channel));
    join->pending.fetch_add(1);
    call->stub->async()->ListAuditEntries(&call->context, &call->request, &call->response,
                                          [call, join, name](grpc::Status s) {
                                            std::unique_ptr<Call> owned(call);
                                            {
                                              absl::MutexLock lock(&join->mu);
                                              if (!s.ok() || !owned->response.next_page_token().empty())
                                                join->incomplete.push_back(name);
                                              for (auto& e : *owned->response.mutable_entries())
                                                join->entries.push_back(std::move(e));
                                            }
                                            join->Release(join);
                                          });
  }
  join->Release(join);
}

}  // namespace lkip::aggregator
