#include "common/server/call_context.h"

#include "common/validation/fields.h"

namespace lkip {

std::string ActorOf(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kActorMetadataKey);
  if (it == metadata.end() || it->second.empty()) return "anonymous";
  std::string actor;
  for (char c : std::string_view(it->second.data(), it->second.size())) {
    if (actor.size() == 128) break;
    actor.push_back((c >= 0x20 && c < 0x7F) ? c : '?');
  }
  return actor;
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
