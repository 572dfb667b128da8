// An aggregator for tests: its own store in a temporary directory and lkip.report.v1 and
// lkip.approval.v1 on a real server on 127.0.0.1:0 (the manifest signed with the test PKI's key), in front of
// the bidang services at `addresses` (service name -> host:port; a service left out has no address, as with
// an unset --<name>_addr).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/approval/year_lock_service.h"
#include "common/audit/audit_service.h"
#include "common/backup/backup_service.h"
#include "common/rules/rule_book.h"
#include "common/server/background_work.h"
#include "common/storage/store.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "services/aggregator/aggregator_service.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/approval/approval_service.h"
#include "services/aggregator/bidang_clients.h"
#include "services/aggregator/report_service.h"

namespace lkip::testing {

class AggregatorFixture {
 public:
  // `rules_dirs` as --rules_dir takes it; empty: deploy/rules.
  explicit AggregatorFixture(const std::map<std::string, std::string>& addresses,
                             const std::string& rules_dirs = "");
  ~AggregatorFixture();

  report::v1::ReportService::Stub& reports() { return *reports_stub_; }
  Store& store() { return *store_; }
  aggregator::AggregatorStores& stores() { return *stores_; }
  aggregator::BidangClients& clients() { return *clients_; }
  UnitRegistryService& units() { return *units_; }
  // The aggregator's server, for stubs of its other services (lkip.approval.v1).
  TestServer& server() { return *server_; }
  std::unique_ptr<approval::v1::ApprovalService::Stub> approvals() {
    return approval::v1::ApprovalService::NewStub(server_->Channel());
  }
  // lkip.aggregator.v1 (the Perjanjian Kinerja, texts and comparisons).
  std::unique_ptr<aggregator::v1::Aggregator::Stub> data() {
    return aggregator::v1::Aggregator::NewStub(server_->Channel());
  }
  std::unique_ptr<audit::v1::AuditService::Stub> audit() {
    return audit::v1::AuditService::NewStub(server_->Channel());
  }
  std::unique_ptr<backup::v1::BackupService::Stub> backup() {
    return backup::v1::BackupService::NewStub(server_->Channel());
  }

 private:
  TempDir dir_;
  RuleBook rules_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<aggregator::AggregatorStores> stores_;
  std::unique_ptr<aggregator::BidangClients> clients_;
  std::unique_ptr<BackgroundWork> background_;
  std::unique_ptr<UnitRegistryService> units_;
  std::unique_ptr<aggregator::ReportService> reports_;
  std::unique_ptr<YearLockService> locks_;
  std::unique_ptr<aggregator::ApprovalService> approvals_;
  std::unique_ptr<AuditService> audit_;
  std::unique_ptr<BackupService> backup_;
  std::unique_ptr<aggregator::AggregatorService> data_;
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<report::v1::ReportService::Stub> reports_stub_;
};

}  // namespace lkip::testing
