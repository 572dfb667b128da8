#include "services/gateway/upstream.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "common/server/metadata_keys.h"
#include "common/status/grpc_status.h"

namespace lkip::gateway {

Upstreams::Upstreams(std::map<std::string, std::shared_ptr<grpc::Channel>> channels, absl::Duration deadline)
    : deadline_(deadline) {
  for (auto& [name, channel] : channels) {
    if (channel != nullptr) stubs_[name] = std::make_unique<Stub>(std::move(channel));
  }
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Upstreams::Call(
    const Route& route, const google::protobuf::Message& request, const std::string& authorization) const {
  auto stub = stubs_.find(route.upstream);
  if (stub == stubs_.end())
    return absl::UnavailableError(absl::StrCat("the gateway has no address of the ", route.upstream,
                                               " service (--", route.upstream, "_addr), which serves ",
                                               route.method->full_name()));
  std::unique_ptr<google::protobuf::Message> response(google::protobuf::MessageFactory::generated_factory()
                                                          ->GetPrototype(route.method->output_type())
                                                          ->New());
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  if (!authorization.empty()) context.AddMetadata(kAuthorizationMetadataKey, authorization);
  const std::string method =
      absl::StrCat("/", route.method->service()->full_name(), "/", route.method->name());
  absl::Notification done;
  grpc::Status status;
  stub->second->UnaryCall(&context, method, grpc::StubOptions(), &request, response.get(),
                          [&](grpc::Status s) {
                            status = std::move(s);
                            done.Notify();
                          });
  done.WaitForNotification();
  if (!status.ok()) return FromGrpc(status);
  return response;
}

}  // namespace lkip::gateway
