// Counts every gRPC call a server finishes, and its latency, into a MetricsRegistry: a server
// interceptor, so no handler has to remember it (common/server/server_runner.cc installs it).
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <memory>

#include "common/server/metrics.h"

namespace lkip {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MetricsInterceptorFactory(
    MetricsRegistry* registry);

}  // namespace lkip
