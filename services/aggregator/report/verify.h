// The verifier: checks the data of a fiscal year and province, and what a document states,
// before the report is published. Every finding has a code, a severity, the IKK or section it is
// about, the values and where each comes from (lkip.common.v1.Finding).
//
// Checks: figures a document states (report::v1::StatedFigures) against the figures computed
// from the data (totals, per-satker values, capaian, budget rows, band counts; compared at the
// stated precision); indicator names as stated against the Perjanjian Kinerja and the rule set;
// satker targets against the PK target; the counting rule of category indicators; every finding
// the services report on satker values and budget rows; a recorded value and its recomputation
// that disagree; the report's date against the fiscal year; regulations the rule set marks
// superseded cited in stored texts; texts not yet written; IKK without data. Pure.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/report/v1/report.pb.h"
#include "lkip/rules/v1/rules.pb.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {

// INVALID_ARGUMENT naming the field (stated.figures[3].value) and the value: a year or province
// other than the one verified, a figure without ref, value or where, a value that is not a
// decimal with '.'.
absl::Status CheckStatedFigures(const report::v1::StatedFigures& stated, int year,
                                const std::string& province);

struct VerifyInputs {
  const ReportInputs& data;
  const report::v1::Report& report;  // BuildReport(data): the texts it expects
  const rules::v1::RuleSet& rules;
  const report::v1::StatedFigures* stated = nullptr;  // checked by CheckStatedFigures
};

struct VerifyResult {
  std::vector<common::v1::Finding> findings;  // errors first, then warnings, then notes
  int stated_checked = 0;                     // stated figures compared with the data
  int stated_agreeing = 0;
  int typed_figures = 0;        // figures typed in the stored texts and the stated passages (typed_figures.h)
  int typed_agreeing = 0;       // of those, equal to the data figure they were tied to
  int typed_contradicting = 0;  // contradicted by it (each an ERROR finding)
  std::vector<report::v1::TypedFigureCheck> typed;  // each typed figure and its tie
};

VerifyResult Verify(const VerifyInputs& in);

// The findings with their counts per severity and the stated figures' summary.
report::v1::VerifyReportResponse VerifyResponse(const VerifyInputs& in, VerifyResult result);

}  // namespace lkip::aggregator
