// The verifier (lkipctl verify): checks the data of a fiscal year and province, and what a
// report states, before the report is published. Every finding has a code, a severity, the IKK
// or section it is about, the values and where each comes from (lkip.common.v1.Finding).
//
// Checks: figures a document states against the figures computed from the data (totals,
// per-satker values, capaian, budget rows, band counts; compared at the stated precision);
// indicator names as stated against the Perjanjian Kinerja and the rule set; satker targets
// against the PK target; the counting rule of category indicators; every finding the services
// report on satker values and budget rows; a recorded value and its recomputation that
// disagree; the report's date against the fiscal year; regulations the rule set marks superseded
// cited in stored texts; texts not yet written; IKK without data.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/rules/v1/rules.pb.h"
#include "tools/lkipctl/report_model.h"

namespace lkip::ctl {

// A figure a document states (examples/ntb-2023/stated.json), and what it refers to:
//   ikk.<IKK>.target|realisasi|capaian, ikk.<IKK>.satker.<SATKER>.value|target,
//   ikk.<IKK>.satker_sum|satker_mean (over the IKK's satker rows: a table's TOTAL row),
//   anggaran.program|satker|kegiatan.<CODE>.pagu|realisasi|sisa|persen|efisiensi,
//   anggaran.total.<field>, pita.<S1|S2|S3>.<row, 1-based> (the number of IKK in a band).
struct StatedFigure {
  std::string ref;
  std::string value;   // exact decimal as stated ("10883864605", "102", "87.93")
  std::string where;   // where the document states it (section, table, line)
  std::string name;    // optional: the IKK's name as stated there
};

struct StatedFigures {
  std::string source_document;
  std::vector<StatedFigure> figures;
};

// Parses {"fiscal_year", "province_code", "source_document", "figures": [{ref, value, where,
// name?}]}; INVALID_ARGUMENT names the JSON path of a bad entry, or a year/province other than
// the one verified.
absl::StatusOr<StatedFigures> ParseStatedFigures(const nlohmann::json& doc, int year, const std::string& province);

struct VerifyInputs {
  ReportInputs report;
  rules::v1::RuleSet rules;
  StatedFigures stated;
};

struct VerifyResult {
  std::vector<common::v1::Finding> findings;   // errors first, then warnings, then notes
  int stated_checked = 0;                      // stated figures compared with the data
  int stated_agreeing = 0;
};

VerifyResult Verify(const VerifyInputs& in);

// verify.json: {"fiscal_year", "province", "rule_set_version", "stated_source", "summary":
// {"error", "warning", "info", "stated_checked", "stated_agreeing"}, "findings": [...]}.
nlohmann::ordered_json VerifyJson(const VerifyInputs& in, const VerifyResult& result);
// One block per finding, for the operator's terminal.
std::string VerifyText(const VerifyResult& result);

}  // namespace lkip::ctl
