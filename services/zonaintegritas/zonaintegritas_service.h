// gRPC adapter of lkip.zonaintegritas.v1.ZonaIntegritas: the shared satker-value RPCs plus LKE
// assessments and the TPI's totals.
#pragma once

#include "common/bidang/bidang_service.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"
#include "services/zonaintegritas/lke_store.h"

namespace lkip::zonaintegritas {

class ZonaIntegritasService final : public BidangRecordsService<v1::ZonaIntegritas> {
 public:
  explicit ZonaIntegritasService(BidangCore* core)
      : BidangRecordsService<v1::ZonaIntegritas>(core), lke_(core->store()) {}

  grpc::ServerUnaryReactor* RecordLkeAssessment(grpc::CallbackServerContext* context,
                                                const v1::RecordLkeAssessmentRequest* request,
                                                v1::LkeResult* response) override;
  grpc::ServerUnaryReactor* GetLkeResult(grpc::CallbackServerContext* context,
                                         const v1::GetLkeResultRequest* request,
                                         v1::LkeResult* response) override;
  grpc::ServerUnaryReactor* ImportTpiResults(grpc::CallbackServerContext* context,
                                             const v1::ImportTpiResultsRequest* request,
                                             v1::ImportTpiResultsResponse* response) override;

 private:
  LkeStore lke_;
};

}  // namespace lkip::zonaintegritas
