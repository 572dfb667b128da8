// gRPC adapter of lkip.report.v1.ReportService: the report assembled by the aggregator.
// GetReport and VerifyReport finish from the last fetch callback (building the report is pure
// and takes milliseconds); RenderReport and ImportBundle run on the server's background threads,
// because the converters take seconds and the import is a chain of blocking calls.
#pragma once

#include <filesystem>
#include <string>

#include "common/auth/signature.h"
#include "common/server/background_work.h"
#include "common/units/unit_registry_service.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "report_render/cover_logo.h"
#include "report_render/rendered_cache.h"
#include "report_render/report_templates.h"
#include "services/aggregator/aggregator_stores.h"
#include "services/aggregator/bidang_clients.h"
#include "services/aggregator/report_fetch.h"

namespace lkip::aggregator {

struct ReportServiceConfig {
  std::filesystem::path
      templates_dir;  // lkip.html.mustache, lkip.md.mustache, lkip.css, capaian.html.mustache
  std::string weasyprint = "weasyprint";
  std::string pandoc = "pandoc";
  std::string docx_reference;                     // lkip.docx's reference document; empty: pandoc's default
  std::shared_ptr<const render::CoverLogo> logo;  // the cover's logo (--logo); nullptr: none
  absl::Duration import_timeout = absl::Minutes(10);  // the longest a bundle import may take
  size_t rendered_reports = 8;  // the reports whose documents are kept for the next render; 0: none
  // Signs the manifest of a ditetapkan report (--report_signing_key); without it such a report
  // is not rendered.
  std::shared_ptr<const Ed25519Signer> manifest_signer;
};

class ReportService final : public report::v1::ReportService::CallbackService {
 public:
  ReportService(ReportServiceConfig config, AggregatorStores* stores, BidangClients* clients,
                UnitRegistryService* units, BackgroundWork* background)
      : config_(std::move(config)),
        stores_(stores),
        clients_(clients),
        units_(units),
        background_(background),
        fetch_(stores, clients) {}

  grpc::ServerUnaryReactor* GetReport(grpc::CallbackServerContext* context,
                                      const report::v1::GetReportRequest* request,
                                      report::v1::Report* response) override;
  grpc::ServerUnaryReactor* VerifyReport(grpc::CallbackServerContext* context,
                                         const report::v1::VerifyReportRequest* request,
                                         report::v1::VerifyReportResponse* response) override;
  grpc::ServerUnaryReactor* ExportTable(grpc::CallbackServerContext* context,
                                        const report::v1::ExportTableRequest* request,
                                        common::v1::HttpBody* response) override;
  grpc::ServerUnaryReactor* RenderReport(grpc::CallbackServerContext* context,
                                         const report::v1::RenderReportRequest* request,
                                         report::v1::RenderReportResponse* response) override;
  grpc::ServerUnaryReactor* ImportBundle(grpc::CallbackServerContext* context,
                                         const report::v1::ImportBundleRequest* request,
                                         report::v1::ImportBundleResponse* response) override;
  grpc::ServerUnaryReactor* ListImports(grpc::CallbackServerContext* context,
                                        const report::v1::ListImportsRequest* request,
                                        report::v1::ListImportsResponse* response) override;
  grpc::ServerUnaryReactor* GetImport(grpc::CallbackServerContext* context,
                                      const report::v1::GetImportRequest* request,
                                      report::v1::GetImportResponse* response) override;
  grpc::ServerUnaryReactor* GetBundle(grpc::CallbackServerContext* context,
                                      const report::v1::GetBundleRequest* request,
                                      report::v1::BundleInfo* response) override;
  grpc::ServerUnaryReactor* ListBundles(grpc::CallbackServerContext* context,
                                        const report::v1::ListBundlesRequest* request,
                                        report::v1::ListBundlesResponse* response) override;
  grpc::ServerUnaryReactor* RollBackBundle(grpc::CallbackServerContext* context,
                                           const report::v1::RollBackBundleRequest* request,
                                           report::v1::RollBackBundleResponse* response) override;
  grpc::ServerUnaryReactor* WithdrawImport(grpc::CallbackServerContext* context,
                                           const report::v1::WithdrawImportRequest* request,
                                           report::v1::WithdrawImportResponse* response) override;
  grpc::ServerReadReactor<report::v1::ImportInstrumentRowsRequest>* ImportInstrumentRows(
      grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) override;

 private:
  template <typename Response, typename Work>
  // Checks the caller's scope over `request` first (RefuseOutOfScope).
  grpc::ServerUnaryReactor* OnBackground(grpc::CallbackServerContext* context, const char* method,
                                         const google::protobuf::Message& request, Response* response,
                                         Work work);

  const ReportServiceConfig config_;
  AggregatorStores* stores_;
  BidangClients* clients_;
  UnitRegistryService* units_;
  BackgroundWork* background_;
  ReportFetch fetch_;
  render::TemplateCache templates_;                           // parsed once while the files stay the same
  render::RenderedCache rendered_{config_.rendered_reports};  // unchanged reports are not rendered again
};

}  // namespace lkip::aggregator
