#include "services/aggregator/report_service.h"

#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/auth/access.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/macros.h"
#include "report_render/report_csv.h"
#include "report_render/report_documents.h"
#include "services/aggregator/ingest/bundle_admin.h"
#include "services/aggregator/ingest/bundle_import.h"
#include "services/aggregator/ingest/import_listing.h"
#include "services/aggregator/ingest/instrument_import.h"
#include "services/aggregator/report/bound_figures.h"
#include "services/aggregator/report/final_check.h"
#include "services/aggregator/report/report_builder.h"
#include "services/aggregator/report/verify.h"

namespace lkip::aggregator {
namespace {

// The report with the verifier's data findings, and what was verified with.
struct Verified {
  report::v1::Report report;
  VerifyResult result;
};

absl::StatusOr<Verified> BuildAndVerify(const ReportInputs& in, const RuleBook& book,
                                        const report::v1::StatedFigures* stated) {
  ASSIGN_OR_RETURN(const YearRules* rules, book.ForYear(in.capaian.fiscal_year()));
  Verified out{BuildReport(in), {}};
  // The figures bound in the texts, printed; one the data does not hold is the verifier's ERROR.
  BindTexts(VerifyInputs{in, out.report, rules->rules(), stated}, &out.report);
  out.result = Verify(VerifyInputs{in, out.report, rules->rules(), stated});
  for (const auto& f : out.result.findings) *out.report.add_findings() = f;
  for (std::string& left : RemainingForFinal(out.report)) out.report.add_remaining(std::move(left));
  return out;
}

// A final document asked while something remains: every item, numbered, so that lkipctl shows
// the list as it is.
absl::Status NotFinal(const report::v1::Report& report) {
  std::string items;
  for (int i = 0; i < report.remaining_size(); ++i)
    absl::StrAppend(&items, "\n", i + 1, ". ", report.remaining(i));
  return absl::FailedPreconditionError(
      absl::StrCat("final_document: the report cannot be final while ", report.remaining_size(),
                   " item(s) remain (render it without --final for a draft listing them):", items));
}

void Refuse(grpc::ServerUnaryReactor* reactor, const char* method) {
  FinishWith(reactor, method, absl::UnavailableError("the aggregator is shutting down or busy; try again"));
}

constexpr char kImportBundlePath[] = "/lkip.report.v1.ReportService/ImportBundle";

// The Perjanjian Kinerja is perencana's (common/auth/access.h); the units, admin's, are checked by
// the import (ImportCall::may_write_units).
absl::Status CheckBundleParts(const Principal& caller, const bundle::v1::Bundle& bundle) {
  constexpr const char* kPath = kImportBundlePath;
  if (bundle.has_perjanjian_kinerja())
    RETURN_IF_ERROR(CheckAccess(caller, common::v1::ACCESS_WRITE_PLAN,
                                absl::StrCat(kPath, " (bundle.perjanjian_kinerja)"), "aggregator"));
  return absl::OkStatus();
}

// A bundle is undone by who imported it or by an admin: its writes may span satker and bidang that
// the import checked for its importer, not for another caller.
absl::Status MayRollBack(const Principal& caller, const std::string& bundle_id, AggregatorStores& stores) {
  if (caller.role == Role::kAdmin || caller.role == Role::kService) return absl::OkStatus();
  report::v1::GetBundleRequest find;
  find.set_bundle_id(bundle_id);
  auto info = GetBundle(find, stores);
  if (!info.ok() || info->actor() == caller.subject) return absl::OkStatus();  // not found: said later
  return absl::PermissionDeniedError(absl::StrCat(
      "role ", std::string(RoleName(caller.role)), " (", caller.subject, ") may not roll back bundle ",
      bundle_id, ", which ", info->actor(), " imported: only they or an admin may"));
}

}  // namespace

grpc::ServerUnaryReactor* ReportService::GetReport(grpc::CallbackServerContext* context,
                                                   const report::v1::GetReportRequest* request,
                                                   report::v1::Report* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "GetReport", *request)) return reactor;
  fetch_.Inputs(context, request->fiscal_year(), request->province_code(),
                [this, reactor, response](absl::StatusOr<ReportInputs> in) {
                  if (!in.ok()) return FinishWith(reactor, "GetReport", in.status());
                  auto verified = BuildAndVerify(*in, *stores_->rules, nullptr);
                  if (verified.ok()) *response = std::move(verified->report);
                  FinishWith(reactor, "GetReport", verified.status());
                });
  return reactor;
}

