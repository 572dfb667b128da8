#include "common/auth/access.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/registry/bidang_registry.h"

namespace lkip {
namespace {

using common::v1::Access;

// The roles of a token that may do `access` (the service role may do everything declared).
std::vector<Role> RolesFor(Access access) {
  switch (access) {
    case common::v1::ACCESS_READ:
      return {Role::kOperator, Role::kBidang, Role::kPerencana, Role::kKepala,
              Role::kApip,     Role::kHq,     Role::kAdmin};
    case common::v1::ACCESS_WRITE_RECORDS:
      return {Role::kOperator, Role::kBidang, Role::kAdmin};
    case common::v1::ACCESS_WRITE_PLAN:
      return {Role::kPerencana, Role::kAdmin};
    case common::v1::ACCESS_WRITE_UNITS:
      return {Role::kAdmin};
    case common::v1::ACCESS_IMPORT:
      return {Role::kOperator, Role::kBidang, Role::kPerencana, Role::kAdmin};
    case common::v1::ACCESS_SUBMIT:
      return {Role::kPerencana};
    case common::v1::ACCESS_REVIEW:
      return {Role::kApip};
    case common::v1::ACCESS_APPROVE:
      return {Role::kKepala};
    case common::v1::ACCESS_REOPEN:
      return {Role::kKepala, Role::kAdmin};
    case common::v1::ACCESS_BACKUP:
      return {Role::kAdmin};
    default:  // ACCESS_LOCK: the service role only
      return {};
  }
}

std::string_view What(Access access) {
  switch (access) {
    case common::v1::ACCESS_READ:
      return "reading";
    case common::v1::ACCESS_WRITE_RECORDS:
      return "writing a bidang's records";
    case common::v1::ACCESS_WRITE_PLAN:
      return "writing the Perjanjian Kinerja and the report's texts";
    case common::v1::ACCESS_WRITE_UNITS:
      return "writing the unit tree";
    case common::v1::ACCESS_IMPORT:
      return "importing";
    case common::v1::ACCESS_SUBMIT:
      return "submitting the report for review";
    case common::v1::ACCESS_REVIEW:
      return "recording the review of the report";
    case common::v1::ACCESS_APPROVE:
      return "approving the report (ditetapkan)";
    case common::v1::ACCESS_REOPEN:
      return "reopening an approved year";
    case common::v1::ACCESS_LOCK:
      return "setting a year's lock, which only the aggregator does";
    case common::v1::ACCESS_BACKUP:
      return "taking a backup";
    default:
      return "calling a method that declares no access";
  }
}

std::string RoleList(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ", ";
    out += std::string(RoleName(r));
  }
  return out.empty() ? "no role" : out;
}

}  // namespace

Access AccessOfMethod(std::string_view path) {
  if (path.substr(0, 6) == "/grpc.") return common::v1::ACCESS_READ;
  if (path.empty() || path[0] != '/') return common::v1::ACCESS_UNSPECIFIED;
  std::string name(path.substr(1));
  std::replace(name.begin(), name.end(), '/', '.');
  const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
  if (method == nullptr) return common::v1::ACCESS_UNSPECIFIED;
  return method->options().GetExtension(common::v1::access);
}

Access AccessOfHandler(const google::protobuf::Descriptor* request, std::string_view method) {
  const std::string name(method);
  auto declared = [&](const google::protobuf::ServiceDescriptor* service) -> Access {
    if (service == nullptr) return common::v1::ACCESS_UNSPECIFIED;
    const auto* m = service->FindMethodByName(name);
    if (m == nullptr || m->input_type() != request) return common::v1::ACCESS_UNSPECIFIED;
    return m->options().GetExtension(common::v1::access);
  };
  const auto* file = request->file();
  for (int i = 0; i < file->service_count(); ++i) {
    if (Access a = declared(file->service(i)); a != common::v1::ACCESS_UNSPECIFIED) return a;
  }
  for (const auto& b : BidangServices()) {
    const std::string service = absl::StrCat(std::string(b.package), ".", std::string(b.grpc_service));
    if (Access a = declared(google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service));
        a != common::v1::ACCESS_UNSPECIFIED)
      return a;
  }
  return common::v1::ACCESS_UNSPECIFIED;
}

absl::Status CheckAccess(const Principal& caller, Access access, std::string_view path,
                         std::string_view service) {
  if (access == common::v1::ACCESS_UNSPECIFIED) {
    return absl::PermissionDeniedError(absl::StrCat(
        std::string(path), " declares no access (option lkip.common.v1.access); refused to everyone"));
  }
  if (caller.role == Role::kService) return absl::OkStatus();
  const auto roles = RolesFor(access);
  if (std::find(roles.begin(), roles.end(), caller.role) == roles.end()) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", std::string(RoleName(caller.role)), " (", caller.subject, ") may not call ",
                     std::string(path), ": ", std::string(What(access)), " is for ", RoleList(roles)));
  }
  if (caller.role == Role::kBidang && access == common::v1::ACCESS_WRITE_RECORDS &&
      caller.bidang != service) {
    return absl::PermissionDeniedError(absl::StrCat(
        "role bidang ", caller.bidang, " (", caller.subject, ") may not call ", std::string(path),
        ": it writes ", caller.bidang, "'s records, not ", std::string(service), "'s"));
  }
  return absl::OkStatus();
}

}  // namespace lkip
