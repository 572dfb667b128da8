// The aggregator: holds the Perjanjian Kinerja, the report's texts and comparison values, pulls
// from the bidang services (common/registry/bidang_services.tsv), and serves the capaian report
// (lkip.aggregator.v1) and the whole LKIP (lkip.report.v1: the typed report, the verifier, the
// rendered documents, the bundle import).
#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/approval/year_lock_service.h"
#include "common/audit/audit_service.h"
#include "common/auth/signature.h"
#include "common/backup/backup_service.h"
#include "common/files/text_file.h"
#include "common/registry/bidang_registry.h"
#include "common/server/background_work.h"
#include "common/server/service_main.h"
#include "common/status/macros.h"
#include "common/units/unit_registry_service.h"
#include "services/aggregator/aggregator_service.h"
#include "services/aggregator/approval/approval_service.h"
#include "services/aggregator/report_service.h"

// --<name>_addr for every bidang service of the registry.
#define LKIP_BIDANG(name, Service, package, label, ikk) \
  ABSL_FLAG(std::string, name##_addr, "", "host:port of the " #name " service");
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
ABSL_FLAG(int, backend_timeout_ms, 5000, "deadline of each call to a bidang service");
ABSL_FLAG(std::string, templates_dir, LKIP_DEFAULT_TEMPLATE_DIR,
          "folder of the report's templates (lkip.html.mustache, lkip.md.mustache, lkip.css, "
          "capaian.html.mustache)");
ABSL_FLAG(std::string, weasyprint, "weasyprint", "WeasyPrint program (lkip.pdf)");
ABSL_FLAG(std::string, pandoc, "pandoc", "pandoc program (lkip.docx)");
ABSL_FLAG(std::string, docx_reference, LKIP_DEFAULT_DOCX_REFERENCE,
          "lkip.docx's reference document (A4, page numbers, chapters on new pages), made at build time "
          "by report_render/make_reference_docx.py; empty: pandoc's default");
ABSL_FLAG(std::string, logo, "",
          "the office's logo on the report's cover (PNG, JPEG or SVG, at most 2 MiB; read at start); "
          "empty: a cover without a logo");
ABSL_FLAG(int, background_threads, 2, "threads that render documents and import bundles");
ABSL_FLAG(int, rendered_reports, 8,
          "reports whose HTML, Markdown and JSON are kept, so an unchanged report is not rendered again "
          "(about 1 MB each); 0 renders every time");

ABSL_FLAG(std::string, report_signing_key, "",
          "Ed25519 private key (PEM) that signs the manifest of a ditetapkan report (manifest.sig); "
          "scripts/dev-pki.sh makes report-signing.key. Without it a ditetapkan report is not rendered");

namespace lkip::aggregator {
namespace {

// Declared in this order so that they are destroyed server side first, stores last.
struct Aggregator : ServedParts {
  Aggregator(const ServiceEnv& env, std::map<std::string, std::string> addresses, absl::Duration timeout,
             int threads, ReportServiceConfig report_config)
      : stores(env.store, env.rules),
        clients(std::move(addresses), timeout, MakeChannelCredentials(env.config.server.transport)),
        background(threads),
        units(env.store),
        locks(env.store),
        audit(env.store, "aggregator", [this](const std::string& name) { return clients.Channel(name); }),
        backup(env.store, "aggregator",
               BackupService::Fleet{[this](const std::string& name) { return clients.Channel(name); },
                                    &background, clients.cross_service_writes(),
                                    std::max(timeout, absl::Seconds(60))}),
        approvals(env.store, &clients, &background),
        service(&stores, &clients),
        reports(std::move(report_config), &stores, &clients, &units, &background) {}
  // Renders and imports under way finish first (each holds a call the server must still have).
  void BeforeDrain() override { background.Stop(); }

  AggregatorStores stores;
  BidangClients clients;
  BackgroundWork background;
  UnitRegistryService units;
  YearLockService locks;
  AuditService audit;
  BackupService backup;
  ApprovalService approvals;
  AggregatorService service;
  ReportService reports;
};

absl::StatusOr<std::unique_ptr<ServedParts>> Build(const ServiceEnv& env) {
  std::map<std::string, std::string> addresses = {
#define LKIP_BIDANG(name, Service, package, label, ikk) {#name, absl::GetFlag(FLAGS_##name##_addr)},
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
  };
  for (const auto& [name, address] : addresses) {
    if (address.empty())
      spdlog::warn("event=config service={} reason=\"no address: its IKK will be unavailable\"", name);
  }
  const int timeout_ms = absl::GetFlag(FLAGS_backend_timeout_ms);
  const int threads = absl::GetFlag(FLAGS_background_threads);
  if (timeout_ms <= 0) return absl::InvalidArgumentError("--backend_timeout_ms must be positive");
  if (threads <= 0 || threads > 64) return absl::InvalidArgumentError("--background_threads must be 1..64");
  const int rendered = absl::GetFlag(FLAGS_rendered_reports);
  if (rendered < 0 || rendered > 1000)
    return absl::InvalidArgumentError("--rendered_reports must be 0..1000");
  ReportServiceConfig report_config;
  report_config.templates_dir = absl::GetFlag(FLAGS_templates_dir);
  report_config.weasyprint = absl::GetFlag(FLAGS_weasyprint);
  report_config.pandoc = absl::GetFlag(FLAGS_pandoc);
  report_config.docx_reference = absl::GetFlag(FLAGS_docx_reference);
  if (!report_config.docx_reference.empty() &&
      !std::filesystem::is_regular_file(report_config.docx_reference))
    return absl::InvalidArgumentError(
        absl::StrCat("--docx_reference ", report_config.docx_reference, ": no such file"));
  if (const std::string logo = absl::GetFlag(FLAGS_logo); !logo.empty()) {
    absl::StatusOr<render::CoverLogo> read = render::ReadCoverLogo(logo);
    if (!read.ok()) return absl::InvalidArgumentError(read.status().message());
    report_config.logo = std::make_shared<const render::CoverLogo>(*std::move(read));
  }
  report_config.rendered_reports = static_cast<size_t>(rendered);
  if (const std::string key_file = absl::GetFlag(FLAGS_report_signing_key); !key_file.empty()) {
    ASSIGN_OR_RETURN(std::string pem, ReadText(key_file));
    absl::StatusOr<std::unique_ptr<Ed25519Signer>> signer = Ed25519Signer::Create(pem);
    if (!signer.ok())
      return absl::InvalidArgumentError(
          absl::StrCat("--report_signing_key ", key_file, ": ", signer.status().message()));
    report_config.manifest_signer = *std::move(signer);
  }
  auto a = std::make_unique<Aggregator>(env, std::move(addresses), absl::Milliseconds(timeout_ms), threads,
                                        report_config);
  a->services = {&a->service, &a->reports, &a->units, &a->locks, &a->approvals, &a->audit, &a->backup};
  a->health_names = {v1::Aggregator::service_full_name(),
                     report::v1::ReportService::service_full_name(),
                     unit::v1::UnitRegistry::service_full_name(),
                     approval::v1::YearLockService::service_full_name(),
                     approval::v1::ApprovalService::service_full_name(),
                     audit::v1::AuditService::service_full_name(),
                     backup::v1::BackupService::service_full_name()};
  a->log_detail =
      absl::StrCat("templates=", report_config.templates_dir.string(), " rendered_reports=", rendered);
  return a;
}

}  // namespace
}  // namespace lkip::aggregator

int main(int argc, char** argv) {
  return lkip::ServiceMain(argc, argv, "aggregator", lkip::aggregator::Build);
}
