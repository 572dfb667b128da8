#include "services/pemberantasan/pemberantasan_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "services/pemberantasan/case_file.h"

namespace lkip::pemberantasan {

grpc::ServerUnaryReactor* PemberantasanService::RecordCaseStage(grpc::CallbackServerContext* context,
                                                                const v1::RecordCaseStageRequest* request,
                                                                v1::RecordCaseStageResponse* response) {
  return FinishUnary(context, "RecordCaseStage", [&]() -> absl::Status {
    WriteContext write{
        ActorOf(*context), "RecordCaseStage",
        absl::StrCat(request->case_ref(), " ", StageName(request->stage()), " ", request->date())};
    return Deliver(cases_.RecordStage(write, *request), response);
  });
}

grpc::ServerUnaryReactor* PemberantasanService::GetCaseFile(grpc::CallbackServerContext* context,
                                                            const v1::GetCaseFileRequest* request,
                                                            v1::CaseFile* response) {
  return FinishUnary(context, "GetCaseFile",
                     [&]() -> absl::Status { return Deliver(cases_.Get(*request), response); });
}

grpc::ServerUnaryReactor* PemberantasanService::ListP21Files(grpc::CallbackServerContext* context,
                                                             const v1::ListP21FilesRequest* request,
                                                             v1::ListP21FilesResponse* response) {
  return FinishUnary(context, "ListP21Files",
                     [&]() -> absl::Status { return Deliver(cases_.ListP21(*request), response); });
}

grpc::ServerUnaryReactor* PemberantasanService::RecordDetainees(grpc::CallbackServerContext* context,
                                                                const v1::RecordDetaineesRequest* request,
                                                                v1::DetaineeWriteResponse* response) {
  return FinishUnary(context, "RecordDetainees", [&]() -> absl::Status {
    WriteContext write{ActorOf(*context), "RecordDetainees",
                       absl::StrCat(request->detainees_size(), " detainees")};
    return Deliver(detainees_.RecordDetainees(write, *request), response);
  });
}

grpc::ServerUnaryReactor* PemberantasanService::RecordDetaineeIncidents(
    grpc::CallbackServerContext* context, const v1::RecordDetaineeIncidentsRequest* request,
    v1::DetaineeWriteResponse* response) {
  return FinishUnary(context, "RecordDetaineeIncidents", [&]() -> absl::Status {
    WriteContext write{ActorOf(*context), "RecordDetaineeIncidents",
                       absl::StrCat(request->incidents_size(), " incidents")};
    return Deliver(detainees_.RecordIncidents(write, *request), response);
  });
}

grpc::ServerUnaryReactor* PemberantasanService::GetDetaineeResult(grpc::CallbackServerContext* context,
                                                                  const v1::GetDetaineeResultRequest* request,
                                                                  v1::DetaineeResult* response) {
  return FinishUnary(context, "GetDetaineeResult",
                     [&]() -> absl::Status { return Deliver(detainees_.Get(*request), response); });
}

grpc::ServerUnaryReactor* PemberantasanService::RecordBeritaAcara(grpc::CallbackServerContext* context,
                                                                  const v1::RecordBeritaAcaraRequest* request,
                                                                  v1::RecordBeritaAcaraResponse* response) {
  return FinishUnary(context, "RecordBeritaAcara", [&]() -> absl::Status {
    WriteContext write{ActorOf(*context), "RecordBeritaAcara",
                       absl::StrCat("BA ", request->berita_acara().ba_ref())};
    return Deliver(evidence_.Record(write, *request), response);
  });
}

grpc::ServerUnaryReactor* PemberantasanService::GetEvidenceResult(grpc::CallbackServerContext* context,
                                                                  const v1::GetEvidenceResultRequest* request,
                                                                  v1::EvidenceResult* response) {
  return FinishUnary(context, "GetEvidenceResult",
                     [&]() -> absl::Status { return Deliver(evidence_.Get(*request), response); });
}

}  // namespace lkip::pemberantasan
