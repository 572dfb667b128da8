// gRPC adapter of lkip.pemberantasan.v1.Pemberantasan: the shared satker-value RPCs plus case
// files, the detainee register and evidence BA.
#pragma once

#include "common/bidang/bidang_service.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "services/pemberantasan/case_store.h"
#include "services/pemberantasan/detainee_store.h"
#include "services/pemberantasan/evidence_store.h"

namespace lkip::pemberantasan {

class PemberantasanService final : public BidangRecordsService<v1::Pemberantasan> {
 public:
  explicit PemberantasanService(BidangCore* core)
      : BidangRecordsService<v1::Pemberantasan>(core),
        cases_(core->store(), core->rules()),
        detainees_(core->store(), core->rules()),
        evidence_(core->store(), core->rules()) {}

  grpc::ServerUnaryReactor* RecordCaseStage(grpc::CallbackServerContext* context,
                                            const v1::RecordCaseStageRequest* request,
                                            v1::RecordCaseStageResponse* response) override;
  grpc::ServerUnaryReactor* GetCaseFile(grpc::CallbackServerContext* context,
                                        const v1::GetCaseFileRequest* request,
                                        v1::CaseFile* response) override;
  grpc::ServerUnaryReactor* ListP21Files(grpc::CallbackServerContext* context,
                                         const v1::ListP21FilesRequest* request,
                                         v1::ListP21FilesResponse* response) override;
  grpc::ServerUnaryReactor* RecordDetainees(grpc::CallbackServerContext* context,
                                            const v1::RecordDetaineesRequest* request,
                                            v1::DetaineeWriteResponse* response) override;
  grpc::ServerUnaryReactor* RecordDetaineeIncidents(grpc::CallbackServerContext* context,
                                                    const v1::RecordDetaineeIncidentsRequest* request,
                                                    v1::DetaineeWriteResponse* response) override;
  grpc::ServerUnaryReactor* GetDetaineeResult(grpc::CallbackServerContext* context,
                                              const v1::GetDetaineeResultRequest* request,
                                              v1::DetaineeResult* response) override;
  grpc::ServerUnaryReactor* RecordBeritaAcara(grpc::CallbackServerContext* context,
                                              const v1::RecordBeritaAcaraRequest* request,
                                              v1::RecordBeritaAcaraResponse* response) override;
  grpc::ServerUnaryReactor* GetEvidenceResult(grpc::CallbackServerContext* context,
                                              const v1::GetEvidenceResultRequest* request,
                                              v1::EvidenceResult* response) override;

 private:
  CaseStore cases_;
  DetaineeStore detainees_;
  EvidenceStore evidence_;
};

}  // namespace lkip::pemberantasan
