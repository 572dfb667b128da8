// The Perjanjian Kinerja as the API carries it (aggregator.v1.PerjanjianKinerja) and as the
// aggregator's store keeps it (storage.v1.PerjanjianKinerjaRecord): checked against the year's
// rule set and the unit tree, and converted both ways.
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/units/unit_tree.h"
#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {

// The longest a sasaran's text and an indicator's name may be (the PK's sentences are one or two
// lines): a 10 MB text would be printed in every report and sent with every read.
inline constexpr size_t kMaxSasaranText = 2000;
inline constexpr size_t kMaxIndicatorName = 500;

// Checks a PK; fills each indicator's `service` from the rule set when it is empty. Paths in
// errors are prefixed with `path` ("perjanjian_kinerja").
absl::Status ValidatePerjanjianKinerja(const YearRules& rules, const UnitTree& units,
                                       aggregator::v1::PerjanjianKinerja* pk, std::string_view path);

// The PK checked (its fiscal year within 2000..2100, then ValidatePerjanjianKinerja with the
// rule set of its year) and turned into the record the store keeps (targets as exact numbers).
absl::StatusOr<storage::v1::PerjanjianKinerjaRecord> CheckPerjanjianKinerja(
    const RuleBook& rules, const UnitTree& units, aggregator::v1::PerjanjianKinerja pk);

// The record of a PK ValidatePerjanjianKinerja accepted.
absl::StatusOr<storage::v1::PerjanjianKinerjaRecord> PkRecord(const aggregator::v1::PerjanjianKinerja& pk);

// The stored PK as the API carries it, with its provenance.
aggregator::v1::PerjanjianKinerja PkMessage(int year, std::string_view province,
                                            const storage::v1::PerjanjianKinerjaRecord& record);

}  // namespace lkip::aggregator
