// Evidence BA chains (domain-rules §7.3): a BA penitipan, its lawful-shrinkage BAs and its BA
// pengeluaran, kept as one record per penitipan. A release recomputes the satker's value for
// the year of its date, N = sum a_i / y x 100 over the pairs released that year, stored as the
// computed value of instruments.evidence_measure; a year without a release has no value.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/pemberantasan/v1/pemberantasan.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::pemberantasan {

inline constexpr uint8_t kTagEvidenceChain = 0x75;  // [satker][penitipan_ref] -> EvidenceChainRecord

class EvidenceStore {
 public:
  EvidenceStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<v1::RecordBeritaAcaraResponse> Record(const WriteContext& context,
                                                       const v1::RecordBeritaAcaraRequest& request);
  absl::StatusOr<v1::EvidenceResult> Get(const v1::GetEvidenceResultRequest& request) const;

 private:
  // The satker's result for a year, with `changed` (penitipan ref -> chain) laid over the store.
  absl::StatusOr<v1::EvidenceResult> Compute(
      const std::string& satker, int year,
      const std::map<std::string, storage::v1::EvidenceChainRecord>& changed) const;

  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;
};

}  // namespace lkip::pemberantasan