grpc::ServerUnaryReactor* ReportService::VerifyReport(grpc::CallbackServerContext* context,
                                                      const report::v1::VerifyReportRequest* request,
                                                      report::v1::VerifyReportResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "VerifyReport", *request)) return reactor;
  if (request->has_stated()) {
    if (absl::Status s =
            CheckStatedFigures(request->stated(), request->fiscal_year(), request->province_code());
        !s.ok()) {
      FinishWith(reactor, "VerifyReport", s);
      return reactor;
    }
  }
  fetch_.Inputs(context, request->fiscal_year(), request->province_code(),
                [this, reactor, request, response](absl::StatusOr<ReportInputs> in) {
                  if (!in.ok()) return FinishWith(reactor, "VerifyReport", in.status());
                  const report::v1::StatedFigures* stated =
                      request->has_stated() ? &request->stated() : nullptr;
                  auto verified = BuildAndVerify(*in, *stores_->rules, stated);
                  if (!verified.ok()) return FinishWith(reactor, "VerifyReport", verified.status());
                  auto rules = stores_->rules->ForYear(request->fiscal_year());
                  *response = VerifyResponse(VerifyInputs{*in, verified->report, (*rules)->rules(), stated},
                                             std::move(verified->result));
                  FinishWith(reactor, "VerifyReport", absl::OkStatus());
                });
  return reactor;
}

grpc::ServerUnaryReactor* ReportService::ExportTable(grpc::CallbackServerContext* context,
                                                     const report::v1::ExportTableRequest* request,
                                                     common::v1::HttpBody* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "ExportTable", *request)) return reactor;
  absl::StatusOr<render::CsvDialect> dialect = render::CsvDialectNamed(request->dialect(), "dialect");
  if (!dialect.ok()) {
    FinishWith(reactor, "ExportTable", dialect.status());
    return reactor;
  }
  if (absl::Status table = render::CheckReportCsvTable(request->table()); !table.ok()) {
    FinishWith(reactor, "ExportTable", table);  // before the report is fetched
    return reactor;
  }
  fetch_.Inputs(
      context, request->fiscal_year(), request->province_code(),
      [this, reactor, request, response, dialect = *dialect](absl::StatusOr<ReportInputs> in) {
        if (!in.ok()) return FinishWith(reactor, "ExportTable", in.status());
        auto verified = BuildAndVerify(*in, *stores_->rules, nullptr);
        if (!verified.ok()) return FinishWith(reactor, "ExportTable", verified.status());
        auto csv = render::ReportCsv(verified->report, request->table(), dialect);
        if (!csv.ok()) return FinishWith(reactor, "ExportTable", csv.status());
        response->set_content_type("text/csv; charset=utf-8");
        response->set_data(*std::move(csv));
        response->set_file_name(render::ReportCsvFileName(verified->report, request->table(), dialect));
        FinishWith(reactor, "ExportTable", absl::OkStatus());
      });
  return reactor;
}

