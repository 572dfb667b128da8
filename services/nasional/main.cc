// The national service (BNN headquarters): pulls every province's report from its aggregator
// (--provinces, a lkip.nasional.v1.ProvinceDirectory), keeps the last good one per province in
// its store, and serves the national roll-up (lkip.nasional.v1). One per headquarters, on its
// own host; docs/operations.md, "National roll-up".
#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/audit/audit_service.h"
#include "common/backup/backup_service.h"
#include "common/server/service_main.h"
#include "services/nasional/nasional_core.h"
#include "services/nasional/nasional_service.h"
#include "services/nasional/pull_schedule.h"

ABSL_FLAG(std::string, provinces, "",
          "the provincial aggregators to pull from: a lkip.nasional.v1.ProvinceDirectory in protobuf's JSON "
          "mapping (docs/operations.md, \"National roll-up\")");
ABSL_FLAG(std::string, hq_token_file, "",
          "a file holding the hq token the provinces accept (lkipctl token issue --role hq), read at every "
          "pull; a province's token_file replaces it");
ABSL_FLAG(std::string, templates_dir, LKIP_DEFAULT_TEMPLATE_DIR,
          "folder of nasional.html.mustache, the national page's template");
ABSL_FLAG(std::vector<std::string>, pull_years, {},
          "fiscal years to pull on a clock (comma-separated, e.g. 2023,2024); none: only when asked "
          "(PullReports, lkipctl nasional tarik)");
ABSL_FLAG(absl::Duration, pull_interval, absl::Hours(1), "how often the --pull_years are pulled");
ABSL_FLAG(int, pull_deadline_ms, 10000,
          "deadline of each pull of a province's report; a round never waits longer");

namespace lkip::nasional {
namespace {

struct Nasional : ServedParts {
  Nasional(const ServiceEnv& env, std::vector<ProvinceAccess> provinces, absl::Duration deadline,
           std::string templates_dir)
      : core(env.store, env.rules, std::move(provinces), deadline),
        service(&core, std::move(templates_dir)),
        audit(env.store, "nasional", [](const std::string&) { return nullptr; }),
        backup(env.store, "nasional") {}
  void BeforeDrain() override {
    if (schedule != nullptr) schedule->Stop();
  }
  NasionalCore core;
  NasionalService service;
  AuditService audit;
  BackupService backup;
  std::unique_ptr<PullSchedule> schedule;  // declared last: stopped before the core goes
};

absl::StatusOr<std::unique_ptr<ServedParts>> Build(const ServiceEnv& env) {
  const std::string directory = absl::GetFlag(FLAGS_provinces);
  if (directory.empty())
    return absl::InvalidArgumentError("--provinces is required: the directory of provincial aggregators");
  const int deadline_ms = absl::GetFlag(FLAGS_pull_deadline_ms);
  if (deadline_ms <= 0 || deadline_ms > 600000)
    return absl::InvalidArgumentError(
        absl::StrCat("--pull_deadline_ms: ", deadline_ms, " is outside 1..600000"));
  const TransportConfig& transport = env.config.server.transport;
  DirectoryDefaults defaults;
  defaults.ca_pem = transport.ca_pem;
  defaults.cert_pem = transport.cert_pem;
  defaults.key_pem = transport.key_pem;
  defaults.token_file = absl::GetFlag(FLAGS_hq_token_file);
  defaults.insecure_dev = transport.insecure_dev;
  absl::StatusOr<std::vector<ProvinceAccess>> provinces = LoadDirectory(directory, defaults);
  if (!provinces.ok())
    return absl::InvalidArgumentError(absl::StrCat("--provinces: ", provinces.status().message()));
  const size_t n = provinces->size();
  std::vector<int> years;
  for (const std::string& y : absl::GetFlag(FLAGS_pull_years)) {
    int year = 0;
    if (!absl::SimpleAtoi(y, &year) || year < 2000 || year > 2100)
      return absl::InvalidArgumentError(
          absl::StrCat("--pull_years: \"", y, "\" is not a fiscal year 2000..2100"));
    if (absl::Status rules = env.rules->ForYear(year).status(); !rules.ok())
      return absl::InvalidArgumentError(absl::StrCat("--pull_years: ", rules.message()));
    years.push_back(year);
  }
  const absl::Duration interval = absl::GetFlag(FLAGS_pull_interval);
  if (!years.empty() && interval < absl::Minutes(1))
    return absl::InvalidArgumentError(
        absl::StrCat("--pull_interval: ", absl::FormatDuration(interval), " is shorter than a minute"));
  const std::string templates_dir = absl::GetFlag(FLAGS_templates_dir);
  auto parts =
      std::make_unique<Nasional>(env, *std::move(provinces), absl::Milliseconds(deadline_ms), templates_dir);
  if (!years.empty()) parts->schedule = std::make_unique<PullSchedule>(&parts->core, years, interval);
  parts->services = {&parts->service, &parts->audit};
  parts->health_names = {v1::NasionalService::service_full_name(),
                         audit::v1::AuditService::service_full_name()};
  parts->log_detail = absl::StrCat(
      "provinces=", n, " pull_deadline_ms=", deadline_ms, " pull_years=", absl::StrJoin(years, ","),
      " pull_interval=", absl::FormatDuration(interval), " templates=", templates_dir);
  return parts;
}

}  // namespace
}  // namespace lkip::nasional

int main(int argc, char** argv) { return lkip::ServiceMain(argc, argv, "nasional", lkip::nasional::Build); }
