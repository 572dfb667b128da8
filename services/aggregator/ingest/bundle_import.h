// A data bundle imported server-side (ReportService.ImportBundle): the rules every bidang service
// computes with are read first and must be one rule set; the whole bundle is checked against them
// and its own unit tree (bundle_check) before anything is written; then each part goes to the
// service that owns it (the unit tree to every service and to the aggregator, satker values to
// each measure's service, the PK to the aggregator, kawasan and pemberantasan records, DIPA,
// realisasi, NKA/IKPA, LKE and the TPI's letter). Blocking calls: run on a background thread,
// never in a gRPC reaction.
//
// Every write carries the bundle's tag (x-lkip-bundle: its id, "<id>@<n>" for a later attempt).
// First the prepare phase: every write is sent once marked x-lkip-prepare, and each service
// checks it against what it holds and what the bundle's earlier writes would have put, writing
// nothing (common/storage/prepared_writes.h); a refusal there ends the import with nothing
// written and nothing journaled. A dry run ends after it. Then the bundle is journaled
// (bundle_journal) and written. A write a service still refuses (a write from elsewhere came in
// between the phases) makes the aggregator roll back the writes made before it (bundle_admin):
// the bundle is then imported not at all. A service cut off halfway leaves the bundle
// INCOMPLETE, which the same bundle sent again completes (the writes made before are unchanged
// the second time) or RollBackBundle removes.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/server/call_context.h"
#include "common/storage/store.h"
#include "common/units/unit_registry_service.h"
#include "lkip/report/v1/report.pb.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

struct ImportCall {
  WriteContext context;  // the caller's actor, recorded in the journal
  OnBehalf caller;       // passed on with every call to a service
  // Whether the caller may write the unit tree (an admin, a service). A bundle of anyone else may
  // carry units only as they are stored: they check the bundle and are not sent.
  bool may_write_units = true;
  std::chrono::system_clock::time_point deadline;  // of the whole import
  // Runs between the prepare phase and the first write: tests race a conflicting write there.
  std::function<void()> after_prepare = {};
};

// INVALID_ARGUMENT naming the bundle's path and value (nothing written); UNAVAILABLE when a
// service cannot be reached to read its rules (nothing written); FAILED_PRECONDITION when the
// services compute with different rule sets or one has no address.
absl::StatusOr<report::v1::ImportBundleResponse> ImportBundle(const report::v1::ImportBundleRequest& request,
                                                              const ImportCall& call, BidangClients& clients,
                                                              UnitRegistryService& own_units,
                                                              AggregatorStores& stores);

}  // namespace lkip::aggregator
