// Checking a data bundle before anything is written: every error names the file, the JSON path
// and the value, and a bundle with any error imports nothing.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "lkip/bundle/v1/bundle.pb.h"

namespace lkip::aggregator {

// Checks the bundle against the rules (measures and indicators of its year, as the services
// serve them) and its own unit tree; errors are prefixed with `path` (the bundle's file name). Fills
// defaults: each value's source_document from the bundle's, each PK indicator's service from the rules.
absl::Status CheckBundle(const std::string& path, const YearRules& rules, bundle::v1::Bundle* bundle);

}  // namespace lkip::aggregator
