// The gateway's calls to the services behind it: any route's RPC by its descriptor, over gRPC's
// generic stub (no per-method code), on the gateway's mutual-TLS channel, with the caller's own
// "authorization: Bearer <JWT>" passed on, so each service checks the caller's role and records
// the caller, exactly as for a gRPC client (docs/security.md).
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/proto_utils.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/http_route.h"

namespace lkip::gateway {

class Upstreams {
 public:
  // `channels`: upstream name ("aggregator", "nasional") -> channel; one left out is not
  // configured and its routes answer UNAVAILABLE saying so.
  Upstreams(std::map<std::string, std::shared_ptr<grpc::Channel>> channels, absl::Duration deadline);

  // Calls `route`'s RPC with `request`; `authorization` is the HTTP header as it came (empty:
  // none, and the service refuses the call). The service's status as it answered.
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Call(const Route& route,
                                                                  const google::protobuf::Message& request,
                                                                  const std::string& authorization) const;

  bool Has(const std::string& upstream) const { return stubs_.count(upstream) > 0; }

 private:
  using Stub = grpc::TemplatedGenericStub<google::protobuf::Message, google::protobuf::Message>;
  std::map<std::string, std::unique_ptr<Stub>> stubs_;
  absl::Duration deadline_;
};

}  // namespace lkip::gateway
