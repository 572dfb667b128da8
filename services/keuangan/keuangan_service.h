// gRPC adapter of lkip.keuangan.v1.Keuangan: the shared satker-value RPCs plus DIPA,
// realisasi, the budget tables, and the NKA / IKPA imports.
#pragma once

#include "common/bidang/bidang_service.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "services/keuangan/budget_store.h"
#include "services/keuangan/score_store.h"

namespace lkip::keuangan {

class KeuanganService final : public BidangRecordsService<v1::Keuangan> {
 public:
  explicit KeuanganService(BidangCore* core)
      : BidangRecordsService<v1::Keuangan>(core),
        budget_(core->store()),
        scores_(core->store(), core->rules()) {}

  grpc::ServerUnaryReactor* RecordDipa(grpc::CallbackServerContext* context,
                                       const v1::RecordDipaRequest* request,
                                       v1::BudgetWriteResponse* response) override;
  grpc::ServerUnaryReactor* RecordRealisasi(grpc::CallbackServerContext* context,
                                            const v1::RecordRealisasiRequest* request,
                                            v1::BudgetWriteResponse* response) override;
  grpc::ServerUnaryReactor* GetBudgetTables(grpc::CallbackServerContext* context,
                                            const v1::GetBudgetTablesRequest* request,
                                            v1::BudgetTables* response) override;
  grpc::ServerUnaryReactor* ImportBudgetScores(grpc::CallbackServerContext* context,
                                               const v1::ImportBudgetScoresRequest* request,
                                               v1::ImportBudgetScoresResponse* response) override;
  grpc::ServerUnaryReactor* GetBudgetScores(grpc::CallbackServerContext* context,
                                            const v1::GetBudgetScoresRequest* request,
                                            v1::BudgetScores* response) override;

 private:
  BudgetStore budget_;
  ScoreStore scores_;
};

}  // namespace lkip::keuangan
