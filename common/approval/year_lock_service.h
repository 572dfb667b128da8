// gRPC adapter of lkip.approval.v1.YearLockService over a service's store; every service serves
// it. Only the aggregator sets a lock (ACCESS_LOCK: the service role), as a step of the approval
// workflow (services/aggregator/approval/); the store refuses every write of a locked year.
#pragma once

#include "common/storage/store.h"
#include "lkip/approval/v1/approval.grpc.pb.h"

namespace lkip {

// The API's view of a lock (locked false when `lock` is nullopt).
approval::v1::YearLock YearLockOf(std::string_view province, int32_t fiscal_year,
                                  const std::optional<storage::v1::YearLockRecord>& lock);

class YearLockService final : public approval::v1::YearLockService::CallbackService {
 public:
  explicit YearLockService(Store* store) : store_(store) {}

  grpc::ServerUnaryReactor* SetYearLock(grpc::CallbackServerContext* context,
                                        const approval::v1::SetYearLockRequest* request,
                                        approval::v1::YearLock* response) override;
  grpc::ServerUnaryReactor* GetYearLock(grpc::CallbackServerContext* context,
                                        const approval::v1::GetYearLockRequest* request,
                                        approval::v1::YearLock* response) override;

 private:
  Store* store_;
};

}  // namespace lkip
