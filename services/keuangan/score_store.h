// NKA and IKPA as published (SMART, OM-SPAN) per satker and year, with the components they
// came from (domain-rules §8.2, §8.3). The published value is recorded as the satker value of
// the rule's measure (what IKK-15..18 use); the recomputation from components is the computed
// value beside it, and a difference beyond the rule's tolerance is a finding on it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/keuangan/score_import.h"

namespace lkip::keuangan {

inline constexpr uint8_t kTagBudgetScore = 0x82;  // [year][kind][province][satker] -> BudgetScoreRecord

struct ScoreImportOutcome {
  int written = 0;
  int unchanged = 0;
  std::vector<common::v1::Finding> findings;  // recomputations that differ
};

// One satker's stored score.
struct ScoreRow {
  std::string satker_code, satker_name;
  storage::v1::BudgetScoreRecord record;
  Decimal published;
  std::optional<Decimal> recomputed;  // without components: none
  std::string category;               // of the published value; empty when no band holds it
  std::vector<common::v1::Finding> findings;
};

struct ScoreTable {
  std::string regulation;      // of the recomputation, from the rule set
  std::vector<ScoreRow> rows;  // in unit-tree order, satker with a score only
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class ScoreStore {
 public:
  ScoreStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `import` as CheckScoreImport made it. NOT_FOUND naming the field for a satker not in the
  // unit tree; nothing is written then.
  absl::StatusOr<ScoreImportOutcome> Import(const WriteContext& context, const ScoreImport& import);
  absl::StatusOr<ScoreTable> Get(int fiscal_year, v1::ScoreKind kind, const std::string& province_code) const;

 private:
  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::keuangan
