// DIPA pagu and monthly realisasi per satker (domain-rules §8.1), and the budget tables read
// from them. Keys carry the province after the year, so a province's tables are two range
// scans and never touch another province's rows.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "services/keuangan/budget_input.h"
#include "services/keuangan/budget_table.h"

namespace lkip::keuangan {

inline constexpr uint8_t kTagDipa = 0x80;       // [year][province][satker] -> DipaRecord
inline constexpr uint8_t kTagRealisasi = 0x81;  // [year][province][satker][month] -> RealisasiMonthRecord

// What a DIPA or realisasi write did.
struct BudgetWriteOutcome {
  bool unchanged = false;                     // the same record was already there
  std::vector<common::v1::Finding> findings;  // the satker's lines above pagu, after the write
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class BudgetStore {
 public:
  explicit BudgetStore(Store* store) : store_(store) {}

  // `in` as CheckDipa / CheckRealisasi made it with `rules` of its year. NOT_FOUND naming
  // satker_code for a satker not in the unit tree; a realisasi also FAILED_PRECONDITION without
  // the satker's DIPA, and INVALID_ARGUMENT naming the line that is not in it.
  absl::StatusOr<BudgetWriteOutcome> RecordDipa(const WriteContext& context,
                                                const rules::v1::BudgetRules& rules, const DipaInput& in);
  absl::StatusOr<BudgetWriteOutcome> RecordRealisasi(const WriteContext& context,
                                                     const rules::v1::BudgetRules& rules,
                                                     const RealisasiInput& in);
  // Every satker of the province in unit-tree order, with its DIPA and realisasi of the year.
  absl::StatusOr<std::vector<SatkerBudget>> Province(int fiscal_year, const std::string& province_code) const;

 private:
  // Writes `value` under `key` unless it is already there, then reports the satker's lines
  // above pagu.
  absl::StatusOr<BudgetWriteOutcome> WriteAndReport(const WriteContext& context,
                                                    const rules::v1::BudgetRules& rules,
                                                    const UnitTree& units, int year,
                                                    const std::string& satker, const std::string& key,
                                                    const std::string& value);
  absl::StatusOr<SatkerBudget> LoadSatker(int year, const std::string& province,
                                          const std::string& satker) const;

  Store* store_;
  WriteSerializer writes_;  // a realisasi write checks the DIPA it was read against
};

}  // namespace lkip::keuangan
