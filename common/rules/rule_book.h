// Rule sets per fiscal year (domain-rules §3), loaded from JSON files (canonical JSON of
// lkip.rules.v1.RuleSet) and validated when a service starts: a bad rule file stops the
// service with the file and the field named, instead of producing wrong figures later.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_numbers.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip {

// One fiscal year's rules with lookups by id and its numbers parsed.
class YearRules {
 public:
  // Validates `rules` (ValidateRuleSet) and parses its numbers; the error names the field.
  static absl::StatusOr<std::shared_ptr<const YearRules>> Load(rules::v1::RuleSet rules);
  // The parts of a rule set that services loaded and validated (their measures and indicators,
  // gathered by the aggregator): numbers parsed, the whole not validated, since it is partial.
  static absl::StatusOr<std::shared_ptr<const YearRules>> FromValidatedParts(rules::v1::RuleSet parts);

  const rules::v1::RuleSet& rules() const { return rules_; }
  // The rule set's exact decimals, parsed when it loaded.
  const RuleNumbers& numbers() const { return numbers_; }
  int fiscal_year() const { return rules_.fiscal_year(); }
  const std::string& version() const { return rules_.version(); }

  const rules::v1::Measure* FindMeasure(std::string_view id) const;
  const rules::v1::IndicatorRule* FindIndicator(std::string_view code) const;
  const rules::v1::BandSet* FindBandSet(std::string_view id) const;
  // The indicators whose measure belongs to `service`, in rule-file order.
  std::vector<const rules::v1::IndicatorRule*> IndicatorsOf(std::string_view service) const;
  std::vector<const rules::v1::Measure*> MeasuresOf(std::string_view service) const;

  // The index of the category of `measure` that `value` falls in (-1 when it has none).
  int CategoryIndex(const rules::v1::Measure& measure, const Decimal& value) const;

 private:
  YearRules(rules::v1::RuleSet rules, RuleNumbers numbers);
  rules::v1::RuleSet rules_;
  RuleNumbers numbers_;
  std::map<std::string, int, std::less<>> measures_, indicators_, band_sets_;
};

class RuleBook {
 public:
  // Reads every *.json file (one RuleSet each) of `dirs`, one folder or several separated by
  // ':' (deploy/rules:/etc/lkip/rules.d); an overlay (RuleSet.extends) in any of them replaces
  // the rule set it extends. Errors name the file and the field.
  static absl::StatusOr<RuleBook> LoadDirectory(const std::string& dirs);
  static absl::StatusOr<RuleBook> FromRuleSets(std::vector<rules::v1::RuleSet> sets);

  // NOT_FOUND when no rule set covers the year; the message says how to add one.
  absl::StatusOr<const YearRules*> ForYear(int fiscal_year) const;
  std::vector<int> Years() const;
  // The folders the book was loaded from (LoadDirectory's argument; empty otherwise).
  const std::string& dirs() const { return dirs_; }

 private:
  std::string MissingYearMessage(int fiscal_year) const;

  std::map<int, std::shared_ptr<const YearRules>> years_;
  std::string dirs_;
};

// Checks a rule set for internal consistency; the message names the offending field path.
absl::Status ValidateRuleSet(const rules::v1::RuleSet& rules);

// Index of the category labelled `label`, or -1.
int CategoryIndexByLabel(const rules::v1::Measure& measure, std::string_view label);

// The kegiatan `kegiatan_code` of program `program_code` in the `year` rule set's budget rules
// (a DIPA line, a Perjanjian Kinerja's kegiatan budget); INVALID_ARGUMENT naming
// `path`.program_code or `path`.kegiatan_code and the value otherwise.
absl::StatusOr<const rules::v1::BudgetKegiatan*> FindBudgetKegiatan(const rules::v1::BudgetRules& budget,
                                                                    int year, absl::string_view path,
                                                                    absl::string_view program_code,
                                                                    absl::string_view kegiatan_code);

}  // namespace lkip
