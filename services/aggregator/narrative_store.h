// The texts people write for the report (domain-rules §10: kata pengantar, Bab I, and per IKK
// its definisi operasional, metode pengukuran, faktor, hambatan, rekomendasi), per fiscal year
// and province. Keys are checked against the sections of the schema (report/narrative_keys.h) and the IKK of
// the stored Perjanjian Kinerja, so a typo cannot create a text the report never shows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "services/aggregator/pk_store.h"
#include "services/aggregator/report/narrative_keys.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagNarrative = 0x21;  // [year][province][key] -> NarrativeRecord

class NarrativeStore {
 public:
  NarrativeStore(Store* store, const PkStore* pk) : store_(store), pk_(pk) {}

  absl::StatusOr<aggregator::v1::PutNarrativesResponse> Put(
      const WriteContext& context, const aggregator::v1::PutNarrativesRequest& request);
  absl::StatusOr<aggregator::v1::GetNarrativesResponse> Get(int fiscal_year, std::string_view province) const;

 private:
  Store* store_;
  const PkStore* pk_;
  WriteSerializer writes_;
};

}  // namespace lkip::aggregator
