// gRPC adapter of lkip.pencegahan.v1.Pencegahan: the shared satker-value RPCs plus the raw
// instruments (IKP assessments so far).
#pragma once

#include "common/bidang/bidang_service.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "services/pencegahan/ikp_store.h"
#include "services/pencegahan/respondent_store.h"

namespace lkip::pencegahan {

class PencegahanService final : public BidangRecordsService<v1::Pencegahan> {
 public:
  explicit PencegahanService(BidangCore* core)
      : BidangRecordsService<v1::Pencegahan>(core),
        ikp_(core->store(), core->rules()),
        respondents_(core->store(), core->rules()) {}

  grpc::ServerReadReactor<v1::ImportIkpAssessmentsRequest>* ImportIkpAssessments(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;
  grpc::ServerUnaryReactor* GetIkpResult(grpc::CallbackServerContext* context, const v1::GetIkpResultRequest* request,
                                         v1::IkpResult* response) override;
  grpc::ServerReadReactor<v1::ImportRespondentScoresRequest>* ImportRespondentScores(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;

 private:
  IkpStore ikp_;
  RespondentStore respondents_;
};

}  // namespace lkip::pencegahan
