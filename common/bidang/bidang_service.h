// gRPC adapters of a bidang service: its own records API (lkip.<svc>.v1.<Svc>, whose satker
// value RPCs have the same shape in every bidang package) and the shared IndicatorSource.
#pragma once

#include <grpcpp/grpcpp.h>

#include "common/bidang/satker_values.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"

namespace lkip {

// `GeneratedService` is the generated class of a bidang package, e.g.
// lkip::pencegahan::v1::Pencegahan. A service with raw-instrument RPCs derives from this and
// implements them.
template <typename GeneratedService>
class BidangRecordsService : public GeneratedService::CallbackService {
 public:
  explicit BidangRecordsService(BidangCore* core) : core_(core) {}

  grpc::ServerUnaryReactor* RecordSatkerValues(grpc::CallbackServerContext* context,
                                               const indicator::v1::RecordSatkerValuesRequest* request,
                                               indicator::v1::RecordSatkerValuesResponse* response) override {
    return FinishUnary(context, "RecordSatkerValues", *request, [&] {
      return Deliver(
          core_->RecordSatkerValues(MakeWriteContext(*context, "RecordSatkerValues", *request), *request),
          response);
    });
  }

  grpc::ServerUnaryReactor* ListSatkerValues(grpc::CallbackServerContext* context,
                                             const indicator::v1::ListSatkerValuesRequest* request,
                                             indicator::v1::ListSatkerValuesResponse* response) override {
    return FinishUnary(context, "ListSatkerValues", *request,
                       [&] { return Deliver(core_->ListSatkerValues(*request), response); });
  }

 protected:
  BidangCore* core() const { return core_; }

 private:
  BidangCore* core_;
};

class IndicatorSourceService final : public indicator::v1::IndicatorSource::CallbackService {
 public:
  explicit IndicatorSourceService(BidangCore* core) : core_(core) {}

  grpc::ServerUnaryReactor* ListIndicators(grpc::CallbackServerContext* context,
                                           const indicator::v1::ListIndicatorsRequest* request,
                                           indicator::v1::ListIndicatorsResponse* response) override {
    return FinishUnary(context, "ListIndicators", *request,
                       [&] { return Deliver(core_->ListIndicators(*request), response); });
  }

  grpc::ServerUnaryReactor* GetIndicatorValues(grpc::CallbackServerContext* context,
                                               const indicator::v1::GetIndicatorValuesRequest* request,
                                               indicator::v1::GetIndicatorValuesResponse* response) override {
    return FinishUnary(context, "GetIndicatorValues", *request,
                       [&] { return Deliver(core_->GetIndicatorValues(*request), response); });
  }

  grpc::ServerUnaryReactor* ListImports(grpc::CallbackServerContext* context,
                                        const indicator::v1::ListImportsRequest* request,
                                        indicator::v1::ListImportsResponse* response) override {
    return FinishUnary(context, "ListImports", *request,
                       [&] { return Deliver(core_->ListImports(*request), response); });
  }

  grpc::ServerUnaryReactor* GetImport(grpc::CallbackServerContext* context,
                                      const indicator::v1::GetImportRequest* request,
                                      indicator::v1::ImportInfo* response) override {
    return FinishUnary(context, "GetImport", *request,
                       [&] { return Deliver(core_->GetImport(*request), response); });
  }

  grpc::ServerUnaryReactor* WithdrawImport(grpc::CallbackServerContext* context,
                                           const indicator::v1::WithdrawImportRequest* request,
                                           indicator::v1::WithdrawImportResponse* response) override {
    return FinishUnary(context, "WithdrawImport", *request, [&] {
      return Deliver(core_->WithdrawImport(MakeWriteContext(*context, "WithdrawImport", *request), *request),
                     response);
    });
  }

  grpc::ServerUnaryReactor* RollBackBundle(grpc::CallbackServerContext* context,
                                           const indicator::v1::RollBackBundleRequest* request,
                                           indicator::v1::RollBackBundleResponse* response) override {
    return FinishUnary(context, "RollBackBundle", *request, [&] {
      return Deliver(core_->RollBackBundle(MakeWriteContext(*context, "RollBackBundle", *request), *request),
                     response);
    });
  }

 private:
  BidangCore* core_;
};

}  // namespace lkip
