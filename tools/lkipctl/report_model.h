// The view of the whole LKIP document (domain-rules §10) that the report templates render:
// built from the capaian report, the Perjanjian Kinerja, the stored texts and the budget
// tables. Every figure comes from the data, also those inside sentences; a text nobody wrote
// yet shows as a visible placeholder, never as an empty section.
#pragma once

#include <nlohmann/json.hpp>

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/keuangan/v1/keuangan.pb.h"

namespace lkip::ctl {

struct ReportInputs {
  aggregator::v1::CapaianReport capaian;
  aggregator::v1::PerjanjianKinerja pk;
  aggregator::v1::GetNarrativesResponse narratives;
  aggregator::v1::GetComparisonsResponse comparisons;
  keuangan::v1::BudgetTables budget;
  bool budget_available = false;   // false when keuangan could not be read
  std::string budget_unavailable_reason;   // keuangan's error, when its call failed
};

// Holds nothing that changes between two runs over the same data (no clock, no addresses).
// "indicators" is the capaian table (figures only); each IKK in full, with its satker rows,
// texts, computation and chart, is under "sasaran".
nlohmann::ordered_json ReportJson(const ReportInputs& in);

}  // namespace lkip::ctl
