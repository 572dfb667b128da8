// SKM results per satker and year, kept as running sums so that an import updates them and a
// read never rescans the questionnaires; the satker's SKM index is written as the computed
// value of the rule set's SKM measure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/rehabilitasi/skm.h"

namespace lkip::rehabilitasi {

inline constexpr uint8_t kTagSkmAggregate = 0x50;  // [year][province][satker] -> SkmAggregateRecord

// What one import adds to one satker (or, negative, what withdrawing it takes away).
struct SkmDelta {
  std::array<int64_t, kSkmElements> sums{};
  std::array<int64_t, kSkmElements> answered{};
  int64_t questionnaires = 0;
  void Add(const SkmQuestionnaire& q);
  void Remove(const SkmQuestionnaire& q);
};

class SkmStore {
 public:
  SkmStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // Adds the deltas to the stored sums and writes each satker's recomputed computed value;
  // everything goes into `mutation` (committed by the import with its record and audit). A satker
  // left without questionnaires loses its sums and value, one with an element no longer answered
  // its value; DATA_LOSS when a sum would go below zero (a withdrawal of more than was added).
  absl::Status Apply(int fiscal_year, const UnitTree& units, const std::map<std::string, SkmDelta>& deltas,
                     const std::string& provenance, const std::string& actor, Mutation* mutation,
                     std::vector<std::string>* satker_updated);

  // NOT_FOUND when the satker has no questionnaire in the year.
  absl::StatusOr<SkmResult> Get(int fiscal_year, const UnitTree& units, const std::string& satker) const;

 private:
  Store* store_;
  const RuleBook* rules_;
};

// The weight the rule set names (1/9 unless it says 0,11).
SkmWeight SkmWeightOf(const YearRules& rules);

}  // namespace lkip::rehabilitasi
