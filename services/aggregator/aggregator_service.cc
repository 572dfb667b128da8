#include "services/aggregator/aggregator_service.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/status.h"

namespace lkip::aggregator {
namespace {

absl::Status CheckYearProvince(int year, const std::string& province) {
  if (year < 2000 || year > 2100) {
    return absl::InvalidArgumentError(absl::StrCat("fiscal_year: ", year, " is outside 2000..2100"));
  }
  if (province.empty()) return absl::InvalidArgumentError("province_code: is required");
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* AggregatorService::PutPerjanjianKinerja(
    grpc::CallbackServerContext* context, const aggregator::v1::PutPerjanjianKinerjaRequest* request,
    aggregator::v1::PutPerjanjianKinerjaResponse* response) {
  return FinishUnary(context, "PutPerjanjianKinerja", [&]() -> absl::Status {
    if (!request->has_perjanjian_kinerja()) {
      return absl::InvalidArgumentError("perjanjian_kinerja: is required");
    }
    ASSIGN_OR_RETURN(bool changed, pk_.Put(MakeWriteContext(*context, "PutPerjanjianKinerja"),
                                           request->perjanjian_kinerja()));
    response->set_changed(changed);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetPerjanjianKinerja(
    grpc::CallbackServerContext* context, const aggregator::v1::GetPerjanjianKinerjaRequest* request,
    aggregator::v1::PerjanjianKinerja* response) {
  return FinishUnary(context, "GetPerjanjianKinerja", [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    return Deliver(pk_.Get(request->fiscal_year(), request->province_code()), response);
  });
}

grpc::ServerUnaryReactor* AggregatorService::PutNarratives(grpc::CallbackServerContext* context,
                                                           const aggregator::v1::PutNarrativesRequest* request,
                                                           aggregator::v1::PutNarrativesResponse* response) {
  return FinishUnary(context, "PutNarratives", [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    return Deliver(narratives_.Put(MakeWriteContext(*context, "PutNarratives"), *request), response);
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetNarratives(grpc::CallbackServerContext* context,
                                                           const aggregator::v1::GetNarrativesRequest* request,
                                                           aggregator::v1::GetNarrativesResponse* response) {
  return FinishUnary(context, "GetNarratives", [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    return Deliver(narratives_.Get(request->fiscal_year(), request->province_code()), response);
  });
}

grpc::ServerUnaryReactor* AggregatorService::PutComparisons(grpc::CallbackServerContext* context,
                                                            const aggregator::v1::PutComparisonsRequest* request,
                                                            aggregator::v1::PutComparisonsResponse* response) {
  return FinishUnary(context, "PutComparisons", [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    return Deliver(comparisons_.Put(MakeWriteContext(*context, "PutComparisons"), *request), response);
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetComparisons(grpc::CallbackServerContext* context,
                                                            const aggregator::v1::GetComparisonsRequest* request,
                                                            aggregator::v1::GetComparisonsResponse* response) {
  return FinishUnary(context, "GetComparisons", [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    return Deliver(comparisons_.Get(request->fiscal_year(), request->province_code()), response);
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetRuleSet(grpc::CallbackServerContext* context,
                                                        const aggregator::v1::GetRuleSetRequest* request,
                                                        rules::v1::RuleSet* response) {
  return FinishUnary(context, "GetRuleSet", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(request->fiscal_year()));
    *response = rules->rules();
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetCapaian(grpc::CallbackServerContext* context,
                                                        const aggregator::v1::GetCapaianRequest* request,
                                                        aggregator::v1::CapaianReport* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto fail = [reactor](const absl::Status& status) {
    spdlog::warn("method=GetCapaian code={} error=\"{}\"", absl::StatusCodeToString(status.code()),
                 std::string(status.message()));
    reactor->Finish(ToGrpc(status));
    return reactor;
  };
  if (absl::Status s = CheckYearProvince(request->fiscal_year(), request->province_code()); !s.ok()) {
    return fail(s);
  }
  auto rules = rules_->ForYear(request->fiscal_year());
  if (!rules.ok()) return fail(rules.status());
  auto pk = pk_.Get(request->fiscal_year(), request->province_code());
  if (!pk.ok()) return fail(pk.status());
  auto units = LoadUnitTree(*store_);
  if (!units.ok()) return fail(units.status());
  // The fan-out finishes the call from its last callback; nothing here blocks.
  clients_->FetchAll(
      context, request->fiscal_year(), request->province_code(),
      [reactor, response, rules = *rules, pk = std::move(*pk),
       units = std::move(*units)](std::vector<ServiceFetch> fetched) {
        auto report = BuildCapaianReport(pk, units, *rules, fetched);
        if (!report.ok()) {
          spdlog::warn("method=GetCapaian code={} error=\"{}\"",
                       absl::StatusCodeToString(report.status().code()), std::string(report.status().message()));
          reactor->Finish(ToGrpc(report.status()));
          return;
        }
        *response = std::move(*report);
        reactor->Finish(grpc::Status::OK);
      });
  return reactor;
}

grpc::ServerUnaryReactor* AggregatorService::ListServices(grpc::CallbackServerContext* context,
                                                          const aggregator::v1::ListServicesRequest*,
                                                          aggregator::v1::ListServicesResponse* response) {
  return FinishUnary(context, "ListServices", [&] {
    for (auto& s : clients_->Describe()) *response->add_services() = std::move(s);
    return absl::OkStatus();
  });
}

}  // namespace lkip::aggregator
