// The Perjanjian Kinerja the aggregator holds: one per fiscal year and province, validated
// against the rule set of its year and the unit tree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "lkip/aggregator/v1/aggregator.pb.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagPerjanjianKinerja = 0x20;

// Checks a PK; fills each indicator's `service` from the rule set when it is empty. Paths in
// errors are prefixed with `path` ("perjanjian_kinerja").
absl::Status ValidatePerjanjianKinerja(const YearRules& rules, const UnitTree& units,
                                       aggregator::v1::PerjanjianKinerja* pk, std::string_view path);

class PkStore {
 public:
  PkStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // Returns whether anything changed (an identical PK is not rewritten).
  absl::StatusOr<bool> Put(const WriteContext& context, aggregator::v1::PerjanjianKinerja pk);
  // NOT_FOUND when none is stored.
  absl::StatusOr<aggregator::v1::PerjanjianKinerja> Get(int fiscal_year, std::string_view province) const;
  // The IKK codes of the stored PK, in its order; FAILED_PRECONDITION when none is stored, saying
  // the PK must come before `what` (the texts, the comparisons) that refer to its IKK.
  absl::StatusOr<std::vector<std::string>> IndicatorCodes(int fiscal_year, std::string_view province,
                                                          std::string_view what) const;

 private:
  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;  // the compare-with-stored step sees the state the write replaces
};

}  // namespace lkip::aggregator
