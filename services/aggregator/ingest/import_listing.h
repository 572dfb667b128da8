// The committed bulk imports of every bidang service, for ReportService.ListImports / GetImport /
// WithdrawImport:
// each service lists its own (IndicatorSource.ListImports); the aggregator walks them in the
// registry's order. A page token is "<service>:<that service's page token>". Blocking calls: run
// on a background thread, never in a gRPC reaction.
#pragma once

#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "common/server/call_context.h"
#include "lkip/report/v1/report.pb.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

absl::StatusOr<report::v1::ListImportsResponse> ListImports(const report::v1::ListImportsRequest& request,
                                                            BidangClients& clients,
                                                            std::chrono::system_clock::time_point deadline);

absl::StatusOr<report::v1::GetImportResponse> GetImport(const report::v1::GetImportRequest& request,
                                                        BidangClients& clients,
                                                        std::chrono::system_clock::time_point deadline);

// Finds the service that committed the import (as GetImport) and withdraws it there, in the name
// of the caller (its token passed on).
absl::StatusOr<report::v1::WithdrawImportResponse> WithdrawImport(
    const report::v1::WithdrawImportRequest& request, const OnBehalf& caller, BidangClients& clients,
    std::chrono::system_clock::time_point deadline);

}  // namespace lkip::aggregator
