// The verifier's suggestion for the stored texts (lkipctl verify --suggest-bindings): each typed
// figure that agrees with the data, and that a bound ref would print in the same words, replaced
// by that ref ("Rp16.468.319.000" becomes "Rp{{anggaran.total.pagu}}"), so the text follows the
// data from then on. The operator reviews the file and stores it with set-narratives.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::ctl {

struct SuggestedBindings {
  std::vector<std::pair<std::string, std::string>> texts;  // every stored text, in stored order
  int bound = 0;                                           // figures replaced by their ref
  int agreeing = 0;                                        // figures that agree with the data
  std::vector<std::string> changes;                        // "IKK-02.metode_pengukuran: 76,61 -> {{...}}"
};

// FAILED_PRECONDITION when a figure's bytes are not in its text as the verifier read them (the
// texts changed since): verify again.
absl::StatusOr<SuggestedBindings> SuggestBindings(const aggregator::v1::GetNarrativesResponse& stored,
                                                  const report::v1::VerifyReportResponse& verified);

}  // namespace lkip::ctl
