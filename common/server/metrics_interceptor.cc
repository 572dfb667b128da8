#include "common/server/metrics_interceptor.h"

#include <string>

#include "absl/time/clock.h"

namespace lkip {
namespace {

using grpc::experimental::InterceptionHookPoints;

class MetricsInterceptor : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(grpc::experimental::ServerRpcInfo* info, MetricsRegistry* registry)
      : registry_(registry), method_(info->method()), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      registry_->CountRequest(method_, static_cast<int>(methods->GetSendStatus().error_code()),
                              absl::Now() - start_);
    }
    methods->Proceed();
  }

 private:
  MetricsRegistry* registry_;
  std::string method_;
  absl::Time start_;
};

class Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(MetricsRegistry* registry) : registry_(registry) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new MetricsInterceptor(info, registry_);
  }

 private:
  MetricsRegistry* registry_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MetricsInterceptorFactory(
    MetricsRegistry* registry) {
  return std::make_unique<Factory>(registry);
}

}  // namespace lkip
