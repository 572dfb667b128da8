#include "tools/lkipctl/report_commands.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "common/files/text_file.h"
#include "common/numeric/rounded_text.h"
#include "common/proto/json_file.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "tools/lkipctl/suggested_bindings.h"

namespace lkip::ctl {
namespace {

using report::v1::ReportService;

std::unique_ptr<ReportService::Stub> Reports(const Options& o) { return ReportService::NewStub(Connect(o)); }

// Rendering runs the converters on the server: allow minutes, not the per-call default.
int RenderSeconds(const Options& o) { return o.long_timeout_s; }

void PrintUnavailable(const google::protobuf::RepeatedPtrField<aggregator::v1::ServiceStatus>& services,
                      const std::string& budget_reason) {
  for (const auto& svc : services) {
    if (!svc.available()) std::cerr << " " << svc.service() << " (" << svc.reason() << ")";
  }
  if (!budget_reason.empty()) std::cerr << " keuangan's budget tables (" << budget_reason << ")";
}

// A partial result without --allow-partial: nothing is written, so the files of the last
// complete run in --out stay as they were.
int RefusePartial(const std::string& what, const report::v1::RenderReportResponse& resp,
                  const std::filesystem::path& out_dir) {
  std::cerr << "lkipctl: " << what << " is partial (marked \"data tidak tersedia\"):";
  PrintUnavailable(resp.services(), resp.budget_unavailable_reason());
  std::cerr << "; nothing written in " << out_dir.string()
            << " (the files there stay as they were); pass --allow-partial to write it\n";
  return kExitPartial;
}

std::string BudgetText(const char* title, const char* first_column, const report::v1::BudgetView& table) {
  std::string out = absl::StrCat(title, "\nNO\t", first_column,
                                 "\tPAGU\tREALISASI\t%\tSISA\tEFISIENSI PENGGUNAAN ANGGARAN (%)\n");
  auto line = [](const report::v1::BudgetLine& r) {
    return absl::StrCat(r.label(), "\t", r.pagu(), "\t", r.realisasi(), "\t", r.percent(), "\t", r.sisa(),
                        "\t", r.efisiensi(), "\n");
  };
  for (const auto& r : table.rows()) absl::StrAppend(&out, r.no(), "\t", line(r));
  absl::StrAppend(&out, "\t", line(table.total()));
  return out;
}

std::string SeverityName(common::v1::Severity s) {
  return std::string(absl::StripPrefix(common::v1::Severity_Name(s), "SEVERITY_"));
}

}  // namespace

std::vector<std::string> FormatNames() {
  std::vector<std::string> out;
  const auto* e = report::v1::DocumentFormat_descriptor();
  for (int i = 0; i < e->value_count(); ++i) {
    if (e->value(i)->number() == report::v1::DOCUMENT_FORMAT_UNSPECIFIED) continue;
    out.push_back(absl::AsciiStrToLower(absl::StripPrefix(e->value(i)->name(), "DOCUMENT_FORMAT_")));
  }
  return out;
}

namespace {

std::string StateName(report::v1::BundleState state) {
  return absl::AsciiStrToLower(absl::StripPrefix(report::v1::BundleState_Name(state), "BUNDLE_STATE_"));
}

void PrintBundle(const report::v1::BundleInfo& b) {
  std::cout << "bundle:          " << b.bundle_id() << "\n"
            << "state:           " << StateName(b.state()) << " (attempt " << b.attempt() << ")\n"
            << "source:          " << b.source_name() << " (" << b.fiscal_year() << ")\n"
            << "sha-256:         " << b.digest_sha256() << "\n"
            << "actor:           " << b.actor() << "\n"
            << "started:         " << RecordedAt(b.started_unix_micros()) << "\n";
  for (const auto& step : b.steps()) {
    std::cout << "  " << step.part() << " -> " << step.service() << ": " << step.written() << " written, "
              << step.unchanged() << " unchanged\n";
  }
  if (!b.error().empty()) std::cout << "error:           " << b.error() << "\n";
  if (b.rolled_back_size() > 0)
    std::cout << "rolled back in:  " << absl::StrJoin(b.rolled_back(), ", ") << "\n";
}

}  // namespace

int ImportCmd(const Options& o, const std::string& path, bool dry_run, const std::string& bundle_id) {
  report::v1::ImportBundleRequest req;
  req.set_bundle_id(bundle_id);
  if (absl::Status s = ReadJsonMessage(path, "a bundle (lkip.bundle.v1.Bundle)", req.mutable_bundle());
      !s.ok()) {
    std::cerr << "lkipctl: import refused: " << s.message() << "\n";
    return kExitError;
  }
  req.set_source_name(path);
  req.set_dry_run(dry_run);
  report::v1::ImportBundleResponse resp;
  grpc::Status s = Reports(o)->ImportBundle(Ctx(o, o.long_timeout_s).get(), req, &resp);
  if (!s.ok()) {
    std::cerr << "lkipctl: import refused: " << s.error_message() << "\n";
    return kExitError;
  }
  std::cout << resp.summary() << "\n";
  int n = 0;
  for (const auto& step : resp.steps()) {
    std::cout << "[" << ++n << "/" << resp.steps_size() << "] " << step.part() << " -> " << step.service()
              << ": ";
    // A step that reports no counts (an LKE assessment) says what it recorded.
    if (step.written() == 0 && step.unchanged() == 0 && !step.note().empty()) {
      std::cout << step.note() << "\n";
      continue;
    }
    std::cout << step.written() << (dry_run ? " to write, " : " written, ") << step.unchanged()
              << " unchanged" << (step.note().empty() ? "" : absl::StrCat(" (", step.note(), ")")) << "\n";
  }
  if (dry_run) {
    std::cout << "dry run: every service checked its part (bundle " << resp.bundle_id()
              << "); nothing was written\n";
  } else {
    std::cout << "import complete (bundle " << resp.bundle_id()
              << (resp.imported_before() ? ", imported before under this id" : "") << ")\n";
  }
  return 0;
}

int BundleShowCmd(const Options& o, const std::string& bundle_id) {
  report::v1::GetBundleRequest req;
  req.set_bundle_id(bundle_id);
  report::v1::BundleInfo info;
  grpc::Status s = Reports(o)->GetBundle(Ctx(o).get(), req, &info);
  if (!s.ok()) return Fail("bundle", s);
  PrintBundle(info);
  return 0;
}

int ListBundlesCmd(const Options& o) {
  report::v1::ListBundlesRequest req;
  int64_t shown = 0;
  do {
    report::v1::ListBundlesResponse page;
    grpc::Status s = Reports(o)->ListBundles(Ctx(o).get(), req, &page);
    if (!s.ok()) return Fail("bundles", s);
    for (const auto& b : page.bundles()) {
      std::cout << b.bundle_id() << "  " << StateName(b.state()) << "  " << b.source_name() << "  "
                << b.fiscal_year() << "  " << RecordedAt(b.started_unix_micros()) << "  " << b.actor()
                << "\n";
      ++shown;
    }
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  std::cerr << shown << " bundles\n";
  return 0;
}

int BundleRollbackCmd(const Options& o, const std::string& bundle_id) {
  report::v1::RollBackBundleRequest req;
  req.set_bundle_id(bundle_id);
  report::v1::RollBackBundleResponse resp;
  grpc::Status s = Reports(o)->RollBackBundle(Ctx(o, o.long_timeout_s).get(), req, &resp);
  if (!s.ok()) return Fail("bundle rollback", s);
  std::cout << "rolled back bundle " << bundle_id << " in "
            << absl::StrJoin(resp.bundle().rolled_back(), ", ") << "\n";
  return 0;
}

int IndicatorsCmd(const Options& o, int year, const std::string& province) {
  aggregator::v1::GetPerjanjianKinerjaRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  aggregator::v1::PerjanjianKinerja pk;
  grpc::Status s =
      aggregator::v1::Aggregator::NewStub(Connect(o))->GetPerjanjianKinerja(Ctx(o).get(), req, &pk);
  if (!s.ok()) return Fail("perjanjian kinerja", s);
  for (const auto& sasaran : pk.sasaran()) {
    std::cout << "Sasaran " << sasaran.number() << ": " << sasaran.text() << "\n";
    for (const auto& ind : sasaran.indicators()) {
      const std::string target =
          ind.target().has_range()
              ? absl::StrCat(DisplayIndonesian(ind.target().range().low().value()), " - ",
                             DisplayIndonesian(ind.target().range().high().value()))
              : DisplayIndonesian(ind.target().value().value());
      std::cout << "  " << ind.code() << "  [" << ind.service() << "]  target " << target << " " << ind.unit()
                << "\n      " << ind.name() << "\n";
    }
  }
  return 0;
}

int CapaianCmd(const Options& o, int year, const std::string& province, const std::filesystem::path& out_dir,
               const std::string& template_path, bool allow_partial) {
  report::v1::RenderReportRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  req.add_formats(report::v1::DOCUMENT_FORMAT_CAPAIAN);
  if (!template_path.empty()) {
    auto text = ReadText(template_path);
    if (!text.ok()) return Fail("template", text.status());
    auto* t = req.add_templates();
    t->set_name("capaian.html.mustache");
    t->set_text(std::move(*text));
  }
  report::v1::RenderReportResponse resp;
  if (grpc::Status s = Reports(o)->RenderReport(Ctx(o).get(), req, &resp); !s.ok()) return Fail("capaian", s);
  bool capaian_complete = true;
  for (const auto& svc : resp.services()) capaian_complete = capaian_complete && svc.available();
  if (!capaian_complete && !allow_partial) return RefusePartial("the capaian table", resp, out_dir);
  // The report's manifest.json is the report command's; this one writes the capaian files only.
  if (absl::Status w = WriteFiles(out_dir, resp.files(), {"manifest.json"}); !w.ok())
    return Fail("output", w);
  for (const auto& f : resp.files()) {
    if (f.name() != "capaian.json") continue;
    const nlohmann::json table = nlohmann::json::parse(f.content(), nullptr, /*allow_exceptions=*/false);
    if (!table.is_object()) break;
    for (const auto& ind : table["indicators"]) {
      std::cout << ind.value("code", "") << "  target " << ind.value("target_display", "") << "  realisasi "
                << ind.value("realisasi_display", "-") << "  capaian "
                << (ind.value("available", false)
                        ? ind.value("capaian_display", "NA")
                        : "data tidak tersedia: " + ind.value("unavailable_reason", ""))
                << "\n";
    }
    for (const auto& set : table["band_sets"]) {
      std::cout << set.value("id", "") << ":";
      for (const auto& row : set["rows"]) std::cout << " " << row.value("count", 0);
      std::cout << "\n";
    }
  }
  std::cout << "wrote " << (out_dir / "capaian.json").string() << " and "
            << (out_dir / "capaian.html").string() << "\n";
  if (!capaian_complete) {
    std::cerr << "lkipctl: the result is partial:";
    PrintUnavailable(resp.services(), "");
    std::cerr << "; accepted (--allow-partial)\n";
  }
  return 0;
}

int AnggaranCmd(const Options& o, int year, const std::string& province, const std::string& out_dir) {
  report::v1::GetReportRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  report::v1::Report report;
  if (grpc::Status s = Reports(o)->GetReport(Ctx(o).get(), req, &report); !s.ok())
    return Fail("budget tables", s);
  const auto& a = report.anggaran();
  if (!a.available()) return Fail("budget tables", absl::UnavailableError(a.unavailable_reason()));
  std::cout << BudgetText("Realisasi anggaran per program", "PROGRAM", a.per_program()) << "\n"
            << BudgetText("Realisasi anggaran per satker", "SATKER", a.per_satker());
  for (const auto& f : a.tables().findings()) std::cout << "\nTemuan " << f.code() << ": " << f.message();
  if (!a.tables().satker_without_dipa().empty()) {
    std::cout << "\nSatker tanpa DIPA:";
    for (const auto& s : a.tables().satker_without_dipa()) std::cout << " " << s;
  }
  std::cout << "\n";
  if (out_dir.empty()) return 0;
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec)
    return Fail("output",
                absl::UnavailableError(absl::StrCat("cannot create ", out_dir, ": ", ec.message())));
  const auto path = std::filesystem::path(out_dir) / "anggaran.json";
  if (absl::Status w = WriteText(path, JsonOf(a.tables())); !w.ok()) return Fail("output", w);
  std::cout << "written: " << path.string() << "\n";
  return 0;
}

int ReportCmd(const Options& o, int year, const std::string& province, const std::filesystem::path& out_dir,
              const std::vector<std::string>& formats, const std::string& templates_dir, bool allow_partial,
              bool final_document) {
  report::v1::RenderReportRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  req.set_final_document(final_document);
  for (const auto& name : formats) {
    report::v1::DocumentFormat f;
    if (!report::v1::DocumentFormat_Parse(absl::StrCat("DOCUMENT_FORMAT_", absl::AsciiStrToUpper(name)),
                                          &f)) {
      return Fail("report", absl::InvalidArgumentError(absl::StrCat("--formats: unknown format ", name)));
    }
    req.add_formats(f);
  }
  if (!templates_dir.empty()) {
    // An operator's edited templates replace the server's, file by file.
    for (const char* name : {"lkip.html.mustache", "lkip.md.mustache", "lkip.css", "capaian.html.mustache"}) {
      const auto path = std::filesystem::path(templates_dir) / name;
      if (!std::filesystem::exists(path)) continue;
      auto text = ReadText(path);
      if (!text.ok()) return Fail("templates", text.status());
      auto* t = req.add_templates();
      t->set_name(name);
      t->set_text(std::move(*text));
    }
  }
  std::cerr << "lkipctl: the aggregator renders the report ...\n";
  report::v1::RenderReportResponse resp;
  if (grpc::Status s = Reports(o)->RenderReport(Ctx(o, RenderSeconds(o)).get(), req, &resp); !s.ok()) {
    if (final_document && s.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
        absl::StartsWith(s.error_message(), "final_document:")) {
      std::cerr << "lkipctl: report --final refused, nothing written: " << s.error_message().substr(16)
                << "\n";
      return kExitNotFinal;
    }
    return Fail("report", s);
  }
  if (!resp.complete() && !allow_partial) return RefusePartial("the report", resp, out_dir);
  if (absl::Status w = WriteFiles(out_dir, resp.files()); !w.ok()) return Fail("output", w);
  std::cout << "wrote in " << out_dir.string() << ":";
  for (const auto& f : resp.files()) {
    if (f.name().find('/') == std::string::npos) std::cout << " " << f.name();
  }
  std::cout << "\n";
  if (!resp.complete()) {
    std::cerr << "lkipctl: the report is partial (marked \"data tidak tersedia\"):";
    PrintUnavailable(resp.services(), resp.budget_unavailable_reason());
    std::cerr << "; accepted (--allow-partial)\n";
  }
  return 0;
}

namespace {

// The stored texts with the agreeing typed figures bound (suggested_bindings.h), as a narratives
// file set-narratives reads.
int WriteSuggestedBindings(const Options& o, const report::v1::VerifyReportResponse& verified,
                           const std::string& path) {
  aggregator::v1::GetNarrativesRequest req;
  req.set_fiscal_year(verified.fiscal_year());
  req.set_province_code(verified.province_code());
  aggregator::v1::GetNarrativesResponse stored;
  if (grpc::Status s =
          aggregator::v1::Aggregator::NewStub(Connect(o))->GetNarratives(Ctx(o).get(), req, &stored);
      !s.ok()) {
    return Fail("narratives", s);
  }
  auto suggested = SuggestBindings(stored, verified);
  if (!suggested.ok()) return Fail("suggest-bindings", suggested.status());
  nlohmann::ordered_json doc;
  doc["fiscal_year"] = verified.fiscal_year();
  doc["province_code"] = verified.province_code();
  doc["source_document"] =
      absl::StrCat("teks tersimpan ", verified.province_code(), " ", verified.fiscal_year(),
                   ", angka yang sesuai data diganti acuan {{...}} (lkipctl verify "
                   "--suggest-bindings)");
  doc["narratives"] = nlohmann::ordered_json::object();
  for (const auto& [key, text] : suggested->texts) doc["narratives"][key] = text;
  if (absl::Status w = WriteText(path, doc.dump(1) + "\n"); !w.ok()) return Fail("suggest-bindings", w);
  for (const auto& change : suggested->changes) std::cout << "  " << change << "\n";
  std::cout << "suggested bindings: " << suggested->bound << " of " << suggested->agreeing
            << " figures that agree with the data bound (the others would print differently); written: "
            << path << "\nreview it, then store it with: lkipctl set-narratives " << path << "\n";
  return 0;
}

}  // namespace

int VerifyCmd(const Options& o, int year, const std::string& province, const std::string& stated_path,
              const std::string& out_dir, bool strict, const std::string& suggest_path) {
  report::v1::VerifyReportRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  if (!stated_path.empty()) {
    if (absl::Status s = ReadJsonMessage(stated_path, "stated figures (lkip.report.v1.StatedFigures)",
                                         req.mutable_stated());
        !s.ok()) {
      return Fail("stated figures", s);
    }
  }
  report::v1::VerifyReportResponse resp;
  if (grpc::Status s = Reports(o)->VerifyReport(Ctx(o).get(), req, &resp); !s.ok()) return Fail("verify", s);
  for (const auto& f : resp.findings()) {
    std::cout << SeverityName(f.severity()) << "  " << f.code() << "  [" << f.subject() << "]\n  "
              << f.message() << "\n";
    for (const auto& v : f.values())
      std::cout << "    " << v.label() << ": " << v.value() << "  (" << v.source() << ")\n";
  }
  const auto& sum = resp.summary();
  std::cout << "verify " << province << " " << year << ": " << sum.error() << " error, " << sum.warning()
            << " warning, " << sum.info() << " info; stated figures: " << sum.stated_agreeing() << " of "
            << sum.stated_checked()
            << " agree with the data; typed figures in the texts: " << sum.typed_agreeing() << " of "
            << sum.typed_figures() << " agree, " << sum.typed_contradicting() << " contradict\n";
  if (!out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec)
      return Fail("output",
                  absl::UnavailableError(absl::StrCat("cannot create ", out_dir, ": ", ec.message())));
    const auto path = std::filesystem::path(out_dir) / "verify.json";
    if (absl::Status w = WriteText(path, JsonOf(resp)); !w.ok()) return Fail("output", w);
    std::cout << "written: " << path.string() << "\n";
  }
  if (!suggest_path.empty()) {
    if (int rc = WriteSuggestedBindings(o, resp, suggest_path); rc != 0) return rc;
  }
  return strict && sum.error() > 0 ? kExitFindings : 0;
}

}  // namespace lkip::ctl
