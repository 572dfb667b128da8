// The whole LKIP (domain-rules §10) as the typed report lkip.report.v1.Report, built from what
// the aggregator reads: the capaian report, the Perjanjian Kinerja, the stored texts, the
// comparison values and keuangan's budget tables. Every figure comes from the data, also those
// inside sentences; a text nobody wrote yet is marked missing with the placeholder the document
// shows. Pure: no I/O, no clock, so the same inputs give the same bytes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::aggregator {

// Why the budget is unavailable when keuangan answers but no satker of the province has a DIPA
// for the year: tables of zeros would print "Rp0 (-%)" as if the year had no budget.
inline constexpr char kNoDipa[] = "belum ada DIPA yang dicatat untuk satker mana pun";

struct ReportInputs {
  aggregator::v1::CapaianReport capaian;
  aggregator::v1::PerjanjianKinerja pk;
  aggregator::v1::GetNarrativesResponse narratives;
  aggregator::v1::GetComparisonsResponse comparisons;
  keuangan::v1::BudgetTables budget;
  bool budget_available = false;          // false when keuangan could not be read
  std::string budget_unavailable_reason;  // keuangan's error when its call failed, or kNoDipa
  approval::v1::Approval approval;        // where the report stands (draft when not set)
  // The data changed since the last submission; nullopt while never submitted.
  std::optional<report::v1::ChangesAfterSubmission> changes;
};

// The report without findings (the verifier adds them: verify.h).
report::v1::Report BuildReport(const ReportInputs& in);

// Clears what a ServiceStatus says about the call rather than the data (where the service runs,
// how long it answered), wherever a report's content is kept or its digest taken: two reports of
// the same data are then the same bytes.
void ClearCallFacts(aggregator::v1::ServiceStatus* status);

// Calls `visit` on every text of the report (report::v1::Text), wherever it sits, in document
// order (the Report's field order).
void ForEachText(report::v1::Report* report, const std::function<void(report::v1::Text*)>& visit);

// The keys of every text of the report that is marked missing, in document order (the Report's
// field order): whichever part of the report a text sits in, it is found.
std::vector<std::string> MissingTextKeys(const report::v1::Report& report);
// The same texts themselves (their labels), in the report's order.
std::vector<const report::v1::Text*> MissingTexts(const report::v1::Report& report);

}  // namespace lkip::aggregator
