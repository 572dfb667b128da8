// Evidence BA chains (domain-rules §7.3): a BA penitipan, its lawful-shrinkage BAs and its BA
// pengeluaran, kept as one record per penitipan. A release recomputes the satker's value for
// the year of its date, N = sum a_i / y x 100 over the pairs released that year, stored as the
// computed value of instruments.evidence_measure; a year without a release has no value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/pemberantasan/evidence.h"

namespace lkip::pemberantasan {

inline constexpr uint8_t kTagEvidenceChain = 0x75;  // [satker][penitipan_ref] -> EvidenceChainRecord

// One pair released in the year: its BAs and what differs (empty: it matches, a_i = 1).
struct EvidencePair {
  std::string penitipan_ref, pengeluaran_ref, pengeluaran_date;
  std::vector<ItemDifference> differences;
};

// A satker's evidence result for a year.
struct EvidenceYear {
  std::vector<EvidencePair> pairs;
  std::optional<Decimal> value;  // sum a_i / y x 100; none when no pair was released in the year
};

struct BeritaAcaraOutcome {
  bool unchanged = false;  // the same BA was already recorded
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages.
class EvidenceStore {
 public:
  EvidenceStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // `ba` as CheckBeritaAcara made it. INVALID_ARGUMENT naming the field when the chain does not
  // allow it (a second pengeluaran, a date before the chain's last BA, ...); NOT_FOUND for a
  // satker not in the unit tree.
  absl::StatusOr<BeritaAcaraOutcome> Record(const WriteContext& context, const BeritaAcaraInput& ba);
  // NOT_FOUND for a satker not in the unit tree.
  absl::StatusOr<EvidenceYear> Get(const std::string& satker_code, int fiscal_year) const;

 private:
  // The satker's result for a year, with `changed` (penitipan ref -> chain) laid over the store.
  absl::StatusOr<EvidenceYear> Compute(
      const std::string& satker, int year,
      const std::map<std::string, storage::v1::EvidenceChainRecord>& changed) const;

  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::pemberantasan
