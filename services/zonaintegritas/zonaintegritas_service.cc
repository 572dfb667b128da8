#include "services/zonaintegritas/zonaintegritas_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/macros.h"

namespace lkip::zonaintegritas {

grpc::ServerUnaryReactor* ZonaIntegritasService::RecordLkeAssessment(
    grpc::CallbackServerContext* context, const v1::RecordLkeAssessmentRequest* request,
    v1::LkeResult* response) {
  return FinishUnary(context, "RecordLkeAssessment", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(
        *context, "RecordLkeAssessment", *request,
        absl::StrCat(request->satker_code(), " ", request->fiscal_year(), " ", request->assessor()));
    ASSIGN_OR_RETURN(const YearRules* rules, core()->rules()->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(LkeAssessmentInput assessment, CheckLkeAssessment(*rules, *request));
    ASSIGN_OR_RETURN(const auto* zi, ZiRulesFor(*rules));
    // The result before the write: a record whose scores do not add up is refused, not stored.
    ASSIGN_OR_RETURN(*response, LkeResultOf(*zi, rules->numbers(), assessment.fiscal_year,
                                            assessment.satker_code, assessment.record));
    return lke_.Record(write, *rules, assessment);
  });
}

grpc::ServerUnaryReactor* ZonaIntegritasService::GetLkeResult(grpc::CallbackServerContext* context,
                                                              const v1::GetLkeResultRequest* request,
                                                              v1::LkeResult* response) {
  return FinishUnary(context, "GetLkeResult", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const YearRules* rules, core()->rules()->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(const auto* zi, ZiRulesFor(*rules));
    ASSIGN_OR_RETURN(storage::v1::LkeAssessmentRecord record,
                     lke_.Get(request->fiscal_year(), request->satker_code()));
    ASSIGN_OR_RETURN(*response, LkeResultOf(*zi, rules->numbers(), request->fiscal_year(),
                                            request->satker_code(), record));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ZonaIntegritasService::ImportTpiResults(grpc::CallbackServerContext* context,
                                                                  const v1::ImportTpiResultsRequest* request,
                                                                  v1::ImportTpiResultsResponse* response) {
  return FinishUnary(context, "ImportTpiResults", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(*context, "ImportTpiResults", *request, request->source_document());
    ASSIGN_OR_RETURN(const YearRules* rules, core()->rules()->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(TpiImport import, CheckTpiImport(*rules, *request));
    ASSIGN_OR_RETURN(TpiImportOutcome outcome, lke_.ImportTpi(write, *rules, import));
    response->set_written(outcome.written);
    response->set_unchanged(outcome.unchanged);
    for (const auto& row : import.rows) *response->add_results() = TpiResultOf(*rules, row);
    return absl::OkStatus();
  });
}

}  // namespace lkip::zonaintegritas
