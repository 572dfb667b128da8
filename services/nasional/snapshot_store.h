// What the national service keeps of each province, per fiscal year: the report last pulled (the
// snapshot, kept while the province cannot be reached) and the outcome of the last pull. A pull
// round commits every province's outcome in one write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"

namespace lkip::nasional {

inline constexpr uint8_t kTagSnapshot = 0xA0;  // [year][province] -> NasionalSnapshotRecord
inline constexpr uint8_t kTagPull = 0xA1;      // [year][province] -> NasionalPullRecord

// A province's report as pulled: its deterministic serialization and when.
struct StoredSnapshot {
  std::string report;  // lkip.report.v1.Report's bytes; empty when read with skip_report
  std::string sha256;
  int64_t pulled_at_micros = 0;
};

struct PullAttempt {
  int64_t attempted_at_micros = 0;
  bool ok = false;
  std::string error;
  int64_t latency_micros = 0;
  int64_t last_ok_micros = 0;  // read back: the last successful pull, this one or an earlier
};

// One province's result of a pull round: the attempt, and the report when it succeeded.
struct PullResult {
  std::string province;
  PullAttempt attempt;
  std::optional<std::string> report;  // deterministic bytes; absent when the pull failed
  std::string sha256;                 // of `report`
};

struct ProvinceState {
  std::optional<StoredSnapshot> snapshot;
  std::optional<PullAttempt> last_pull;
};

class SnapshotStore {
 public:
  explicit SnapshotStore(Store* store) : store_(store) {}

  // Writes each successful pull's report as the province's snapshot (unless it is the same
  // report) and every attempt, in one commit. Returns, per result, whether its report changed.
  absl::StatusOr<std::vector<bool>> Record(const WriteContext& context, int fiscal_year,
                                           const std::vector<PullResult>& results);

  // The provinces' states, in the order given; a province whose `skip_report` is true is read
  // without its snapshot's report (the caller holds it already).
  absl::StatusOr<std::vector<ProvinceState>> Read(int fiscal_year, const std::vector<std::string>& provinces,
                                                  const std::vector<bool>& skip_report) const;

 private:
  Store* store_;
  WriteSerializer writes_;
};

}  // namespace lkip::nasional
