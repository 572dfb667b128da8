// NKA and IKPA as published (SMART, OM-SPAN) per satker and year, with the components they
// came from (domain-rules §8.2, §8.3). The published value is recorded as the satker value of
// the rule's measure (what IKK-15..18 use); the recomputation from components is the computed
// value beside it, and a difference beyond the rule's tolerance is a finding on it.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/keuangan/v1/keuangan.pb.h"

namespace lkip::keuangan {

inline constexpr uint8_t kTagBudgetScore = 0x82;  // [year][kind][province][satker] -> BudgetScoreRecord

class ScoreStore {
 public:
  ScoreStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<v1::ImportBudgetScoresResponse> Import(const WriteContext& context,
                                                        const v1::ImportBudgetScoresRequest& request);
  absl::StatusOr<v1::BudgetScores> Get(const v1::GetBudgetScoresRequest& request) const;

 private:
  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::keuangan
