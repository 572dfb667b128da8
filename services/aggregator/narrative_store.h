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
#include "lkip/storage/v1/records.pb.h"
#include "services/aggregator/pk_store.h"
#include "services/aggregator/report/narrative_keys.h"
#include "services/aggregator/report/text_inputs.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagNarrative = 0x21;  // [year][province][key] -> NarrativeRecord

struct NarrativeWriteOutcome {
  int written = 0;
  int unchanged = 0;
  int removed = 0;
};

struct StoredNarrative {
  std::string key;
  storage::v1::NarrativeRecord record;  // text, who wrote it, when
};

// The store speaks domain types and storage records; the gRPC adapter builds the API's messages
// (text_messages.h).
class NarrativeStore {
 public:
  NarrativeStore(Store* store, const PkStore* pk) : store_(store), pk_(pk) {}

  // `narratives` as CheckNarratives made them. INVALID_ARGUMENT naming the entry for a key that
  // is neither a section of the report nor <IKK of the stored PK>.<field>; nothing is written then.
  absl::StatusOr<NarrativeWriteOutcome> Put(const WriteContext& context, int fiscal_year,
                                            const std::string& province,
                                            const std::vector<NarrativeInput>& narratives);
  // In key order.
  absl::StatusOr<std::vector<StoredNarrative>> Get(int fiscal_year, std::string_view province) const;

 private:
  Store* store_;
  const PkStore* pk_;
  WriteSerializer writes_;
};

}  // namespace lkip::aggregator
