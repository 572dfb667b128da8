// gRPC adapter of lkip.pencegahan.v1.Pencegahan: the shared satker-value RPCs plus the raw
// instruments: IKP assessments, Dektari/Dektara respondent scores, kawasan rawan.
#pragma once

#include "common/bidang/bidang_service.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "services/pencegahan/ikp_store.h"
#include "services/pencegahan/kawasan_store.h"
#include "services/pencegahan/respondent_store.h"

namespace lkip::pencegahan {

class PencegahanService final : public BidangRecordsService<v1::Pencegahan> {
 public:
  // Registers with `core` how its imports (ikp, respondent) are withdrawn.
  explicit PencegahanService(BidangCore* core);

  grpc::ServerReadReactor<v1::ImportIkpAssessmentsRequest>* ImportIkpAssessments(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;
  grpc::ServerUnaryReactor* GetIkpResult(grpc::CallbackServerContext* context,
                                         const v1::GetIkpResultRequest* request,
                                         v1::IkpResult* response) override;
  grpc::ServerReadReactor<v1::ImportRespondentScoresRequest>* ImportRespondentScores(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;
  grpc::ServerUnaryReactor* GetRespondentResult(grpc::CallbackServerContext* context,
                                                const v1::GetRespondentResultRequest* request,
                                                v1::RespondentResult* response) override;

  grpc::ServerUnaryReactor* RegisterKawasan(grpc::CallbackServerContext* context,
                                            const v1::RegisterKawasanRequest* request,
                                            v1::KawasanWriteResponse* response) override;
  grpc::ServerUnaryReactor* RecordKawasanStatus(grpc::CallbackServerContext* context,
                                                const v1::RecordKawasanStatusRequest* request,
                                                v1::KawasanWriteResponse* response) override;
  grpc::ServerUnaryReactor* RecordInterventions(grpc::CallbackServerContext* context,
                                                const v1::RecordInterventionsRequest* request,
                                                v1::KawasanWriteResponse* response) override;
  grpc::ServerUnaryReactor* RecordIkkrAssessment(grpc::CallbackServerContext* context,
                                                 const v1::RecordIkkrAssessmentRequest* request,
                                                 v1::KawasanWriteResponse* response) override;
  grpc::ServerUnaryReactor* GetKawasan(grpc::CallbackServerContext* context,
                                       const v1::GetKawasanRequest* request,
                                       v1::KawasanDetail* response) override;
  grpc::ServerUnaryReactor* ListKawasanTransitions(grpc::CallbackServerContext* context,
                                                   const v1::ListKawasanTransitionsRequest* request,
                                                   v1::ListKawasanTransitionsResponse* response) override;

 private:
  IkpStore ikp_;
  RespondentStore respondents_;
  KawasanStore kawasan_;
};

}  // namespace lkip::pencegahan
