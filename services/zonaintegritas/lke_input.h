// LKE assessments and TPI totals (domain-rules §9) checked against the fiscal year's rule set
// before the store sees them, and an assessment's result with its verdicts. Pure: no I/O; the
// store checks the satker codes against the unit tree.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "lkip/storage/v1/records.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.pb.h"

namespace lkip::zonaintegritas {

// The year's LKE rules; FAILED_PRECONDITION when its rule set has none.
absl::StatusOr<const rules::v1::ZonaIntegritasRules*> ZiRulesFor(const YearRules& rules);

// An assessment as the store takes it: every area and Hasil component scored.
struct LkeAssessmentInput {
  int fiscal_year = 0;
  std::string satker_code;
  storage::v1::LkeAssessmentRecord record;
};

// INVALID_ARGUMENT naming the field and its value ("reform[2].sub_areas[0].weight: ...").
absl::StatusOr<LkeAssessmentInput> CheckLkeAssessment(const YearRules& rules,
                                                      const v1::RecordLkeAssessmentRequest& request);

// The TPI's totals as the store takes them.
struct TpiImport {
  int fiscal_year = 0;
  std::string source_document;
  struct Row {
    std::string satker_code;  // each satker once
    storage::v1::TpiResultRecord record;
    Decimal total;  // Pemenuhan + Reform + Hasil
  };
  std::vector<Row> rows;
};

absl::StatusOr<TpiImport> CheckTpiImport(const YearRules& rules, const v1::ImportTpiResultsRequest& request);

// A row's total and its verdicts judged on the total alone.
v1::TpiResult TpiResultOf(const YearRules& rules, const TpiImport::Row& row);

// An assessment's totals per component, area scores and fractions, Hasil components and
// verdicts. DATA_LOSS when the record lacks a score the rules name.
absl::StatusOr<v1::LkeResult> LkeResultOf(const rules::v1::ZonaIntegritasRules& rules,
                                          const RuleNumbers& numbers, int year, const std::string& satker,
                                          const storage::v1::LkeAssessmentRecord& record);

// The assessment's components and its total, Pemenuhan + Reform + Hasil; DATA_LOSS as LkeResultOf.
struct LkeTotals {
  Decimal pemenuhan, reform, hasil, total;
};
absl::StatusOr<LkeTotals> LkeTotal(const rules::v1::ZonaIntegritasRules& rules,
                                   const storage::v1::LkeAssessmentRecord& record);

}  // namespace lkip::zonaintegritas