grpc::ServerUnaryReactor* ReportService::RenderReport(grpc::CallbackServerContext* context,
                                                      const report::v1::RenderReportRequest* request,
                                                      report::v1::RenderReportResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "RenderReport", *request)) return reactor;
  fetch_.Inputs(context, request->fiscal_year(), request->province_code(),
                [this, reactor, request, response](absl::StatusOr<ReportInputs> fetched) {
                  if (!fetched.ok()) return FinishWith(reactor, "RenderReport", fetched.status());
                  auto in = std::make_shared<ReportInputs>(std::move(*fetched));
                  // The converters take seconds: not on a gRPC thread.
                  background_->Post(
                      [this, reactor, request, response, in] {
                        auto verified = BuildAndVerify(*in, *stores_->rules, nullptr);
                        if (!verified.ok()) return FinishWith(reactor, "RenderReport", verified.status());
                        if (request->final_document() && verified->report.remaining_size() > 0) {
                          return FinishWith(reactor, "RenderReport", NotFinal(verified->report));
                        }
                        render::RenderOptions o;
                        for (int f : request->formats())
                          o.formats.insert(static_cast<report::v1::DocumentFormat>(f));
                        o.formats.erase(report::v1::DOCUMENT_FORMAT_UNSPECIFIED);
                        if (o.formats.empty()) {
                          for (auto f : render::AllFormats()) {
                            if (f != report::v1::DOCUMENT_FORMAT_CAPAIAN) o.formats.insert(f);
                          }
                        }
                        std::map<std::string, std::string> overrides;
                        for (const auto& t : request->templates()) overrides[t.name()] = t.text();
                        o.templates = render::TemplatesFrom(config_.templates_dir, std::move(overrides));
                        o.template_cache = &templates_;
                        o.rendered_cache = config_.rendered_reports > 0 ? &rendered_ : nullptr;
                        o.weasyprint = config_.weasyprint;
                        o.pandoc = config_.pandoc;
                        o.docx_reference = config_.docx_reference;
                        o.logo = config_.logo.get();
                        if (config_.manifest_signer != nullptr) {
                          o.sign_manifest = [signer = config_.manifest_signer](const std::string& manifest) {
                            return SignatureFile(*signer, manifest);
                          };
                        }
                        // The inputs' digests are of the data, not of the calls that fetched it.
                        aggregator::v1::CapaianReport capaian_data = in->capaian;
                        for (auto& s : *capaian_data.mutable_services()) ClearCallFacts(&s);
                        o.inputs = {{"capaian", &capaian_data},
                                    {"perjanjian_kinerja", &in->pk},
                                    {"narratives", &in->narratives},
                                    {"comparisons", &in->comparisons}};
                        if (in->budget_available) o.inputs.emplace_back("budget_tables", &in->budget);
                        auto files = render::RenderDocuments(verified->report, in->capaian, o);
                        if (!files.ok()) return FinishWith(reactor, "RenderReport", files.status());
                        response->set_complete(verified->report.complete());
                        *response->mutable_services() = verified->report.services();
                        response->set_budget_unavailable_reason(in->budget_unavailable_reason);
                        for (auto& f : *files) *response->add_files() = std::move(f);
                        FinishWith(reactor, "RenderReport", absl::OkStatus());
                      },
                      [reactor] { Refuse(reactor, "RenderReport"); });
                });
  return reactor;
}

grpc::ServerUnaryReactor* ReportService::ImportBundle(grpc::CallbackServerContext* context,
                                                      const report::v1::ImportBundleRequest* request,
                                                      report::v1::ImportBundleResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "ImportBundle", *request)) return reactor;
  // The parts the aggregator writes itself; each bidang service checks its own with the caller's
  // token, passed on.
  if (absl::Status allowed = CheckBundleParts(PrincipalOf(*context), request->bundle()); !allowed.ok()) {
    FinishWith(reactor, "ImportBundle", allowed);
    return reactor;
  }
  ImportCall call{
      MakeWriteContext(*context, "ImportBundle", *request), OnBehalfOf(*context),
      CheckAccess(PrincipalOf(*context), common::v1::ACCESS_WRITE_UNITS, kImportBundlePath, "aggregator")
          .ok(),
      std::min(context->deadline(),
               std::chrono::system_clock::now() + absl::ToChronoMilliseconds(config_.import_timeout))};
  background_->Post(
      [this, reactor, request, response, call = std::move(call)] {
        absl::ReaderMutexLock writing(clients_->cross_service_writes());  // not while a backup checkpoints
        FinishWith(reactor, "ImportBundle",
                   Deliver(aggregator::ImportBundle(*request, call, *clients_, *units_, *stores_), response));
      },
      [reactor] { Refuse(reactor, "ImportBundle"); });
  return reactor;
}

