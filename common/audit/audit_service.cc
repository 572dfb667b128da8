#include "common/audit/audit_service.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/audit/audit_listing.h"
#include "common/audit/keyspaces.h"
#include "common/server/call_context.h"
#include "common/server/forward.h"
#include "common/server/unary.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"

namespace lkip {
namespace {

constexpr char kMethod[] = "ListAuditEntries";

absl::StatusOr<std::optional<int64_t>> MicrosOf(const std::string& field, const std::string& text) {
  if (text.empty()) return std::nullopt;
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": \"", text, "\" is not an RFC 3339 time such as 2024-01-15T08:00:00Z (", error, ")"));
  }
  return absl::ToUnixMicros(t);
}

}  // namespace

audit::v1::AuditEntry AuditEntryOf(const std::string& service, const storage::v1::AuditEntry& e) {
  audit::v1::AuditEntry out;
  out.set_service(service);
  out.set_actor(e.actor());
  out.set_time(
      absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromUnixMicros(e.unix_micros()), absl::UTCTimeZone()));
  out.set_method(e.method());
  out.set_summary(e.summary());
  out.set_bundle_id(e.bundle_id());
  for (const auto& c : e.changes()) {
    audit::v1::AuditChange* change = out.add_changes();
    change->set_keyspace(KeyspaceNameOf(c.key()));
    change->set_key(ReadableKey(c.key()));
    change->set_deleted(c.deleted());
    change->set_prefix(c.prefix());
    change->set_had_previous(c.had_previous());
    if (c.had_previous()) change->set_previous(ReadableValue(c.key(), c.previous_value()));
    if (!c.value().empty()) change->set_value(ReadableValue(c.key(), c.value()));
  }
  return out;
}

grpc::ServerUnaryReactor* AuditService::ListAuditEntries(grpc::CallbackServerContext* context,
                                                         const audit::v1::ListAuditEntriesRequest* request,
                                                         audit::v1::ListAuditEntriesResponse* response) {
  const std::string& asked = request->service();
  if (!asked.empty() && asked != service_) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (RefuseOutOfScope(context, reactor, kMethod, *request)) return reactor;
    std::shared_ptr<grpc::Channel> channel = channel_of_ ? channel_of_(asked) : nullptr;
    if (channel == nullptr) {
      FinishWith(
          reactor, kMethod,
          absl::InvalidArgumentError(absl::StrCat(
              "service: \"", asked, "\" cannot be asked from ", service_,
              channel_of_ ? " (not a bidang service with an address here)" : " (ask the aggregator)")));
      return reactor;
    }
    audit::v1::ListAuditEntriesRequest forwarded = *request;
    forwarded.clear_service();  // the service asked answers for itself
    ForwardUnary<audit::v1::AuditService>(
        context, reactor, kMethod, std::move(channel), std::move(forwarded), response,
        [](auto* async, auto... args) { async->ListAuditEntries(args...); });
    return reactor;
  }
  return FinishUnary(context, kMethod, *request, [&]() -> absl::Status {
    AuditFilter filter{request->actor(), request->satker_code(), request->keyspace(), std::nullopt,
                       std::nullopt};
    ASSIGN_OR_RETURN(filter.since_micros, MicrosOf("since", request->since()));
    ASSIGN_OR_RETURN(filter.until_micros, MicrosOf("until", request->until()));
    ASSIGN_OR_RETURN(AuditPage page, ListAudit(*store_, filter, request->page_token(), request->page_size()));
    for (const auto& e : page.entries) *response->add_entries() = AuditEntryOf(service_, e);
    response->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace lkip
