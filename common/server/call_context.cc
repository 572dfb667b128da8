#include "common/server/call_context.h"

#include "common/auth/access.h"
#include "common/auth/scope.h"
#include "common/server/transport_security.h"
#include "common/validation/fields.h"

namespace lkip {

namespace {

std::string UnverifiedActor(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kActorMetadataKey);
  std::string actor = "unverified:";
  if (it == metadata.end() || it->second.empty()) return actor + "anonymous";
  size_t taken = 0;
  for (char c : std::string_view(it->second.data(), it->second.size())) {
    if (taken++ == 128) break;
    actor.push_back((c >= 0x20 && c < 0x7F) ? c : '?');
  }
  return actor;
}

bool OverTls(const grpc::CallbackServerContext& context) {
  const auto auth = context.auth_context();
  return auth != nullptr && IsTls(*auth);
}

}  // namespace

Principal PrincipalOf(const grpc::CallbackServerContext& context) {
  if (!OverTls(context)) {
    // An --insecure_dev port: nobody is authenticated, and nothing is checked.
    Principal principal;
    principal.subject = UnverifiedActor(context);
    principal.role = Role::kService;
    return principal;
  }
  auto principal = Authenticate(*context.auth_context(), context.client_metadata());
  if (principal.ok()) return *std::move(principal);
  // The token processor refused such a call before its handler; a token that expired in between
  // is named, with no rights.
  Principal refused;
  refused.subject = "unauthenticated";
  refused.role = Role::kHq;
  return refused;
}

absl::Status CheckCallScope(const grpc::CallbackServerContext& context, std::string_view method,
                            const google::protobuf::Message& request) {
  const Principal caller = PrincipalOf(context);
  const common::v1::Access access = AccessOfHandler(request.GetDescriptor(), method);
  return CheckScope(caller, access, ScopeOf(request), method);
}

std::string ActorOf(const grpc::CallbackServerContext& context) { return PrincipalOf(context).subject; }

WriteContext MakeWriteContext(const grpc::CallbackServerContext& context, std::string_view method,
                              const google::protobuf::Message& request, std::string summary) {
  const Principal caller = PrincipalOf(context);
  WriteContext write{caller.subject, std::string(method), std::move(summary), BundleOf(context)};
  write.prepare = !PreparedBundleOf(context).empty();
  RequestScope scope = ScopeOf(request);
  write.touches = {std::move(scope.fiscal_years), std::move(scope.provinces), std::move(scope.satker)};
  // hq writes nothing, a service passes its caller's token on: only a user's province bounds it.
  if (caller.role != Role::kService && caller.role != Role::kHq)
    write.touches.caller_province = caller.province;
  return write;
}

OnBehalf OnBehalfOf(const grpc::CallbackServerContext& context) {
  OnBehalf caller;
  const auto& metadata = context.client_metadata();
  if (auto it = metadata.find(kAuthorizationMetadataKey); it != metadata.end()) {
    caller.authorization.assign(it->second.data(), it->second.size());
  } else if (!OverTls(context)) {
    constexpr std::string_view kPrefix = "unverified:";
    caller.unverified_actor = UnverifiedActor(context).substr(kPrefix.size());
  }
  return caller;
}

void AddOnBehalf(grpc::ClientContext* call, const OnBehalf& caller) {
  if (!caller.authorization.empty()) call->AddMetadata(kAuthorizationMetadataKey, caller.authorization);
  if (!caller.unverified_actor.empty()) call->AddMetadata(kActorMetadataKey, caller.unverified_actor);
}

std::string BundleOf(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kBundleMetadataKey);
  if (it == metadata.end()) return "";
  const std::string bundle(it->second.data(), it->second.size());
  return IsBundleTag(bundle) ? bundle : "";
}

std::string PreparedBundleOf(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  if (metadata.find(kPrepareMetadataKey) == metadata.end()) return "";
  return BundleOf(context);
}

}  // namespace lkip
