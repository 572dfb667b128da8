// main() of every bidang service binary: ServiceMain with the bidang core, the service's own
// package, the indicator contract, the unit registry, the year lock, the audit trail and backups.
#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/approval/year_lock_service.h"
#include "common/audit/audit_service.h"
#include "common/backup/backup_service.h"
#include "common/bidang/bidang_service.h"
#include "common/bidang/import_retention.h"
#include "common/bidang/import_session.h"
#include "common/server/service_main.h"
#include "common/units/unit_registry_service.h"

namespace lkip {

// `Records` implements the service's own package (the shared satker-value RPCs by default).
template <typename GeneratedService, typename Records = BidangRecordsService<GeneratedService>>
int BidangMain(int argc, char** argv, const std::string& service) {
  // Declared in this order so the services go before the core they call.
  struct Bidang : ServedParts {
    Bidang(const std::string& name, Store* store, const RuleBook* rules)
        : core(name, store, rules),
          records(&core),
          indicators(&core),
          units(store),
          locks(store),
          audit(store, name),
          backup(store, name) {}
    BidangCore core;
    Records records;
    IndicatorSourceService indicators;
    UnitRegistryService units;
    YearLockService locks;
    AuditService audit;
    BackupService backup;
    std::unique_ptr<ImportRowRetention> retention;  // with --import_rows_keep_days
  };
  return ServiceMain(
      argc, argv, service, [&service](const ServiceEnv& env) -> absl::StatusOr<std::unique_ptr<ServedParts>> {
        // Imports a crash cut off are not data: discarded before serving.
        absl::StatusOr<int> purged = PurgeAbandonedImports(*env.store);
        if (!purged.ok()) return purged.status();
        if (*purged > 0) spdlog::info("event=abandoned_imports_purged imports={}", *purged);
        absl::StatusOr<absl::Duration> keep = ImportRowsKeepFlag();
        if (!keep.ok()) return keep.status();
        auto b = std::make_unique<Bidang>(service, env.store, env.rules);
        if (*keep > absl::ZeroDuration()) {
          b->retention = std::make_unique<ImportRowRetention>(env.store, *keep);
          b->log_detail = absl::StrCat("import_rows_keep_days=", *keep / absl::Hours(24));
        }
        b->services = {&b->records, &b->indicators, &b->units, &b->locks, &b->audit, &b->backup};
        b->health_names = {
            GeneratedService::service_full_name(),        indicator::v1::IndicatorSource::service_full_name(),
            unit::v1::UnitRegistry::service_full_name(),  approval::v1::YearLockService::service_full_name(),
            audit::v1::AuditService::service_full_name(), backup::v1::BackupService::service_full_name()};
        return b;
      });
}

}  // namespace lkip
