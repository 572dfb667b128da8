// DIPA pagu and monthly realisasi per satker (domain-rules §8.1), and the budget tables read
// from them. Keys carry the province after the year, so a province's tables are two range
// scans and never touch another province's rows.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "services/keuangan/budget_table.h"

namespace lkip::keuangan {

inline constexpr uint8_t kTagDipa = 0x80;       // [year][province][satker] -> DipaRecord
inline constexpr uint8_t kTagRealisasi = 0x81;  // [year][province][satker][month] -> RealisasiMonthRecord

class BudgetStore {
 public:
  BudgetStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<v1::BudgetWriteResponse> RecordDipa(const WriteContext& context,
                                                     const v1::RecordDipaRequest& request);
  absl::StatusOr<v1::BudgetWriteResponse> RecordRealisasi(const WriteContext& context,
                                                          const v1::RecordRealisasiRequest& request);
  absl::StatusOr<v1::BudgetTables> Tables(const v1::GetBudgetTablesRequest& request) const;

 private:
  // Writes `value` under `key` unless it is already there, then reports the satker's lines
  // above pagu.
  absl::StatusOr<v1::BudgetWriteResponse> WriteAndReport(const WriteContext& context,
                                                         const rules::v1::BudgetRules& rules,
                                                         const UnitTree& units, int year,
                                                         const std::string& satker, const std::string& key,
                                                         const std::string& value);
  absl::StatusOr<SatkerBudget> LoadSatker(int year, const std::string& province,
                                          const std::string& satker) const;

  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;  // a realisasi write checks the DIPA it was read against
};

}  // namespace lkip::keuangan
