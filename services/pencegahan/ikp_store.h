// IKP assessments per institution and the satker IKP computed from them: an import replaces
// the assessments it names and rewrites the satker's computed value of the rule set's IKP
// measure; reading IKK-03 then reads that value, never the assessments.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"
#include "services/pencegahan/ikp.h"

namespace lkip::pencegahan {

inline constexpr uint8_t kTagIkpInstitution = 0x60;  // [year][province][satker][institution]

// A satker's IKP for a year: each institution's value and their mean.
struct IkpYear {
  struct Institution {
    std::string name;
    std::string lingkungan;
    Decimal ikp;
  };
  std::vector<Institution> institutions;  // by name
  Decimal ikp;
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class IkpStore {
 public:
  IkpStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `assessments`: satker -> institution -> the accepted assessment of this import.
  absl::Status Apply(int fiscal_year, const UnitTree& units,
                     const std::map<std::string, std::map<std::string, IkpAssessment>>& assessments,
                     const std::string& import_id, const std::string& source_document,
                     const std::string& actor, Mutation* mutation, std::vector<std::string>* satker_updated);

  // Takes away import `import_id`'s assessments (`institutions`: satker -> names): the one each
  // replaced comes back, one it made first goes; each satker's IKP is recomputed (removed when no
  // institution is left).
  absl::Status Withdraw(int fiscal_year, const UnitTree& units,
                        const std::map<std::string, std::set<std::string>>& institutions,
                        const std::string& import_id, const std::string& provenance, const std::string& actor,
                        Mutation* mutation, std::vector<std::string>* satker_updated);

  // NOT_FOUND when the satker has no assessment in the year.
  absl::StatusOr<IkpYear> Get(int fiscal_year, const UnitTree& units, const std::string& satker) const;

 private:
  absl::StatusOr<std::map<std::string, storage::v1::IkpInstitutionRecord>> Load(
      int year, const std::string& province, const std::string& satker) const;
  // Writes (or, with no institution, removes) the satker's computed IKP.
  absl::Status PutSatkerValue(int fiscal_year, const std::string& province, const std::string& satker,
                              const std::map<std::string, storage::v1::IkpInstitutionRecord>& institutions,
                              const std::string& provenance, const std::string& actor,
                              Mutation* mutation) const;
  Store* store_;
  const RuleBook* rules_;
};

std::string LingkunganName(Lingkungan l);

}  // namespace lkip::pencegahan
