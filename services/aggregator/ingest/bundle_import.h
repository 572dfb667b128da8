// A data bundle imported server-side (ReportService.ImportBundle): the rules every bidang service
// computes with are read first and must be one rule set; the whole bundle is checked against them
// and its own unit tree (bundle_check) before anything is written; then each part goes to the
// service that owns it (the unit tree to every service and to the aggregator, satker values to
// each measure's service, the PK to the aggregator, kawasan and pemberantasan records, DIPA,
// realisasi, NKA/IKPA, LKE and the TPI's letter). Blocking calls: run on a background thread,
// never in a gRPC reaction.
//
// Every write carries the bundle's tag (x-lkip-bundle: its id, "<id>@<n>" for a later attempt)
// and the bundle is journaled (bundle_journal) before the first write and after the last. A write
// a service refuses makes the aggregator roll back the writes made before it (bundle_admin): the
// bundle is then imported not at all. A service cut off halfway leaves the bundle INCOMPLETE,
// which the same bundle sent again completes (the writes made before are unchanged the second
// time) or RollBackBundle removes. The services' checks that depend on what they hold (a case
// stage after the stored one) still run write by write: a refusal is undone, not prevented.
#pragma once

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "common/storage/store.h"
#include "common/units/unit_registry_service.h"
#include "lkip/report/v1/report.pb.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

struct ImportCall {
  WriteContext context;                            // the caller's actor, passed on to every service
  std::chrono::system_clock::time_point deadline;  // of the whole import
};

// INVALID_ARGUMENT naming the bundle's path and value (nothing written); UNAVAILABLE when a
// service cannot be reached to read its rules (nothing written); FAILED_PRECONDITION when the
// services compute with different rule sets or one has no address.
absl::StatusOr<report::v1::ImportBundleResponse> ImportBundle(const report::v1::ImportBundleRequest& request,
                                                              const ImportCall& call, BidangClients& clients,
                                                              UnitRegistryService& own_units,
                                                              AggregatorStores& stores);

}  // namespace lkip::aggregator
