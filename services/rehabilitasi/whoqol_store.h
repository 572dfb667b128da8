// WHOQOL-BREF assessments per client (pseudonymous) and year, and each satker's percentage of
// improved clients computed from them: an import rewrites the clients it touches and the
// satker's computed value of the rule set's WHOQOL measure; reading IKK-06 reads that value.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/rehabilitasi/whoqol.h"

namespace lkip::rehabilitasi {

inline constexpr uint8_t kTagWhoqolClient = 0x51;  // [year][province][satker][client] -> WhoqolClientRecord

storage::v1::WhoqolAssessmentRecord ToRecord(const std::string& date, const WhoqolScores& scores,
                                             const std::string& import_id);

// Lays an after-rehabilitation form on a client's record: the latest-dated one is `after`, the
// others wait in `other_after` (withdrawing the latest brings the next back). A form of the same
// date as one the record holds is not laid: that form is returned.
std::optional<storage::v1::WhoqolAssessmentRecord> AddAfterForm(
    storage::v1::WhoqolClientRecord* record, const storage::v1::WhoqolAssessmentRecord& form);

// Takes away what import `import_id` laid on the record (its intake, its after forms); the latest
// remaining after form counts. False when the record holds nothing any more.
bool RemoveImportForms(storage::v1::WhoqolClientRecord* record, const std::string& import_id);

// A satker's WHOQOL for a year: how many clients were assessed and how many improved.
struct WhoqolYear {
  int64_t clients_assessed = 0;  // with any assessment
  ImprovementResult improvement;
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class WhoqolStore {
 public:
  WhoqolStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<std::optional<storage::v1::WhoqolClientRecord>> FindClient(int year,
                                                                            const std::string& province,
                                                                            const std::string& satker,
                                                                            const std::string& client) const;

  // `clients`: satker -> client -> the record as import `import_id` made it from what was stored
  // when its rows arrived. Called when the import commits (commits take turns): each client's
  // forms of this import are laid on the record stored now, the rules (one intake per client, one
  // after form per date) checked again; ABORTED naming the client when another import committed
  // a conflicting form in between.
  absl::Status Apply(
      int fiscal_year, const UnitTree& units,
      const std::map<std::string, std::map<std::string, storage::v1::WhoqolClientRecord>>& clients,
      const std::string& import_id, const std::string& source_document, const std::string& actor,
      Mutation* mutation, std::vector<std::string>* satker_updated);

  // Takes away import `import_id`'s forms from its `clients` (satker -> client refs) and
  // recomputes each satker's value (removed when no client pair is left).
  absl::Status Withdraw(int fiscal_year, const UnitTree& units,
                        const std::map<std::string, std::set<std::string>>& clients,
                        const std::string& import_id, const std::string& provenance, const std::string& actor,
                        Mutation* mutation, std::vector<std::string>* satker_updated);

  // NOT_FOUND when the satker has no assessment in the year.
  absl::StatusOr<WhoqolYear> Get(int fiscal_year, const UnitTree& units, const std::string& satker) const;

 private:
  absl::StatusOr<std::map<std::string, storage::v1::WhoqolClientRecord>> Load(
      int year, const std::string& province, const std::string& satker) const;
  // Writes (or, without a result, removes) the satker's computed value from all its clients.
  absl::Status PutSatkerValue(int fiscal_year, const std::string& province, const std::string& satker,
                              const std::map<std::string, storage::v1::WhoqolClientRecord>& clients,
                              const std::string& provenance, const std::string& actor,
                              Mutation* mutation) const;
  Store* store_;
  const RuleBook* rules_;
};

}  // namespace lkip::rehabilitasi
