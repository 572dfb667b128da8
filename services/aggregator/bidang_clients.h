// Typed clients of the bidang services (common/registry): their IndicatorSource, the parallel
// fan-out the capaian call makes, and keuangan's budget tables: one shared channel per service, a deadline on
// every call (propagated from the incoming call and capped per dependency), results joined from the
// callbacks.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "services/aggregator/capaian_builder.h"

namespace lkip::aggregator {

class BidangClients {
 public:
  // `addresses`: service name -> host:port; services with an empty address are reported
  // unavailable without a call. `credentials`: the aggregator's own certificate
  // (MakeChannelCredentials); a call made for a caller adds the caller's token (AddOnBehalf).
  BidangClients(const std::map<std::string, std::string>& addresses, absl::Duration timeout,
                std::shared_ptr<grpc::ChannelCredentials> credentials);

  // Calls GetIndicatorValues on every configured service in parallel and invokes `done` once,
  // from the last callback, with one ServiceFetch per service (in name order). `parent` (may
  // be null) propagates its deadline and cancellation. Never blocks.
  void FetchAll(grpc::CallbackServerContext* parent, int fiscal_year, const std::string& province,
                std::function<void(std::vector<ServiceFetch>)> done);

  // keuangan's budget tables of the province, with the same deadline policy; `done` gets
  // UNAVAILABLE naming keuangan when it has no address or cannot be read. Never blocks.
  void FetchBudgetTables(grpc::CallbackServerContext* parent, int fiscal_year, const std::string& province,
                         std::function<void(absl::StatusOr<keuangan::v1::BudgetTables>)> done);

  std::vector<aggregator::v1::ServiceStatus> Describe() const;

  // The shared channel to a service (for its own package's stubs: the bundle import); nullptr
  // when the service has no address.
  std::shared_ptr<grpc::Channel> Channel(const std::string& service) const;
  absl::Duration timeout() const { return timeout_; }

  // Held shared by work that writes to several services in turn (a bundle import, its rollback or
  // withdrawal, an approval step), exclusively by a backup while it checkpoints every service
  // (common/backup/backup_service.h): each such work is in every checkpoint or in none. It guards
  // no data of its own.
  absl::Mutex* cross_service_writes() { return &cross_service_writes_; }

 private:
  struct Backend {
    std::string name;
    std::string address;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<indicator::v1::IndicatorSource::Stub> stub;
  };
  std::vector<Backend> backends_;
  std::unique_ptr<keuangan::v1::Keuangan::Stub> keuangan_;
  absl::Duration timeout_;
  absl::Mutex cross_service_writes_;
};

}  // namespace lkip::aggregator
