// Turns satker-level rows into the provincial realisasi of an indicator, by the aggregation its
// rule names (domain-rules §3): the BNNP's own value, a sum, a mean, or a count of units in a
// category (exact band or at least) or at a threshold. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/numeric/decimal.h"
#include "common/rules/rule_book.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip {

struct SatkerFigure {
  std::string satker_code;
  common::v1::UnitLevel level = common::v1::UNIT_LEVEL_UNSPECIFIED;
  Decimal value;
};

struct RowOutcome {
  std::string category;  // the measure's category of the value ("" when it has none)
  bool counted = false;  // COUNT_UNITS: met the condition
};

struct Aggregated {
  bool available = false;
  std::string unavailable_reason;  // in Indonesian: the report prints it to its readers
  Decimal realisasi;
  std::vector<RowOutcome> rows;  // parallel to the input rows
  std::string explanation;       // the rule as applied, for provenance
};

Aggregated Aggregate(const YearRules& year, const rules::v1::IndicatorRule& rule,
                     const rules::v1::Measure& measure, const std::string& province_code,
                     const std::vector<SatkerFigure>& rows);

}  // namespace lkip
