#include "services/keuangan/keuangan_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"

namespace lkip::keuangan {
namespace {

absl::Status DeliverBudgetWrite(BudgetWriteOutcome outcome, v1::BudgetWriteResponse* response) {
  response->set_unchanged(outcome.unchanged);
  for (auto& f : outcome.findings) *response->add_findings() = std::move(f);
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* KeuanganService::RecordDipa(grpc::CallbackServerContext* context,
                                                      const v1::RecordDipaRequest* request,
                                                      v1::BudgetWriteResponse* response) {
  return FinishUnary(context, "RecordDipa", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(
        *context, "RecordDipa", *request,
        absl::StrCat(request->satker_code(), " ", request->fiscal_year(), " ", request->dipa_ref()));
    ASSIGN_OR_RETURN(const auto* rules, BudgetRulesFor(*core()->rules(), request->fiscal_year()));
    ASSIGN_OR_RETURN(DipaInput dipa, CheckDipa(*rules, *request));
    ASSIGN_OR_RETURN(BudgetWriteOutcome outcome, budget_.RecordDipa(write, *rules, dipa));
    return DeliverBudgetWrite(std::move(outcome), response);
  });
}

grpc::ServerUnaryReactor* KeuanganService::RecordRealisasi(grpc::CallbackServerContext* context,
                                                           const v1::RecordRealisasiRequest* request,
                                                           v1::BudgetWriteResponse* response) {
  return FinishUnary(context, "RecordRealisasi", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(
        *context, "RecordRealisasi", *request,
        absl::StrCat(request->satker_code(), " ", request->fiscal_year(), "-", request->month()));
    ASSIGN_OR_RETURN(const auto* rules, BudgetRulesFor(*core()->rules(), request->fiscal_year()));
    ASSIGN_OR_RETURN(RealisasiInput realisasi, CheckRealisasi(*rules, *request));
    ASSIGN_OR_RETURN(BudgetWriteOutcome outcome, budget_.RecordRealisasi(write, *rules, realisasi));
    return DeliverBudgetWrite(std::move(outcome), response);
  });
}

grpc::ServerUnaryReactor* KeuanganService::GetBudgetTables(grpc::CallbackServerContext* context,
                                                           const v1::GetBudgetTablesRequest* request,
                                                           v1::BudgetTables* response) {
  return FinishUnary(context, "GetBudgetTables", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const auto* rules, BudgetRulesFor(*core()->rules(), request->fiscal_year()));
    ASSIGN_OR_RETURN(const int through, ThroughMonth(request->through_month()));
    ASSIGN_OR_RETURN(std::vector<SatkerBudget> satker,
                     budget_.Province(request->fiscal_year(), request->province_code()));
    *response = BuildBudgetTables(*rules, satker, through);
    response->set_fiscal_year(request->fiscal_year());
    response->set_province_code(request->province_code());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* KeuanganService::ImportBudgetScores(grpc::CallbackServerContext* context,
                                                              const v1::ImportBudgetScoresRequest* request,
                                                              v1::ImportBudgetScoresResponse* response) {
  return FinishUnary(context, "ImportBudgetScores", *request, [&]() -> absl::Status {
    WriteContext write = MakeWriteContext(*context, "ImportBudgetScores", *request, "");
    ASSIGN_OR_RETURN(const YearRules* rules, core()->rules()->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(ScoreImport import, CheckScoreImport(*request, *rules));
    ASSIGN_OR_RETURN(ScoreImportOutcome outcome, scores_.Import(write, import));
    response->set_written(outcome.written);
    response->set_unchanged(outcome.unchanged);
    for (auto& f : outcome.findings) *response->add_findings() = std::move(f);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* KeuanganService::GetBudgetScores(grpc::CallbackServerContext* context,
                                                           const v1::GetBudgetScoresRequest* request,
                                                           v1::BudgetScores* response) {
  return FinishUnary(context, "GetBudgetScores", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(ScoreTable table,
                     scores_.Get(request->fiscal_year(), request->kind(), request->province_code()));
    response->set_fiscal_year(request->fiscal_year());
    response->set_kind(request->kind());
    response->set_regulation(table.regulation);
    for (auto& row : table.rows) {
      auto* s = response->add_scores();
      s->set_satker_code(row.satker_code);
      s->set_satker_name(row.satker_name);
      s->mutable_published()->set_value(row.record.value());
      if (row.recomputed) {
        s->mutable_recomputed()->set_value(row.record.recomputed());
        s->mutable_difference()->set_value((*row.recomputed - row.published).ToExactString());
      }
      s->set_category(row.category);
      s->set_source(static_cast<v1::ScoreSource>(row.record.source()));
      s->set_source_document(row.record.source_document());
      for (auto& f : row.findings) *s->add_findings() = std::move(f);
    }
    return absl::OkStatus();
  });
}

}  // namespace lkip::keuangan
