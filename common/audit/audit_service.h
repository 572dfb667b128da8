// gRPC adapter of lkip.audit.v1.AuditService over a service's store (audit_listing.h); every
// service serves it. The aggregator's also forwards a request naming a bidang service to it,
// with the caller's token, so lkipctl needs one address.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/server/forward.h"
#include "common/storage/store.h"
#include "lkip/audit/v1/audit.grpc.pb.h"

namespace lkip {

// The API's view of a stored audit entry of `service`: keys readable, values as JSON.
audit::v1::AuditEntry AuditEntryOf(const std::string& service, const storage::v1::AuditEntry& entry);

class AuditService final : public audit::v1::AuditService::CallbackService {
 public:
  // `service`: this process's name ("pencegahan"); `channel_of`: set at the aggregator only.
  AuditService(Store* store, std::string service, ChannelOf channel_of = nullptr)
      : store_(store), service_(std::move(service)), channel_of_(std::move(channel_of)) {}

  grpc::ServerUnaryReactor* ListAuditEntries(grpc::CallbackServerContext* context,
                                             const audit::v1::ListAuditEntriesRequest* request,
                                             audit::v1::ListAuditEntriesResponse* response) override;

 private:
  Store* store_;
  std::string service_;
  ChannelOf channel_of_;
};

}  // namespace lkip
