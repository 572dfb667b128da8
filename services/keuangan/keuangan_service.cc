#include "services/keuangan/keuangan_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"

namespace lkip::keuangan {

grpc::ServerUnaryReactor* KeuanganService::RecordDipa(grpc::CallbackServerContext* context,
                                                      const v1::RecordDipaRequest* request,
                                                      v1::BudgetWriteResponse* response) {
  return FinishUnary(context, "RecordDipa", [&]() -> absl::Status {
    WriteContext write{
        ActorOf(*context), "RecordDipa",
        absl::StrCat(request->satker_code(), " ", request->fiscal_year(), " ", request->dipa_ref())};
    return Deliver(budget_.RecordDipa(write, *request), response);
  });
}

grpc::ServerUnaryReactor* KeuanganService::RecordRealisasi(grpc::CallbackServerContext* context,
                                                           const v1::RecordRealisasiRequest* request,
                                                           v1::BudgetWriteResponse* response) {
  return FinishUnary(context, "RecordRealisasi", [&]() -> absl::Status {
    WriteContext write{
        ActorOf(*context), "RecordRealisasi",
        absl::StrCat(request->satker_code(), " ", request->fiscal_year(), "-", request->month())};
    return Deliver(budget_.RecordRealisasi(write, *request), response);
  });
}

grpc::ServerUnaryReactor* KeuanganService::GetBudgetTables(grpc::CallbackServerContext* context,
                                                           const v1::GetBudgetTablesRequest* request,
                                                           v1::BudgetTables* response) {
  return FinishUnary(context, "GetBudgetTables",
                     [&]() -> absl::Status { return Deliver(budget_.Tables(*request), response); });
}

grpc::ServerUnaryReactor* KeuanganService::ImportBudgetScores(grpc::CallbackServerContext* context,
                                                              const v1::ImportBudgetScoresRequest* request,
                                                              v1::ImportBudgetScoresResponse* response) {
  return FinishUnary(context, "ImportBudgetScores", [&]() -> absl::Status {
    WriteContext write{ActorOf(*context), "ImportBudgetScores", ""};
    return Deliver(scores_.Import(write, *request), response);
  });
}

grpc::ServerUnaryReactor* KeuanganService::GetBudgetScores(grpc::CallbackServerContext* context,
                                                           const v1::GetBudgetScoresRequest* request,
                                                           v1::BudgetScores* response) {
  return FinishUnary(context, "GetBudgetScores",
                     [&]() -> absl::Status { return Deliver(scores_.Get(*request), response); });
}

}  // namespace lkip::keuangan
