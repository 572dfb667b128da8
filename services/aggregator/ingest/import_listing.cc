#include "services/aggregator/ingest/import_listing.h"

#include "absl/strings/str_cat.h"
#include "common/registry/bidang_registry.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "common/storage/pagination.h"
#include "common/storage/store.h"

namespace lkip::aggregator {
namespace {

absl::StatusOr<std::unique_ptr<indicator::v1::IndicatorSource::Stub>> SourceOf(BidangClients& clients,
                                                                               const std::string& service) {
  auto channel = clients.Channel(service);
  if (channel == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(service, " has no address: the aggregator's --", service, "_addr is not set"));
  }
  return indicator::v1::IndicatorSource::NewStub(channel);
}

// A service's failure, named: its own refusal of the request passes on, anything else is UNAVAILABLE.
absl::Status Failed(const std::string& service, const grpc::Status& s) {
  const absl::Status status = FromGrpc(s);
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kDataLoss:
      return status;
    default:
      break;
  }
  return absl::UnavailableError(absl::StrCat(service, ": ", status.message()));
}

}  // namespace

absl::StatusOr<report::v1::ListImportsResponse> ListImports(const report::v1::ListImportsRequest& request,
                                                            BidangClients& clients,
                                                            std::chrono::system_clock::time_point deadline) {
  ASSIGN_OR_RETURN(const size_t page_size, PageSize(request.page_size()));
  const auto& services = BidangServices();
  size_t next = 0;
  std::string inner;
  if (!request.page_token().empty()) {
    const size_t colon = request.page_token().find(':');
    for (next = 0; next < services.size(); ++next) {
      if (colon != std::string::npos && request.page_token().compare(0, colon, services[next].name) == 0)
        break;
    }
    if (next == services.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("page_token: \"", request.page_token(), "\" is not a token of ListImports"));
    }
    inner = request.page_token().substr(colon + 1);
  }
  report::v1::ListImportsResponse out;
  for (; next < services.size(); ++next, inner.clear()) {
    const std::string service(services[next].name);
    ASSIGN_OR_RETURN(auto stub, SourceOf(clients, service));
    indicator::v1::ListImportsRequest ask;
    ask.set_fiscal_year(request.fiscal_year());
    ask.set_kind(request.kind());
    ask.set_page_size(static_cast<int>(page_size - static_cast<size_t>(out.imports_size())));
    ask.set_page_token(inner);
    grpc::ClientContext context;
    context.set_deadline(deadline);
    indicator::v1::ListImportsResponse page;
    if (grpc::Status s = stub->ListImports(&context, ask, &page); !s.ok()) return Failed(service, s);
    for (auto& i : *page.mutable_imports()) *out.add_imports() = std::move(i);
    if (!page.next_page_token().empty()) {
      out.set_next_page_token(absl::StrCat(service, ":", page.next_page_token()));
      return out;
    }
    if (static_cast<size_t>(out.imports_size()) >= page_size && next + 1 < services.size()) {
      out.set_next_page_token(absl::StrCat(std::string(services[next + 1].name), ":"));
      return out;
    }
  }
  return out;
}

absl::StatusOr<report::v1::GetImportResponse> GetImport(const report::v1::GetImportRequest& request,
                                                        BidangClients& clients,
                                                        std::chrono::system_clock::time_point deadline) {
  if (request.kind().empty()) return absl::InvalidArgumentError("kind: is required");
  if (request.import_id().empty()) return absl::InvalidArgumentError("import_id: is required");
  for (const BidangService& svc : BidangServices()) {
    const std::string service(svc.name);
    ASSIGN_OR_RETURN(auto stub, SourceOf(clients, service));
    indicator::v1::GetImportRequest ask;
    ask.set_kind(request.kind());
    ask.set_import_id(request.import_id());
    grpc::ClientContext context;
    context.set_deadline(deadline);
    report::v1::GetImportResponse out;
    const grpc::Status s = stub->GetImport(&context, ask, out.mutable_import());
    if (s.ok()) return out;
    if (s.error_code() != grpc::StatusCode::NOT_FOUND) return Failed(service, s);
  }
  return absl::NotFoundError(
      absl::StrCat("import ", request.kind(), "/", request.import_id(), " was not committed by any service"));
}

absl::StatusOr<report::v1::WithdrawImportResponse> WithdrawImport(
    const report::v1::WithdrawImportRequest& request, const OnBehalf& caller, BidangClients& clients,
    std::chrono::system_clock::time_point deadline) {
  report::v1::GetImportRequest find;
  find.set_kind(request.kind());
  find.set_import_id(request.import_id());
  ASSIGN_OR_RETURN(report::v1::GetImportResponse found, GetImport(find, clients, deadline));
  const std::string& service = found.import().service();
  ASSIGN_OR_RETURN(auto stub, SourceOf(clients, service));
  indicator::v1::WithdrawImportRequest ask;
  ask.set_kind(request.kind());
  ask.set_import_id(request.import_id());
  ask.set_reason(request.reason());
  grpc::ClientContext context;
  context.set_deadline(deadline);
  AddOnBehalf(&context, caller);
  indicator::v1::WithdrawImportResponse withdrawn;
  if (grpc::Status s = stub->WithdrawImport(&context, ask, &withdrawn); !s.ok()) return Failed(service, s);
  report::v1::WithdrawImportResponse out;
  *out.mutable_import() = std::move(*withdrawn.mutable_import());
  return out;
}

}  // namespace lkip::aggregator
