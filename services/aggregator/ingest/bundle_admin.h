// A data bundle after its import (ReportService.GetBundle, RollBackBundle): the journal's record
// as the API shows it, and the rollback of every write the bundle made, at every bidang service
// (IndicatorSource.RollBackBundle) and in the aggregator's own store. Blocking calls: run on a
// background thread, never in a gRPC reaction.
#pragma once

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "common/server/call_context.h"
#include "lkip/report/v1/report.pb.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

report::v1::BundleInfo BundleInfoOf(const std::string& bundle_id,
                                    const storage::v1::BundleJournalRecord& record);

absl::StatusOr<report::v1::BundleInfo> GetBundle(const report::v1::GetBundleRequest& request,
                                                 AggregatorStores& stores);
absl::StatusOr<report::v1::ListBundlesResponse> ListBundles(const report::v1::ListBundlesRequest& request,
                                                            AggregatorStores& stores);

// Asks every bidang service and the aggregator's own store to undo the writes of `record`'s
// attempt of `bundle_id`, whatever another answered, and records in `record` which did (state
// ROLLED_BACK, or ROLLBACK_INCOMPLETE with `error` naming the others). Returns that error
// (FAILED_PRECONDITION, or UNAVAILABLE when a service could not be reached), OK when all did.
absl::Status RollBackEverywhere(const std::string& bundle_id, const WriteContext& context,
                                const OnBehalf& caller, BidangClients& clients, AggregatorStores& stores,
                                std::chrono::system_clock::time_point deadline,
                                storage::v1::BundleJournalRecord* record);

// Every store is asked, whatever another answered; the journal records which undid their writes.
// FAILED_PRECONDITION / UNAVAILABLE naming the stores that did not (a second call finishes them).
absl::StatusOr<report::v1::RollBackBundleResponse> RollBackBundle(
    const report::v1::RollBackBundleRequest& request, const WriteContext& context, const OnBehalf& caller,
    BidangClients& clients, AggregatorStores& stores, std::chrono::system_clock::time_point deadline);

}  // namespace lkip::aggregator
