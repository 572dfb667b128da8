// Kawasan rawan records (domain-rules §5.4): the register of areas, their dated status
// history, interventions and IKKR assessments. Each write recomputes what it affects and
// stores it as computed satker values in the same WriteBatch: the counts of the rule set's
// kawasan_transitions (IKK-04), with every transition no count names kept as a finding, and
// the satker IKKR (IKK-05). Reading the indicators never reads these records.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/pencegahan/kawasan_input.h"

namespace lkip::pencegahan {

inline constexpr uint8_t kTagKawasan = 0x62;          // [kawasan_id] -> KawasanRecord
inline constexpr uint8_t kTagKawasanBySatker = 0x63;  // [satker][kawasan_id] -> ""
inline constexpr uint8_t kTagKawasanStatus = 0x64;    // [kawasan_id][date] -> KawasanStatusRecord
inline constexpr uint8_t kTagIntervention = 0x65;     // [kawasan_id][intervention_id] -> InterventionRecord
inline constexpr uint8_t kTagIkkrAssessment = 0x66;   // [kawasan_id][assessment_id] -> IkkrAssessmentRecord

struct KawasanWriteOutcome {
  int written = 0;
  int unchanged = 0;
  std::vector<std::string> satker_updated;  // whose values were recomputed
};

// One area's records: the register entry, its status by date, interventions and IKKR
// assessments by id.
struct KawasanRecords {
  storage::v1::KawasanRecord kawasan;
  std::map<std::string, storage::v1::KawasanStatusRecord> history;
  std::map<std::string, storage::v1::InterventionRecord> interventions;
  std::map<std::string, storage::v1::IkkrAssessmentRecord> assessments;
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
// Each write takes entries as kawasan_input.h checked them, in the request's order (errors name
// their index): NOT_FOUND for a satker not in the tree or a kawasan not registered;
// INVALID_ARGUMENT for a kawasan moved to another satker or a second status on one day.
class KawasanStore {
 public:
  KawasanStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<KawasanWriteOutcome> Register(const WriteContext& context,
                                               const std::vector<KawasanInput>& kawasan);
  absl::StatusOr<KawasanWriteOutcome> RecordStatus(const WriteContext& context,
                                                   const std::vector<StatusChangeInput>& changes);
  absl::StatusOr<KawasanWriteOutcome> RecordInterventions(
      const WriteContext& context, const std::vector<InterventionInput>& interventions);
  absl::StatusOr<KawasanWriteOutcome> RecordIkkr(const WriteContext& context,
                                                 const IkkrAssessmentInput& assessment);

  absl::StatusOr<KawasanRecords> Get(const std::string& kawasan_id) const;
  // The status histories of a satker's areas; NOT_FOUND for a satker not in the tree.
  absl::StatusOr<std::vector<KawasanHistory>> HistoriesOf(const std::string& satker_code) const;

 private:
  // The status history of each of a satker's areas: kawasan -> date -> record.
  using Histories = std::map<std::string, std::map<std::string, storage::v1::KawasanStatusRecord>>;
  // Each area's IKKR assessments: kawasan -> assessment id -> record.
  using Assessments = std::map<std::string, std::map<std::string, storage::v1::IkkrAssessmentRecord>>;
  // Each area's interventions: kawasan -> intervention id -> record.
  using Interventions = std::map<std::string, std::map<std::string, storage::v1::InterventionRecord>>;

  absl::StatusOr<std::optional<storage::v1::KawasanRecord>> FindKawasan(const std::string& id) const;
  absl::StatusOr<std::vector<std::string>> KawasanOf(const std::string& satker) const;
  absl::StatusOr<Histories> LoadHistories(const std::string& satker) const;
  absl::StatusOr<Assessments> LoadAssessments(const std::string& satker) const;
  absl::StatusOr<Interventions> LoadInterventions(const std::string& satker) const;

  // Adds the transition counts of `satker` for `year` to the mutation, with the transitions no
  // count names as findings, when the year's rule set names kawasan transitions.
  absl::Status PutTransitionCounts(const UnitTree& units, const std::string& satker, int year,
                                   const Histories& histories, const std::string& actor,
                                   Mutation* mutation) const;
  // Adds the satker's IKKR for `year` to the mutation, with the interventions held that year in
  // the kawasan assessed as its parts.
  absl::Status PutIkkr(const UnitTree& units, const std::string& satker, int year,
                       const Assessments& assessments, const Interventions& interventions,
                       const std::string& actor, Mutation* mutation) const;

  Store* store_;
  const RuleBook* rules_;
  // Serialises writers: every write reads the records it recomputes from.
  WriteSerializer writes_;
};

}  // namespace lkip::pencegahan
