// The detainee register and its incidents (domain-rules §7.2). Every write recomputes, for
// each year the written custody periods and incidents touch, the satker's value by the rule
// set's formula (default N = 100 / (1 + a + b + c), unverified), stored as the computed value
// of instruments.detainee_measure. A satker with no detainee held in a year has no value.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "services/pemberantasan/detainee.h"

namespace lkip::pemberantasan {

inline constexpr uint8_t kTagDetainee = 0x72;  // [detainee_ref] -> DetaineeRecord
inline constexpr uint8_t kTagDetaineeIncident =
    0x73;  // [detainee_ref][incident_id] -> DetaineeIncidentRecord
inline constexpr uint8_t kTagDetaineeBySatker = 0x74;  // [satker][detainee_ref] -> ""

struct DetaineeWriteOutcome {
  int written = 0;
  int unchanged = 0;
  std::vector<std::string> satker_updated;  // whose values were recomputed
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class DetaineeStore {
 public:
  DetaineeStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // The entries as CheckDetainees / CheckIncidents made them, in the request's order (errors
  // name their index). NOT_FOUND for a satker not in the tree or a detainee not registered;
  // INVALID_ARGUMENT for a detainee moved to another satker or an incident outside custody.
  absl::StatusOr<DetaineeWriteOutcome> RecordDetainees(const WriteContext& context,
                                                       const std::vector<DetaineeInput>& detainees);
  absl::StatusOr<DetaineeWriteOutcome> RecordIncidents(const WriteContext& context,
                                                       const std::vector<IncidentInput>& incidents);
  // NOT_FOUND for a satker not in the tree or one that held nobody in the year.
  absl::StatusOr<DetaineeYear> Get(const std::string& satker_code, int fiscal_year) const;

 private:
  // The result of a satker's year, reading the store with `pending` (key -> value) laid over it.
  absl::StatusOr<DetaineeYear> Compute(const std::string& satker, int year,
                                       const std::map<std::string, std::string>& pending) const;
  absl::Status PutValues(const UnitTree& units, const std::map<std::string, std::set<int>>& years,
                         const std::map<std::string, std::string>& pending, const std::string& actor,
                         Mutation* mutation) const;
  // Writes `pending` with the recomputed values of `years` (satker -> years) in one batch.
  absl::Status CommitWithValues(const WriteContext& context, const UnitTree& units,
                                const std::map<std::string, std::set<int>>& years,
                                const std::map<std::string, std::string>& pending,
                                DetaineeWriteOutcome* outcome);

  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::pemberantasan
