// A rule set that extends another instead of copying it: an overlay names its base by version
// (RuleSet.extends) and holds only what differs. A province that computes some IKK from raw
// records, or a year that changes one band, keeps a file of a few lines, and a correction to
// the base reaches it.
//
// Merge, field by field of the overlay (by reflection, so a field added to the schema merges
// without code here): a repeated message whose elements have a `code` or `id` merges into the
// base element with the same key (an element with a new key is appended); any other repeated
// field, and every scalar, replaces the base's; a singular message merges recursively.
#pragma once

#include "absl/status/statusor.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip {

// `base` with `overlay` merged in; the result has the overlay's version, the base's fiscal
// year (an overlay that states another is refused) and no `extends`. Errors name the field.
absl::StatusOr<rules::v1::RuleSet> ApplyOverlay(const rules::v1::RuleSet& base,
                                                const rules::v1::RuleSet& overlay);

}  // namespace lkip
