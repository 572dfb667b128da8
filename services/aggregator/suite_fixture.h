// A whole suite in one process, for tests and fuzz targets: every bidang service of the registry
// with its own store and server on 127.0.0.1:0 (keuangan with its budget tables), and the
// aggregator (lkip.report.v1 with the shipped rules and templates) in front of them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/approval/year_lock_service.h"
#include "common/audit/audit_service.h"
#include "common/backup/backup_service.h"
#include "common/bidang/bidang_service.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"
#include "services/aggregator/aggregator_fixture.h"

namespace lkip::testing {

// One bidang service: its store, core, records and indicator services on a real server.
struct SuiteBidang {
  std::string name;
  TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<BidangCore> core;
  std::unique_ptr<grpc::Service> records;
  std::unique_ptr<IndicatorSourceService> indicators;
  std::unique_ptr<UnitRegistryService> units;
  std::unique_ptr<YearLockService> locks;
  std::unique_ptr<AuditService> audit;
  std::unique_ptr<BackupService> backup;
  std::unique_ptr<TestServer> server;

  size_t AuditEntries() const { return store->ReadAudit(100000)->size(); }
};

class SuiteFixture {
 public:
  // `rules_dirs` as --rules_dir takes it (folders separated by ':'); empty: deploy/rules.
  explicit SuiteFixture(const std::string& rules_dirs = "");

  report::v1::ReportService::Stub& reports() { return aggregator_->reports(); }
  // The bidang services in the registry's order.
  std::vector<std::unique_ptr<SuiteBidang>>& bidang() { return bidang_; }
  Store& aggregator_store() { return aggregator_->store(); }
  AggregatorFixture& aggregator() { return *aggregator_; }
  // Audit entries in every store: a write anywhere adds one.
  size_t WritesEverywhere() const;
  // Commits in every store since the suite started: the same count, without reading the audit.
  uint64_t CommitsEverywhere() const;
  // The NTB 2023 example's bundle (examples/ntb-2023/bundle.json), as lkipctl sends it.
  static report::v1::ImportBundleRequest ExampleBundle();
  // Imports it through the aggregator as an admin.
  grpc::Status ImportExample();
  // The NTB 2023 report rendered in `formats`, as an admin.
  grpc::Status RenderExample(std::initializer_list<report::v1::DocumentFormat> formats,
                             report::v1::RenderReportResponse* out);
  // Stores the example's written texts and comparison values (examples/ntb-2023/narratives.json,
  // comparisons.json) as a perencana of NTB, as the demo does with lkipctl.
  grpc::Status PutExampleTexts();
  // A bundle of the example's records, examples/ntb-2023/raw/<name> (published.json, kawasan.json, ...).
  static report::v1::ImportBundleRequest RawBundle(const std::string& name);

 private:
  RuleBook book_;
  std::vector<std::unique_ptr<SuiteBidang>> bidang_;
  std::unique_ptr<AggregatorFixture> aggregator_;
};

}  // namespace lkip::testing
