// gRPC adapter of lkip.approval.v1.ApprovalService: the approval workflow of each province's
// report (approval_flow.h), kept in the aggregator's store (approval_store.h). Approving locks
// the year at every bidang service (lkip.approval.v1.YearLockService, called with the
// aggregator's own certificate) and then here; reopening lifts the lock here and then there.
// Those calls block, so the steps run on the background pool, one at a time.
#pragma once

#include "common/auth/role.h"
#include "common/server/background_work.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/approval/v1/approval.grpc.pb.h"
#include "services/aggregator/approval/approval_flow.h"
#include "services/aggregator/approval/approval_store.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

class ApprovalService final : public approval::v1::ApprovalService::CallbackService {
 public:
  ApprovalService(Store* store, BidangClients* clients, BackgroundWork* background)
      : store_(store), approvals_(store), clients_(clients), background_(background) {}

  grpc::ServerUnaryReactor* GetApproval(grpc::CallbackServerContext* context,
                                        const approval::v1::GetApprovalRequest* request,
                                        approval::v1::Approval* response) override;
  grpc::ServerUnaryReactor* SubmitReport(grpc::CallbackServerContext* context,
                                         const approval::v1::SubmitReportRequest* request,
                                         approval::v1::Approval* response) override;
  grpc::ServerUnaryReactor* ReviewReport(grpc::CallbackServerContext* context,
                                         const approval::v1::ReviewReportRequest* request,
                                         approval::v1::Approval* response) override;
  grpc::ServerUnaryReactor* ApproveReport(grpc::CallbackServerContext* context,
                                          const approval::v1::ApproveReportRequest* request,
                                          approval::v1::Approval* response) override;
  grpc::ServerUnaryReactor* ReopenYear(grpc::CallbackServerContext* context,
                                       const approval::v1::ReopenYearRequest* request,
                                       approval::v1::Approval* response) override;

 private:
  // One step, from any of the four step RPCs (each request has province_code, fiscal_year, note).
  template <typename Request>
  grpc::ServerUnaryReactor* Step(grpc::CallbackServerContext* context, const char* method, ApprovalStep step,
                                 const Request& request, approval::v1::Approval* response);
  absl::StatusOr<approval::v1::Approval> TakeStep(const WriteContext& write, const Principal& caller,
                                                  ApprovalStep step, const std::string& province,
                                                  int fiscal_year, const std::string& note);
  // Sets (locked) or lifts the year's lock at every bidang service; the services that did not
  // take it, named with their error (empty: all did). `done` gets the ones that did.
  std::vector<std::string> PushLocks(const std::string& province, int fiscal_year, bool locked,
                                     const std::string& locked_by, std::vector<std::string>* done);

  Store* store_;
  ApprovalStore approvals_;
  BidangClients* clients_;
  BackgroundWork* background_;
  WriteSerializer steps_;  // one step at a time: each reads the state it changes
};

}  // namespace lkip::aggregator
