#include "services/zonaintegritas/zonaintegritas_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"

namespace lkip::zonaintegritas {

grpc::ServerUnaryReactor* ZonaIntegritasService::RecordLkeAssessment(
    grpc::CallbackServerContext* context, const v1::RecordLkeAssessmentRequest* request,
    v1::LkeResult* response) {
  return FinishUnary(context, "RecordLkeAssessment", [&]() -> absl::Status {
    WriteContext write{
        ActorOf(*context), "RecordLkeAssessment",
        absl::StrCat(request->satker_code(), " ", request->fiscal_year(), " ", request->assessor())};
    return Deliver(lke_.Record(write, *request), response);
  });
}

grpc::ServerUnaryReactor* ZonaIntegritasService::GetLkeResult(grpc::CallbackServerContext* context,
                                                              const v1::GetLkeResultRequest* request,
                                                              v1::LkeResult* response) {
  return FinishUnary(context, "GetLkeResult",
                     [&]() -> absl::Status { return Deliver(lke_.Get(*request), response); });
}

grpc::ServerUnaryReactor* ZonaIntegritasService::ImportTpiResults(grpc::CallbackServerContext* context,
                                                                  const v1::ImportTpiResultsRequest* request,
                                                                  v1::ImportTpiResultsResponse* response) {
  return FinishUnary(context, "ImportTpiResults", [&]() -> absl::Status {
    WriteContext write{ActorOf(*context), "ImportTpiResults", request->source_document()};
    return Deliver(lke_.ImportTpi(write, *request), response);
  });
}

}  // namespace lkip::zonaintegritas
