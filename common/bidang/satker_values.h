// The satker-level values a bidang service records, and the computation of its indicators from
// them. Every bidang service (pencegahan, rehabilitasi, pemberantasan, keuangan,
// zonaintegritas) shares this core; their raw instruments reduce to these values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/bidang/import_withdrawal.h"
#include "common/numeric/decimal.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "common/units/unit_tree.h"
#include "lkip/indicator/v1/indicator.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip {

// Recorded or imported satker values, and the values the service computed from its raw
// instrument records: the same key layout, side by side.
inline constexpr uint8_t kTagSatkerValue = 0x10;
inline constexpr uint8_t kTagComputedValue = 0x11;

// [tag][fiscal_year][measure][province][satker]: one province's rows of a measure are one
// contiguous range, so computing a province never reads another province's rows.
std::string SatkerValueKey(int fiscal_year, std::string_view measure, std::string_view province,
                           std::string_view satker, uint8_t tag = kTagSatkerValue);

// Adds to `mutation` the computed satker value of `measure` (keyspace kTagComputedValue), with
// where it comes from (`source_document`), who caused it, the rule that produced it and what
// the computation met and did not count (`findings`).
// A part of a value, stored with it (SatkerValueRecord.details): the report's rincian table.
struct ValueDetail {
  std::string id;     // stable within the measure
  std::string label;  // Indonesian column heading
  Decimal value;
};
void AddDetails(const std::vector<ValueDetail>& details, storage::v1::SatkerValueRecord* record);

void PutComputedValue(const Store& store, int fiscal_year, const std::string& measure,
                      const std::string& province, const std::string& satker, const Decimal& value,
                      const std::string& source_document, const std::string& actor,
                      const std::string& rule_ref, Mutation* mutation,
                      const std::vector<common::v1::Finding>& findings = {},
                      const std::vector<ValueDetail>& details = {});

// Adds to `mutation` the removal of a computed satker value: what it was computed from is gone
// (a withdrawn import was the satker's only data).
void DeleteComputedValue(int fiscal_year, const std::string& measure, const std::string& province,
                         const std::string& satker, Mutation* mutation);

// Checks one input value against the rules and the unit tree. `service` restricts the measure
// to that service (empty: any). INVALID_ARGUMENT names `path` + field and the value;
// NOT_FOUND for a satker not in the tree. Returns the value and target as exact numbers.
struct ValidSatkerValue {
  Decimal value;
  std::optional<Decimal> target;
};
absl::StatusOr<ValidSatkerValue> ValidateSatkerValueInput(const YearRules& rules, std::string_view service,
                                                          const indicator::v1::SatkerValueInput& input,
                                                          const UnitTree& units, std::string_view path);

class BidangCore {
 public:
  BidangCore(std::string service, Store* store, const RuleBook* rules);

  const std::string& service() const { return service_; }
  Store* store() const { return store_; }
  const RuleBook* rules() const { return rules_; }

  // All or nothing: the first bad value fails the request and nothing is written. Values equal
  // to what is stored are not rewritten (their provenance is kept) and are counted unchanged.
  absl::StatusOr<indicator::v1::RecordSatkerValuesResponse> RecordSatkerValues(
      const WriteContext& context, const indicator::v1::RecordSatkerValuesRequest& request);
  absl::StatusOr<indicator::v1::ListSatkerValuesResponse> ListSatkerValues(
      const indicator::v1::ListSatkerValuesRequest& request) const;

  absl::StatusOr<indicator::v1::ListIndicatorsResponse> ListIndicators(
      const indicator::v1::ListIndicatorsRequest& request) const;
  absl::StatusOr<indicator::v1::GetIndicatorValuesResponse> GetIndicatorValues(
      const indicator::v1::GetIndicatorValuesRequest& request) const;

  absl::StatusOr<indicator::v1::ListImportsResponse> ListImports(
      const indicator::v1::ListImportsRequest& request) const;
  absl::StatusOr<indicator::v1::ImportInfo> GetImport(const indicator::v1::GetImportRequest& request) const;

  // Store::RollBackBundle of this service's store (IndicatorSource.RollBackBundle).
  absl::StatusOr<indicator::v1::RollBackBundleResponse> RollBackBundle(
      const WriteContext& context, const indicator::v1::RollBackBundleRequest& request);

  // How imports of `kind` are withdrawn; every service with an import registers its kinds before
  // it serves (the map is not guarded: it is only read once serving).
  void AddWithdrawal(std::string kind, WithdrawalFactory factory);
  // NOT_FOUND naming the import also for a kind this service does not import.
  absl::StatusOr<indicator::v1::WithdrawImportResponse> WithdrawImport(
      const WriteContext& context, const indicator::v1::WithdrawImportRequest& request);

 private:
  absl::StatusOr<const YearRules*> RulesFor(int fiscal_year) const;

  std::string service_;
  Store* store_;
  // Serialises writers, so the compare-with-stored step and the audit's previous values see
  // the state the write replaces.
  WriteSerializer writes_;
  const RuleBook* rules_;
  std::map<std::string, WithdrawalFactory> withdrawals_;
};

}  // namespace lkip
