// What stands between a report and its final document (Report.remaining): the draft's front page
// lists it, and a final render is refused while any of it remains. Every item is written for the
// report's reader, in Indonesian, naming no internal key.
#pragma once

#include <string>
#include <vector>

#include "lkip/report/v1/report.pb.h"

namespace lkip::aggregator {

// In this order: the Kepala's approval, data a service or the budget could not give, each text
// not written, each rule not verified, each ERROR finding.
std::vector<std::string> RemainingForFinal(const report::v1::Report& report);

}  // namespace lkip::aggregator
