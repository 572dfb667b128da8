// The detainee register and its incidents (domain-rules §7.2). Every write recomputes, for
// each year the written custody periods and incidents touch, the satker's value by the rule
// set's formula (default N = 100 / (1 + a + b + c), unverified), stored as the computed value
// of instruments.detainee_measure. A satker with no detainee held in a year has no value.
#pragma once

#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "lkip/pemberantasan/v1/pemberantasan.pb.h"

namespace lkip::pemberantasan {

inline constexpr uint8_t kTagDetainee = 0x72;  // [detainee_ref] -> DetaineeRecord
inline constexpr uint8_t kTagDetaineeIncident =
    0x73;  // [detainee_ref][incident_id] -> DetaineeIncidentRecord
inline constexpr uint8_t kTagDetaineeBySatker = 0x74;  // [satker][detainee_ref] -> ""

class DetaineeStore {
 public:
  DetaineeStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<v1::DetaineeWriteResponse> RecordDetainees(const WriteContext& context,
                                                            const v1::RecordDetaineesRequest& request);
  absl::StatusOr<v1::DetaineeWriteResponse> RecordIncidents(
      const WriteContext& context, const v1::RecordDetaineeIncidentsRequest& request);
  absl::StatusOr<v1::DetaineeResult> Get(const v1::GetDetaineeResultRequest& request) const;

 private:
  // The result of a satker's year, reading the store with `pending` (key -> value) laid over it.
  absl::StatusOr<v1::DetaineeResult> Compute(const std::string& satker, int year,
                                             const std::map<std::string, std::string>& pending) const;
  absl::Status PutValues(const UnitTree& units, const std::map<std::string, std::set<int>>& years,
                         const std::map<std::string, std::string>& pending, const std::string& actor,
                         Mutation* mutation) const;
  // Writes `pending` with the recomputed values of `years` (satker -> years) in one batch.
  absl::Status CommitWithValues(const WriteContext& context, const UnitTree& units,
                                const std::map<std::string, std::set<int>>& years,
                                const std::map<std::string, std::string>& pending,
                                v1::DetaineeWriteResponse* response);

  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::pemberantasan
