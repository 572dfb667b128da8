// Builds the capaian report from the Perjanjian Kinerja, the rule set and what the bidang
// services returned. Pure: no gRPC calls, no storage; unit tested with canned inputs.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/units/unit_tree.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/indicator/v1/indicator.pb.h"

namespace lkip::aggregator {

// One bidang service's answer (or failure) to GetIndicatorValues.
struct ServiceFetch {
  std::string service;
  std::string address;
  absl::Status status;
  indicator::v1::GetIndicatorValuesResponse response;
  int64_t latency_micros = 0;
};

absl::StatusOr<aggregator::v1::CapaianReport> BuildCapaianReport(const aggregator::v1::PerjanjianKinerja& pk,
                                                                 const UnitTree& units,
                                                                 const YearRules& rules,
                                                                 const std::vector<ServiceFetch>& fetched);

}  // namespace lkip::aggregator
