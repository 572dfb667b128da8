// gRPC adapter of lkip.rehabilitasi.v1.Rehabilitasi: the shared satker-value RPCs plus the
// raw instruments: SKM questionnaires, WHOQOL-BREF assessments and the §6.3 registers.
#pragma once

#include "common/bidang/bidang_service.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "services/rehabilitasi/register_store.h"
#include "services/rehabilitasi/skm_store.h"
#include "services/rehabilitasi/whoqol_store.h"

namespace lkip::rehabilitasi {

class RehabilitasiService final : public BidangRecordsService<v1::Rehabilitasi> {
 public:
  // Registers with `core` how its imports (skm, whoqol, register) are withdrawn.
  explicit RehabilitasiService(BidangCore* core);

  grpc::ServerReadReactor<v1::ImportSkmResponsesRequest>* ImportSkmResponses(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;
  grpc::ServerUnaryReactor* GetSkmResult(grpc::CallbackServerContext* context,
                                         const v1::GetSkmResultRequest* request,
                                         v1::SkmResult* response) override;
  grpc::ServerReadReactor<v1::ImportWhoqolAssessmentsRequest>* ImportWhoqolAssessments(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;
  grpc::ServerUnaryReactor* GetWhoqolResult(grpc::CallbackServerContext* context,
                                            const v1::GetWhoqolResultRequest* request,
                                            v1::WhoqolResult* response) override;

  grpc::ServerReadReactor<v1::ImportRegisterEntriesRequest>* ImportRegisterEntries(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;
  grpc::ServerUnaryReactor* ListRegisterEntries(grpc::CallbackServerContext* context,
                                                const v1::ListRegisterEntriesRequest* request,
                                                v1::ListRegisterEntriesResponse* response) override;

 private:
  SkmStore skm_;
  WhoqolStore whoqol_;
  RegisterStore registers_;
};

}  // namespace lkip::rehabilitasi
