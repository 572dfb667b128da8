// The exact decimals of a rule set, parsed once when it loads. Every field rules.proto marks
// [(exact_decimal) = true] (weights, tolerances, thresholds, band bounds, answer values) is read
// here and only here: a bad one is refused with its path when the rule set loads, and the code
// that computes with the rules asks for the parsed value instead of parsing text at each use.
#pragma once

#include <google/protobuf/message.h>

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"

namespace lkip {

class RuleNumbers {
 public:
  // Parses every marked field under `rules` (a RuleSet, or any of its parts in tests).
  // INVALID_ARGUMENT naming the field's path ("instruments.budget.nka.tolerance: ...").
  static absl::StatusOr<RuleNumbers> Parse(const google::protobuf::Message& rules);

  // The value of `text`, the non-empty text of a marked field of the message parsed. Any other
  // text is a programming error (a field not marked in rules.proto), not bad data: the rule
  // files were checked at load, so it stops the process naming the text.
  const Decimal& Get(const std::string& text) const;
  // As Get, with an empty field (an unbounded band side, the first category) as nullopt.
  std::optional<Decimal> Optional(const std::string& text) const;

 private:
  absl::flat_hash_map<std::string, Decimal> values_;
};

}  // namespace lkip
