// lkip.nasional.v1.NasionalService over NasionalCore: BNN headquarters' roll-up.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "lkip/nasional/v1/nasional.grpc.pb.h"
#include "services/nasional/nasional_core.h"

namespace lkip::nasional {

class NasionalService final : public v1::NasionalService::CallbackService {
 public:
  // `templates_dir` holds nasional.html.mustache, read at every render (an operator's edit
  // shows at once).
  NasionalService(NasionalCore* core, std::string templates_dir)
      : core_(core), templates_dir_(std::move(templates_dir)) {}

  grpc::ServerUnaryReactor* PullReports(grpc::CallbackServerContext* context,
                                        const v1::PullReportsRequest* request,
                                        v1::PullReportsResponse* response) override;
  grpc::ServerUnaryReactor* GetRollUp(grpc::CallbackServerContext* context,
                                      const v1::GetRollUpRequest* request, v1::RollUp* response) override;
  grpc::ServerUnaryReactor* GetSnapshot(grpc::CallbackServerContext* context,
                                        const v1::GetSnapshotRequest* request,
                                        v1::Snapshot* response) override;
  grpc::ServerUnaryReactor* GetNationalComparisons(grpc::CallbackServerContext* context,
                                                   const v1::GetNationalComparisonsRequest* request,
                                                   v1::GetNationalComparisonsResponse* response) override;
  grpc::ServerUnaryReactor* RenderRollUp(grpc::CallbackServerContext* context,
                                         const v1::RenderRollUpRequest* request,
                                         v1::RenderRollUpResponse* response) override;
  grpc::ServerUnaryReactor* ListProvinces(grpc::CallbackServerContext* context,
                                          const v1::ListProvincesRequest* request,
                                          v1::ListProvincesResponse* response) override;

 private:
  NasionalCore* core_;
  std::string templates_dir_;
};

}  // namespace lkip::nasional
