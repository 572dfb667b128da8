#include "services/aggregator/aggregator_service.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "services/aggregator/pk_record.h"
#include "services/aggregator/report/bound_figures.h"
#include "services/aggregator/report/text_inputs.h"
#include "services/aggregator/text_messages.h"

namespace lkip::aggregator {

grpc::ServerUnaryReactor* AggregatorService::PutPerjanjianKinerja(
    grpc::CallbackServerContext* context, const aggregator::v1::PutPerjanjianKinerjaRequest* request,
    aggregator::v1::PutPerjanjianKinerjaResponse* response) {
  return FinishUnary(context, "PutPerjanjianKinerja", *request, [&]() -> absl::Status {
    if (!request->has_perjanjian_kinerja()) {
      return absl::InvalidArgumentError("perjanjian_kinerja: is required");
    }
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units, LoadUnitTree(*stores_->store));
    const auto& pk = request->perjanjian_kinerja();
    ASSIGN_OR_RETURN(storage::v1::PerjanjianKinerjaRecord record,
                     CheckPerjanjianKinerja(*stores_->rules, *units, pk));
    ASSIGN_OR_RETURN(bool changed,
                     stores_->pk.Put(MakeWriteContext(*context, "PutPerjanjianKinerja", *request),
                                     pk.fiscal_year(), pk.province_code(), std::move(record)));
    response->set_changed(changed);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetPerjanjianKinerja(
    grpc::CallbackServerContext* context, const aggregator::v1::GetPerjanjianKinerjaRequest* request,
    aggregator::v1::PerjanjianKinerja* response) {
  return FinishUnary(context, "GetPerjanjianKinerja", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    ASSIGN_OR_RETURN(auto record, stores_->pk.Get(request->fiscal_year(), request->province_code()));
    *response = PkMessage(request->fiscal_year(), request->province_code(), record);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::PutNarratives(
    grpc::CallbackServerContext* context, const aggregator::v1::PutNarrativesRequest* request,
    aggregator::v1::PutNarrativesResponse* response) {
  return FinishUnary(context, "PutNarratives", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    ASSIGN_OR_RETURN(std::vector<NarrativeInput> narratives, CheckNarratives(*request));
    // A figure bound in a text ({{ref}}) names an IKK of the year's rule set and satker of the
    // province; whether the data holds it yet is the verifier's question.
    ASSIGN_OR_RETURN(const YearRules* rules, stores_->rules->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units, LoadUnitTree(*stores_->store));
    const RefNames names{[rules](const std::string& code) { return rules->FindIndicator(code) != nullptr; },
                         [&units, &request](const std::string& code) {
                           return units->Find(code) != nullptr &&
                                  units->ProvinceOf(code) == request->province_code();
                         }};
    for (size_t i = 0; i < narratives.size(); ++i) {
      RETURN_IF_ERROR(CheckBoundRefs(absl::StrCat("narratives[", i, "].text"), narratives[i].text, names));
    }
    ASSIGN_OR_RETURN(NarrativeWriteOutcome outcome,
                     stores_->narratives.Put(MakeWriteContext(*context, "PutNarratives", *request),
                                             request->fiscal_year(), request->province_code(), narratives));
    response->set_written(outcome.written);
    response->set_unchanged(outcome.unchanged);
    response->set_removed(outcome.removed);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetNarratives(
    grpc::CallbackServerContext* context, const aggregator::v1::GetNarrativesRequest* request,
    aggregator::v1::GetNarrativesResponse* response) {
  return FinishUnary(context, "GetNarratives", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    ASSIGN_OR_RETURN(auto narratives,
                     stores_->narratives.Get(request->fiscal_year(), request->province_code()));
    *response = NarrativesMessage(narratives);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::PutComparisons(
    grpc::CallbackServerContext* context, const aggregator::v1::PutComparisonsRequest* request,
    aggregator::v1::PutComparisonsResponse* response) {
  return FinishUnary(context, "PutComparisons", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    ASSIGN_OR_RETURN(std::vector<ComparisonInput> comparisons, CheckComparisons(*request));
    ASSIGN_OR_RETURN(ComparisonWriteOutcome outcome,
                     stores_->comparisons.Put(MakeWriteContext(*context, "PutComparisons", *request),
                                              request->fiscal_year(), request->province_code(), comparisons));
    response->set_written(outcome.written);
    response->set_unchanged(outcome.unchanged);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetComparisons(
    grpc::CallbackServerContext* context, const aggregator::v1::GetComparisonsRequest* request,
    aggregator::v1::GetComparisonsResponse* response) {
  return FinishUnary(context, "GetComparisons", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYearProvince(request->fiscal_year(), request->province_code()));
    ASSIGN_OR_RETURN(auto comparisons,
                     stores_->comparisons.Get(request->fiscal_year(), request->province_code()));
    *response = ComparisonsMessage(comparisons);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetRuleSet(grpc::CallbackServerContext* context,
                                                        const aggregator::v1::GetRuleSetRequest* request,
                                                        rules::v1::RuleSet* response) {
  return FinishUnary(context, "GetRuleSet", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const YearRules* rules, stores_->rules->ForYear(request->fiscal_year()));
    *response = rules->rules();
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AggregatorService::GetCapaian(grpc::CallbackServerContext* context,
                                                        const aggregator::v1::GetCapaianRequest* request,
                                                        aggregator::v1::CapaianReport* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "GetCapaian", *request)) return reactor;
  // The fan-out finishes the call from its last callback; nothing here blocks.
  fetch_.Capaian(context, request->fiscal_year(), request->province_code(),
                 [reactor, response](absl::StatusOr<aggregator::v1::CapaianReport> report) {
                   FinishWith(reactor, "GetCapaian", Deliver(std::move(report), response));
                 });
  return reactor;
}

grpc::ServerUnaryReactor* AggregatorService::ListServices(grpc::CallbackServerContext* context,
                                                          const aggregator::v1::ListServicesRequest* request,
                                                          aggregator::v1::ListServicesResponse* response) {
  return FinishUnary(context, "ListServices", *request, [&] {
    for (auto& s : clients_->Describe()) *response->add_services() = std::move(s);
    return absl::OkStatus();
  });
}

}  // namespace lkip::aggregator
