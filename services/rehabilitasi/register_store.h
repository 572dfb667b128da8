// The registers of domain-rules §6.3 (trained IBM officers, certified rehabilitation officers,
// institutions meeting SPM, operating IBM units): one entry per person, institution or unit with
// the date it qualified. An import replaces the entries it names; each (register, year, satker)
// it touches gets its count rewritten as the computed value of the register's measure, so
// reading IKK-07..10 never reads the entries.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::rehabilitasi {

inline constexpr uint8_t kTagRegisterEntry = 0x52;  // [measure][entry_ref] -> RegisterEntryRecord
inline constexpr uint8_t kTagRegisterIndex = 0x53;  // [measure][year][satker][entry_ref] -> ""

// One page of a register's entries, by satker and then entry ref.
struct RegisterEntryPage {
  struct Entry {
    std::string satker_code;
    std::string entry_ref;
    storage::v1::RegisterEntryRecord record;
  };
  std::vector<Entry> entries;
  std::string next_page_token;  // empty on the last page
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class RegisterStore {
 public:
  RegisterStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `entries`: (measure, entry_ref) -> the accepted entry of this import.
  absl::Status Apply(
      const UnitTree& units,
      const std::map<std::pair<std::string, std::string>, storage::v1::RegisterEntryRecord>& entries,
      const std::string& source_document, const std::string& actor, Mutation* mutation,
      std::vector<std::string>* satker_updated);

  // Takes away import `import_id`'s entries (`entries`: measure and entry ref): the entry it
  // replaced comes back, an entry it created goes; the counts of the satker and years touched are
  // recomputed (removed when none is left).
  absl::Status Withdraw(const UnitTree& units, const std::set<std::pair<std::string, std::string>>& entries,
                        const std::string& import_id, const std::string& provenance, const std::string& actor,
                        Mutation* mutation, std::vector<std::string>* satker_updated);

  // The entries of `measure` that qualified in `fiscal_year`, of one satker or (empty code) of
  // every satker. INVALID_ARGUMENT for a measure no rule set names as a register or a bad page
  // size; NOT_FOUND for a satker not in the tree; DATA_LOSS for an index naming a missing entry.
  absl::StatusOr<RegisterEntryPage> List(const UnitTree& units, int fiscal_year, const std::string& measure,
                                         const std::string& satker_code, int page_size,
                                         const std::string& page_token) const;

 private:
  // (measure, year, satker) -> entry refs added to / removed from its index by one request.
  using Group = std::tuple<std::string, int, std::string>;
  using GroupRefs = std::map<Group, std::set<std::string>>;
  // Rewrites the count of every group touched; `drop_empty`: a group left without entries loses
  // its value rather than counting 0.
  absl::Status Recount(const UnitTree& units, GroupRefs& added, GroupRefs& removed, bool drop_empty,
                       const std::string& provenance, const std::string& actor, Mutation* mutation,
                       std::vector<std::string>* satker_updated) const;
  Store* store_;
  const RuleBook* rules_;
};

}  // namespace lkip::rehabilitasi
