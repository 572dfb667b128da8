// IKP assessments per institution and the satker IKP computed from them: an import replaces
// the assessments it names and rewrites the satker's computed value of the rule set's IKP
// measure; reading IKK-03 then reads that value, never the assessments.
#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"
#include "lkip/indicator/v1/indicator.pb.h"
#include "lkip/pencegahan/v1/pencegahan.pb.h"
#include "services/pencegahan/ikp.h"

namespace lkip::pencegahan {

inline constexpr uint8_t kTagIkpInstitution = 0x60;  // [year][province][satker][institution]

class IkpStore {
 public:
  IkpStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `assessments`: satker -> institution -> the accepted assessment of this import.
  absl::Status Apply(int fiscal_year, const UnitTree& units,
                     const std::map<std::string, std::map<std::string, IkpAssessment>>& assessments,
                     const std::string& import_id, const std::string& source_document,
                     const std::string& actor, Mutation* mutation, indicator::v1::ImportResult* result);

  // NOT_FOUND when the satker has no assessment in the year.
  absl::StatusOr<v1::IkpResult> Get(int fiscal_year, const UnitTree& units, const std::string& satker) const;

 private:
  absl::StatusOr<std::map<std::string, storage::v1::IkpInstitutionRecord>> Load(
      int year, const std::string& province, const std::string& satker) const;
  Store* store_;
  const RuleBook* rules_;
};

std::string LingkunganName(Lingkungan l);

}  // namespace lkip::pencegahan
