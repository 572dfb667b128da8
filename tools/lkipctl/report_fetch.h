// What `lkipctl report` and `lkipctl verify` read, in this order: the aggregator's capaian,
// Perjanjian Kinerja, written texts and comparison values, then keuangan's budget tables from
// the address the aggregator lists for it. The benchmark of the report (tools/bench) calls the
// same function, so it measures exactly this fetch.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "tools/lkipctl/report_model.h"

namespace lkip::ctl {

struct FetchOptions {
  // A channel to an address the aggregator lists (keuangan's).
  std::function<std::shared_ptr<grpc::Channel>(const std::string& address)> connect;
  // A context for each call (deadline, actor metadata).
  std::function<std::unique_ptr<grpc::ClientContext>()> context;
};

// An aggregator call that fails is an error naming what was read ("capaian: UNAVAILABLE ...").
// keuangan that is not listed or cannot be read leaves budget_available false (the report is
// then partial, not refused); a failed call's message is in budget_unavailable_reason.
absl::StatusOr<ReportInputs> FetchReportInputs(aggregator::v1::Aggregator::StubInterface& aggregator,
                                               const FetchOptions& options, int year, const std::string& province);

}  // namespace lkip::ctl
