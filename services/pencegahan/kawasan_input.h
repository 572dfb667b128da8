// The kawasan rawan register's writes (domain-rules §5.4) checked before the store sees them,
// and what its records mean: a year's transitions against the rule set's definitions, the IKKR
// of an assessment and the status it implies. Pure: no I/O; the store checks satker codes
// against the unit tree and kawasan ids against the register.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_book.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/pencegahan/v1/pencegahan.pb.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/pencegahan/kawasan.h"

namespace lkip::pencegahan {

struct KawasanInput {
  std::string kawasan_id;
  storage::v1::KawasanRecord record;  // satker and name
};

struct StatusChangeInput {
  std::string kawasan_id;
  std::string date;  // YYYY-MM-DD
  storage::v1::KawasanStatusRecord record;
};

struct InterventionInput {
  std::string kawasan_id;
  std::string intervention_id;
  storage::v1::InterventionRecord record;
};

struct IkkrAssessmentInput {
  std::string kawasan_id;
  std::string assessment_id;
  storage::v1::IkkrAssessmentRecord record;
};

// INVALID_ARGUMENT naming the entry's field and its value ("changes[2].status: ...").
absl::StatusOr<std::vector<KawasanInput>> CheckKawasan(const v1::RegisterKawasanRequest& request);
absl::StatusOr<std::vector<StatusChangeInput>> CheckStatusChanges(
    const v1::RecordKawasanStatusRequest& request);
absl::StatusOr<std::vector<InterventionInput>> CheckInterventions(
    const v1::RecordInterventionsRequest& request);
absl::StatusOr<IkkrAssessmentInput> CheckIkkrAssessment(const v1::RecordIkkrAssessmentRequest& request);
// A kawasan id: 1..64 of [A-Za-z0-9._-].
absl::Status CheckKawasanId(const std::string& path, const std::string& id);

// The transitions of a year, which of the rule set's kawasan_transitions counts each, and a
// finding for each that none counts.
struct TransitionEvaluation {
  std::vector<v1::KawasanTransition> transitions;
  std::map<std::string, std::set<std::string>> counted;  // measure -> kawasan counted
  std::vector<common::v1::Finding> findings;
};
TransitionEvaluation EvaluateTransitions(const YearRules& rules, const std::string& satker,
                                         const std::vector<KawasanHistory>& histories, int year);

// The IKKR of one assessment, with its aspect means.
struct IkkrOutcome {
  Decimal ikkr;
  std::vector<Decimal> aspect_means;
};
absl::StatusOr<IkkrOutcome> EvaluateAssessment(const storage::v1::IkkrAssessmentRecord& record);

// What the interventions in the assessed kawasan add up to, printed as the parts of the
// satker's IKKR: their participants, and the mean of each training survey over the
// interventions that measured it (none: unset).
struct InterventionTotals {
  long participants_male = 0;
  long participants_female = 0;
  std::optional<Decimal> satisfaction_index;
  std::optional<Decimal> entrepreneurship_score;
};
absl::StatusOr<InterventionTotals> SumInterventions(
    const std::vector<storage::v1::InterventionRecord>& interventions);

// The status label the year's IKKR categories give `ikkr`; empty without such a category.
std::string ImpliedStatus(const RuleBook& book, int year, const Decimal& ikkr);

}  // namespace lkip::pencegahan
