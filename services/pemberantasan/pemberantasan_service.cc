#include "services/pemberantasan/pemberantasan_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/macros.h"
#include "common/validation/date.h"
#include "services/pemberantasan/case_file.h"
#include "services/pemberantasan/evidence.h"

namespace lkip::pemberantasan {
namespace {

v1::CaseFile ToCaseFile(const std::string& satker, const std::string& ref,
                        const storage::v1::CaseFileRecord& r) {
  v1::CaseFile out;
  out.set_satker_code(satker);
  out.set_case_ref(ref);
  for (const auto& s : r.stages()) {
    auto* e = out.add_stages();
    e->set_stage(static_cast<v1::CaseStage>(s.stage()));
    *e->mutable_date() = DateFromIso(s.date());
    e->set_document_ref(s.document_ref());
  }
  *out.mutable_p21_date() = DateFromIso(r.p21_date());
  return out;
}

absl::Status DeliverDetaineeWrite(DetaineeWriteOutcome outcome, v1::DetaineeWriteResponse* response) {
  response->set_written(outcome.written);
  response->set_unchanged(outcome.unchanged);
  for (auto& s : outcome.satker_updated) response->add_satker_updated(std::move(s));
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* PemberantasanService::RecordCaseStage(grpc::CallbackServerContext* context,
                                                                const v1::RecordCaseStageRequest* request,
                                                                v1::RecordCaseStageResponse* response) {
  return FinishUnary(context, "RecordCaseStage", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::string date, CheckRecordDate("date", request->date()));
    WriteContext write =
        MakeWriteContext(*context, "RecordCaseStage", *request,
                         absl::StrCat(request->case_ref(), " ", StageName(request->stage()), " ", date));
    ASSIGN_OR_RETURN(StageOutcome outcome, cases_.RecordStage(write, StageInput{request->satker_code(),
                                                                                request->case_ref(),
                                                                                {request->stage(), date},
                                                                                request->document_ref()}));
    response->set_unchanged(outcome.unchanged);
    response->set_current_stage(outcome.current_stage);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PemberantasanService::GetCaseFile(grpc::CallbackServerContext* context,
                                                            const v1::GetCaseFileRequest* request,
                                                            v1::CaseFile* response) {
  return FinishUnary(context, "GetCaseFile", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(storage::v1::CaseFileRecord file,
                     cases_.Get(request->satker_code(), request->case_ref()));
    *response = ToCaseFile(request->satker_code(), request->case_ref(), file);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PemberantasanService::ListP21Files(grpc::CallbackServerContext* context,
                                                             const v1::ListP21FilesRequest* request,
                                                             v1::ListP21FilesResponse* response) {
  return FinishUnary(context, "ListP21Files", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(CaseFilePage page, cases_.ListP21(request->satker_code(), request->fiscal_year(),
                                                       request->page_size(), request->page_token()));
    for (const auto& [ref, file] : page.files)
      *response->add_files() = ToCaseFile(request->satker_code(), ref, file);
    response->set_next_page_token(std::move(page.next_page_token));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PemberantasanService::RecordDetainees(grpc::CallbackServerContext* context,
                                                                const v1::RecordDetaineesRequest* request,
                                                                v1::DetaineeWriteResponse* response) {
  return FinishUnary(context, "RecordDetainees", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(*context, "RecordDetainees", *request,
                                          absl::StrCat(request->detainees_size(), " detainees"));
    ASSIGN_OR_RETURN(std::vector<DetaineeInput> detainees, CheckDetainees(*request));
    ASSIGN_OR_RETURN(DetaineeWriteOutcome outcome, detainees_.RecordDetainees(write, detainees));
    return DeliverDetaineeWrite(std::move(outcome), response);
  });
}

grpc::ServerUnaryReactor* PemberantasanService::RecordDetaineeIncidents(
    grpc::CallbackServerContext* context, const v1::RecordDetaineeIncidentsRequest* request,
    v1::DetaineeWriteResponse* response) {
  return FinishUnary(context, "RecordDetaineeIncidents", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(*context, "RecordDetaineeIncidents", *request,
                                          absl::StrCat(request->incidents_size(), " incidents"));
    ASSIGN_OR_RETURN(std::vector<IncidentInput> incidents, CheckIncidents(*request));
    ASSIGN_OR_RETURN(DetaineeWriteOutcome outcome, detainees_.RecordIncidents(write, incidents));
    return DeliverDetaineeWrite(std::move(outcome), response);
  });
}

grpc::ServerUnaryReactor* PemberantasanService::GetDetaineeResult(grpc::CallbackServerContext* context,
                                                                  const v1::GetDetaineeResultRequest* request,
                                                                  v1::DetaineeResult* response) {
  return FinishUnary(context, "GetDetaineeResult", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(DetaineeYear year, detainees_.Get(request->satker_code(), request->fiscal_year()));
    response->set_fiscal_year(request->fiscal_year());
    response->set_satker_code(request->satker_code());
    response->set_detainees_held(year.held);
    response->set_escapes(year.escapes);
    response->set_fight_injuries_or_deaths(year.fight_injuries_or_deaths);
    response->set_negligence_deaths(year.negligence_deaths);
    response->mutable_value()->set_value(year.Value().ToExactString());
    response->set_formula(DetaineeYear::kFormula);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PemberantasanService::RecordBeritaAcara(grpc::CallbackServerContext* context,
                                                                  const v1::RecordBeritaAcaraRequest* request,
                                                                  v1::RecordBeritaAcaraResponse* response) {
  return FinishUnary(context, "RecordBeritaAcara", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(*context, "RecordBeritaAcara", *request,
                                          absl::StrCat("BA ", request->berita_acara().ba_ref()));
    ASSIGN_OR_RETURN(BeritaAcaraInput ba, CheckBeritaAcara(request->berita_acara()));
    ASSIGN_OR_RETURN(BeritaAcaraOutcome outcome, evidence_.Record(write, ba));
    response->set_unchanged(outcome.unchanged);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PemberantasanService::GetEvidenceResult(grpc::CallbackServerContext* context,
                                                                  const v1::GetEvidenceResultRequest* request,
                                                                  v1::EvidenceResult* response) {
  return FinishUnary(context, "GetEvidenceResult", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(EvidenceYear year, evidence_.Get(request->satker_code(), request->fiscal_year()));
    response->set_fiscal_year(request->fiscal_year());
    response->set_satker_code(request->satker_code());
    for (const auto& p : year.pairs) {
      auto* pair = response->add_pairs();
      pair->set_penitipan_ref(p.penitipan_ref);
      pair->set_pengeluaran_ref(p.pengeluaran_ref);
      *pair->mutable_pengeluaran_date() = DateFromIso(p.pengeluaran_date);
      pair->set_matches(p.differences.empty());
      for (const auto& d : p.differences)
        *pair->add_differences() = DifferenceFinding(p.penitipan_ref, p.pengeluaran_ref, d);
    }
    response->set_available(year.value.has_value());
    if (year.value) response->mutable_value()->set_value(year.value->ToExactString());
    return absl::OkStatus();
  });
}

}  // namespace lkip::pemberantasan
