// Every RPC of every lkip service declares what it does to the data (option
// (lkip.common.v1.access)): an RPC without it is refused to everyone, so an RPC added without it
// fails here and not in front of a user.
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "common/auth/access.h"
#include "common/registry/bidang_protos.inc"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "lkip/audit/v1/audit.grpc.pb.h"
#include "lkip/backup/v1/backup.grpc.pb.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "lkip/unit/v1/unit.grpc.pb.h"

namespace lkip {
namespace {

TEST(RpcAccessTest, EveryRpcDeclaresItsAccess) {
  const std::vector<std::string> names = {
      aggregator::v1::Aggregator::service_full_name(), report::v1::ReportService::service_full_name(),
      unit::v1::UnitRegistry::service_full_name(),     indicator::v1::IndicatorSource::service_full_name(),
      audit::v1::AuditService::service_full_name(),    backup::v1::BackupService::service_full_name(),
#define LKIP_BIDANG(name, Service, package, label, ikk) name::v1::Service::service_full_name(),
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
  };
  int methods = 0;
  for (const auto& name : names) {
    const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    ASSERT_NE(service, nullptr) << name;
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      const std::string path = "/" + service->full_name() + "/" + m->name();
      EXPECT_NE(AccessOfMethod(path), common::v1::ACCESS_UNSPECIFIED) << path << " declares no access";
      ++methods;
    }
  }
  EXPECT_GE(methods, 70);
}

}  // namespace
}  // namespace lkip
