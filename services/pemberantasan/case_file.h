// Case-file stages (domain-rules §7.1): which stage may follow which, and that dates never go
// backwards. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lkip/pemberantasan/v1/pemberantasan.pb.h"

namespace lkip::pemberantasan {

struct StageEntry {
  v1::CaseStage stage = v1::CASE_STAGE_UNSPECIFIED;
  std::string date;  // YYYY-MM-DD
};

// The printed name of a stage: "SPDP", "Tahap I", "P-18", "P-19", "P-21", "Tahap II".
std::string StageName(v1::CaseStage stage);

// Whether `next` may follow `current` (UNSPECIFIED: a new file, which only SPDP opens).
bool TransitionAllowed(v1::CaseStage current, v1::CaseStage next);

// INVALID_ARGUMENT naming `stage` or `date` (with `path` prefixed) when `next` on `date` may not
// follow the file's recorded stages.
absl::Status CheckNextStage(const std::vector<StageEntry>& recorded, const StageEntry& next,
                            const std::string& path);

}  // namespace lkip::pemberantasan