// Blocking calls to every service: on the background pool, with the caller's deadline capped at
// the services' timeout. `work(deadline)` returns the response or the status.
template <typename Response, typename Work>
grpc::ServerUnaryReactor* ReportService::OnBackground(grpc::CallbackServerContext* context,
                                                      const char* method,
                                                      const google::protobuf::Message& request,
                                                      Response* response, Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, method, request)) return reactor;
  const auto deadline = std::min(context->deadline(), std::chrono::system_clock::now() +
                                                          absl::ToChronoMilliseconds(clients_->timeout()));
  background_->Post(
      [reactor, method, response, deadline, work = std::move(work)] {
        FinishWith(reactor, method, Deliver(work(deadline), response));
      },
      [reactor, method] { Refuse(reactor, method); });
  return reactor;
}

grpc::ServerUnaryReactor* ReportService::ListImports(grpc::CallbackServerContext* context,
                                                     const report::v1::ListImportsRequest* request,
                                                     report::v1::ListImportsResponse* response) {
  return OnBackground(context, "ListImports", *request, response, [this, request](auto deadline) {
    return aggregator::ListImports(*request, *clients_, deadline);
  });
}

grpc::ServerUnaryReactor* ReportService::GetImport(grpc::CallbackServerContext* context,
                                                   const report::v1::GetImportRequest* request,
                                                   report::v1::GetImportResponse* response) {
  return OnBackground(context, "GetImport", *request, response, [this, request](auto deadline) {
    return aggregator::GetImport(*request, *clients_, deadline);
  });
}

grpc::ServerUnaryReactor* ReportService::GetBundle(grpc::CallbackServerContext* context,
                                                   const report::v1::GetBundleRequest* request,
                                                   report::v1::BundleInfo* response) {
  return FinishUnary(context, "GetBundle", *request,
                     [&] { return Deliver(aggregator::GetBundle(*request, *stores_), response); });
}

grpc::ServerUnaryReactor* ReportService::ListBundles(grpc::CallbackServerContext* context,
                                                     const report::v1::ListBundlesRequest* request,
                                                     report::v1::ListBundlesResponse* response) {
  return FinishUnary(context, "ListBundles", *request,
                     [&] { return Deliver(aggregator::ListBundles(*request, *stores_), response); });
}

grpc::ServerUnaryReactor* ReportService::RollBackBundle(grpc::CallbackServerContext* context,
                                                        const report::v1::RollBackBundleRequest* request,
                                                        report::v1::RollBackBundleResponse* response) {
  return OnBackground(
      context, "RollBackBundle", *request, response,
      [this, request, write = MakeWriteContext(*context, "RollBackBundle", *request),
       caller = OnBehalfOf(*context),
       who = PrincipalOf(*context)](auto deadline) -> absl::StatusOr<report::v1::RollBackBundleResponse> {
        RETURN_IF_ERROR(MayRollBack(who, request->bundle_id(), *stores_));
        absl::ReaderMutexLock writing(clients_->cross_service_writes());  // not while a backup checkpoints
        return aggregator::RollBackBundle(*request, write, caller, *clients_, *stores_, deadline);
      });
}

grpc::ServerUnaryReactor* ReportService::WithdrawImport(grpc::CallbackServerContext* context,
                                                        const report::v1::WithdrawImportRequest* request,
                                                        report::v1::WithdrawImportResponse* response) {
  return OnBackground(context, "WithdrawImport", *request, response,
                      [this, request, caller = OnBehalfOf(*context)](auto deadline) {
                        return aggregator::WithdrawImport(*request, caller, *clients_, deadline);
                      });
}

grpc::ServerReadReactor<report::v1::ImportInstrumentRowsRequest>* ReportService::ImportInstrumentRows(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return StartInstrumentImport(context, response, *clients_, config_.import_timeout);
}

}  // namespace lkip::aggregator
