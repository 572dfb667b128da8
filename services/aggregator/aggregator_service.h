// gRPC adapter of lkip.aggregator.v1.Aggregator: orchestration only; the report itself is
// built by capaian_builder.
#pragma once

#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/bidang_clients.h"
#include "services/aggregator/report_fetch.h"

namespace lkip::aggregator {

class AggregatorService final : public aggregator::v1::Aggregator::CallbackService {
 public:
  AggregatorService(AggregatorStores* stores, BidangClients* clients)
      : stores_(stores), clients_(clients), fetch_(stores, clients) {}

  grpc::ServerUnaryReactor* PutPerjanjianKinerja(
      grpc::CallbackServerContext* context, const aggregator::v1::PutPerjanjianKinerjaRequest* request,
      aggregator::v1::PutPerjanjianKinerjaResponse* response) override;
  grpc::ServerUnaryReactor* GetPerjanjianKinerja(grpc::CallbackServerContext* context,
                                                 const aggregator::v1::GetPerjanjianKinerjaRequest* request,
                                                 aggregator::v1::PerjanjianKinerja* response) override;
  grpc::ServerUnaryReactor* GetCapaian(grpc::CallbackServerContext* context,
                                       const aggregator::v1::GetCapaianRequest* request,
                                       aggregator::v1::CapaianReport* response) override;
  grpc::ServerUnaryReactor* ListServices(grpc::CallbackServerContext* context,
                                         const aggregator::v1::ListServicesRequest* request,
                                         aggregator::v1::ListServicesResponse* response) override;
  grpc::ServerUnaryReactor* PutNarratives(grpc::CallbackServerContext* context,
                                          const aggregator::v1::PutNarrativesRequest* request,
                                          aggregator::v1::PutNarrativesResponse* response) override;
  grpc::ServerUnaryReactor* GetNarratives(grpc::CallbackServerContext* context,
                                          const aggregator::v1::GetNarrativesRequest* request,
                                          aggregator::v1::GetNarrativesResponse* response) override;
  grpc::ServerUnaryReactor* PutComparisons(grpc::CallbackServerContext* context,
                                           const aggregator::v1::PutComparisonsRequest* request,
                                           aggregator::v1::PutComparisonsResponse* response) override;
  grpc::ServerUnaryReactor* GetComparisons(grpc::CallbackServerContext* context,
                                           const aggregator::v1::GetComparisonsRequest* request,
                                           aggregator::v1::GetComparisonsResponse* response) override;
  grpc::ServerUnaryReactor* GetRuleSet(grpc::CallbackServerContext* context,
                                       const aggregator::v1::GetRuleSetRequest* request,
                                       rules::v1::RuleSet* response) override;

 private:
  AggregatorStores* stores_;
  BidangClients* clients_;
  ReportFetch fetch_;
};

}  // namespace lkip::aggregator
