// What the aggregator reads to answer for a fiscal year and province: the capaian report (its
// own store, then every bidang service in parallel) and, for the report, the stored texts,
// comparisons and keuangan's budget tables read at the same time. Callbacks only: nothing here
// blocks a gRPC thread. A bidang service or keuangan that cannot be read leaves its part marked
// unavailable; only the aggregator's own data (rules, PK, units) is required.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/bidang_clients.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {

// INVALID_ARGUMENT naming fiscal_year (outside 2000..2100) or an empty province_code.
absl::Status CheckYearProvince(int year, const std::string& province);

class ReportFetch {
 public:
  ReportFetch(AggregatorStores* stores, BidangClients* clients) : stores_(stores), clients_(clients) {}

  // `done` runs once, from the last callback (or at once on an error of the aggregator's own
  // data: INVALID_ARGUMENT, NOT_FOUND without a PK or rule set).
  void Capaian(grpc::CallbackServerContext* context, int year, const std::string& province,
               std::function<void(absl::StatusOr<aggregator::v1::CapaianReport>)> done);
  void Inputs(grpc::CallbackServerContext* context, int year, const std::string& province,
              std::function<void(absl::StatusOr<ReportInputs>)> done);

 private:
  AggregatorStores* stores_;
  BidangClients* clients_;
};

}  // namespace lkip::aggregator
