// The capaian table as files: the JSON contract HQ reads (out/<province>-<year>/capaian.json)
// and an HTML page rendered from an editable Mustache template.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/statusor.h"
#include "lkip/aggregator/v1/aggregator.pb.h"

namespace lkip::render {

// {"code", "severity", "subject", "message", "values": [{"label", "value", "source"}]}.
nlohmann::ordered_json FindingJson(const common::v1::Finding& finding);

// {"fiscal_year", "satker", "indicators": [{"code", "target", "realisasi", "capaian", ...}],
//  "bands": {"S1": [{"label", "count", "codes"}], ...}, ...}; numbers are decimal strings.
// Holds nothing that changes between two runs over the same data.
nlohmann::ordered_json CapaianJson(const aggregator::v1::CapaianReport& report);

}  // namespace lkip::render
