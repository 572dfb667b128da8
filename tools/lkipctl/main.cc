// lkipctl: the operator's command line. Imports a data bundle into the suite, lists the
// indicators, writes the capaian table (JSON and HTML), and waits for services to be ready.
//
// Exit codes: 0 success; 1 error (bad input, a call failed); 2 usage; 3 the result is partial
// (a bidang service was unavailable) and --allow-partial was not given; 4 verify --strict found
// an ERROR.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include <CLI/CLI.hpp>
#include <google/protobuf/util/json_util.h>
#include <nlohmann/json.hpp>
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"
#include "common/status/status.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"
#include "lkip/unit/v1/unit.grpc.pb.h"
#include "lkip/zonaintegritas/v1/zonaintegritas.grpc.pb.h"
#include "tools/lkipctl/budget_output.h"
#include "tools/lkipctl/bundle_check.h"
#include "tools/lkipctl/capaian_output.h"
#include "tools/lkipctl/csv_import.h"
#include "tools/lkipctl/json_text.h"
#include "tools/lkipctl/mustache_template.h"
#include "tools/lkipctl/report_documents.h"
#include "tools/lkipctl/report_fetch.h"
#include "tools/lkipctl/report_model.h"
#include "tools/lkipctl/text_file.h"
#include "tools/lkipctl/verify.h"

namespace lkip::ctl {
namespace {

constexpr int kExitError = 1;
constexpr int kExitPartial = 3;
constexpr int kExitFindings = 4;

struct Options {
  std::string aggregator;
  std::string actor;
  int timeout_s = 30;
};

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

std::unique_ptr<grpc::ClientContext> Ctx(const Options& o) {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(o.timeout_s));
  c->AddMetadata("x-lkip-actor", o.actor);
  return c;
}

int Fail(const std::string& what, const absl::Status& status) {
  std::cerr << "lkipctl: " << what << ": " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  return kExitError;
}

int Fail(const std::string& what, const grpc::Status& status) { return Fail(what, FromGrpc(status)); }

// Records values through the bidang service's own package (each has RecordSatkerValues).
template <typename Svc>
grpc::Status Record(const std::shared_ptr<grpc::Channel>& ch, const Options& o,
                    const indicator::v1::RecordSatkerValuesRequest& req,
                    indicator::v1::RecordSatkerValuesResponse* resp) {
  auto stub = Svc::NewStub(ch);
  return stub->RecordSatkerValues(Ctx(o).get(), req, resp);
}

grpc::Status RecordFor(const std::string& service, const std::shared_ptr<grpc::Channel>& ch, const Options& o,
                       const indicator::v1::RecordSatkerValuesRequest& req,
                       indicator::v1::RecordSatkerValuesResponse* resp) {
  if (service == "pencegahan") return Record<pencegahan::v1::Pencegahan>(ch, o, req, resp);
  if (service == "rehabilitasi") return Record<rehabilitasi::v1::Rehabilitasi>(ch, o, req, resp);
  if (service == "pemberantasan") return Record<pemberantasan::v1::Pemberantasan>(ch, o, req, resp);
  if (service == "keuangan") return Record<keuangan::v1::Keuangan>(ch, o, req, resp);
  if (service == "zonaintegritas") return Record<zonaintegritas::v1::ZonaIntegritas>(ch, o, req, resp);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "unknown service " + service);
}

absl::StatusOr<std::map<std::string, std::string>> ServiceAddresses(const Options& o) {
  auto stub = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator));
  aggregator::v1::ListServicesResponse resp;
  grpc::Status s = stub->ListServices(Ctx(o).get(), aggregator::v1::ListServicesRequest(), &resp);
  if (!s.ok()) return FromGrpc(s);
  std::map<std::string, std::string> out;
  for (const auto& svc : resp.services()) out[svc.service()] = svc.address();
  return out;
}

// Sends a bundle's kawasan rawan records to pencegahan: register, status history,
// interventions, then each IKKR assessment. Each request is all or nothing.
int ImportKawasan(const Options& o, const std::string& address, const bundle::v1::KawasanRecords& k) {
  auto stub = pencegahan::v1::Pencegahan::NewStub(Connect(address));
  auto report = [](const std::string& what, const pencegahan::v1::KawasanWriteResponse& r) {
    std::cout << "kawasan " << what << " -> pencegahan: " << r.written() << " written, " << r.unchanged()
              << " unchanged\n";
  };
  pencegahan::v1::KawasanWriteResponse resp;
  if (k.areas_size() > 0) {
    pencegahan::v1::RegisterKawasanRequest req;
    *req.mutable_kawasan() = k.areas();
    if (grpc::Status s = stub->RegisterKawasan(Ctx(o).get(), req, &resp); !s.ok()) return Fail("kawasan register", s);
    report("register", resp);
  }
  if (k.status_changes_size() > 0) {
    pencegahan::v1::RecordKawasanStatusRequest req;
    *req.mutable_changes() = k.status_changes();
    if (grpc::Status s = stub->RecordKawasanStatus(Ctx(o).get(), req, &resp); !s.ok()) return Fail("kawasan status", s);
    report("status", resp);
  }
  if (k.interventions_size() > 0) {
    pencegahan::v1::RecordInterventionsRequest req;
    *req.mutable_interventions() = k.interventions();
    if (grpc::Status s = stub->RecordInterventions(Ctx(o).get(), req, &resp); !s.ok()) {
      return Fail("kawasan interventions", s);
    }
    report("interventions", resp);
  }
  for (const auto& a : k.ikkr_assessments()) {
    pencegahan::v1::RecordIkkrAssessmentRequest req;
    *req.mutable_assessment() = a;
    if (grpc::Status s = stub->RecordIkkrAssessment(Ctx(o).get(), req, &resp); !s.ok()) {
      return Fail("IKKR assessment " + a.assessment_id(), s);
    }
    report("IKKR " + a.assessment_id(), resp);
  }
  return 0;
}

// Sends a bundle's pemberantasan records: case-file stages one by one (in order), the detainee
// register, incidents, then each BA. Records already stored come back unchanged.
int ImportPemberantasan(const Options& o, const std::string& address, const bundle::v1::PemberantasanRecords& p) {
  auto stub = pemberantasan::v1::Pemberantasan::NewStub(Connect(address));
  int written = 0, unchanged = 0;
  for (const auto& stage : p.case_stages()) {
    pemberantasan::v1::RecordCaseStageResponse resp;
    if (grpc::Status s = stub->RecordCaseStage(Ctx(o).get(), stage, &resp); !s.ok()) {
      return Fail("case file " + stage.case_ref(), s);
    }
    ++(resp.unchanged() ? unchanged : written);
  }
  if (p.case_stages_size() > 0) {
    std::cout << "case-file stages -> pemberantasan: " << written << " written, " << unchanged << " unchanged\n";
  }
  pemberantasan::v1::DetaineeWriteResponse dresp;
  if (p.detainees_size() > 0) {
    pemberantasan::v1::RecordDetaineesRequest req;
    *req.mutable_detainees() = p.detainees();
    if (grpc::Status s = stub->RecordDetainees(Ctx(o).get(), req, &dresp); !s.ok()) return Fail("detainees", s);
    std::cout << "detainees -> pemberantasan: " << dresp.written() << " written, " << dresp.unchanged() << " unchanged\n";
  }
  if (p.incidents_size() > 0) {
    pemberantasan::v1::RecordDetaineeIncidentsRequest req;
    *req.mutable_incidents() = p.incidents();
    if (grpc::Status s = stub->RecordDetaineeIncidents(Ctx(o).get(), req, &dresp); !s.ok()) return Fail("incidents", s);
    std::cout << "incidents -> pemberantasan: " << dresp.written() << " written, " << dresp.unchanged() << " unchanged\n";
  }
  written = unchanged = 0;
  for (const auto& ba : p.berita_acara()) {
    pemberantasan::v1::RecordBeritaAcaraRequest req;
    *req.mutable_berita_acara() = ba;
    pemberantasan::v1::RecordBeritaAcaraResponse resp;
    if (grpc::Status s = stub->RecordBeritaAcara(Ctx(o).get(), req, &resp); !s.ok()) return Fail("BA " + ba.ba_ref(), s);
    ++(resp.unchanged() ? unchanged : written);
  }
  if (p.berita_acara_size() > 0) {
    std::cout << "berita acara -> pemberantasan: " << written << " written, " << unchanged << " unchanged\n";
  }
  return 0;
}

int ImportKeuangan(const Options& o, const std::string& address, const bundle::v1::KeuanganRecords& k) {
  auto stub = keuangan::v1::Keuangan::NewStub(Connect(address));
  int written = 0, unchanged = 0, findings = 0;
  for (const auto& dipa : k.dipa()) {
    keuangan::v1::BudgetWriteResponse resp;
    if (grpc::Status s = stub->RecordDipa(Ctx(o).get(), dipa, &resp); !s.ok()) return Fail("DIPA of " + dipa.satker_code(), s);
    ++(resp.unchanged() ? unchanged : written);
  }
  if (k.dipa_size() > 0) std::cout << "DIPA -> keuangan: " << written << " written, " << unchanged << " unchanged\n";
  written = unchanged = 0;
  for (const auto& month : k.realisasi()) {
    keuangan::v1::BudgetWriteResponse resp;
    if (grpc::Status s = stub->RecordRealisasi(Ctx(o).get(), month, &resp); !s.ok()) {
      return Fail(absl::StrCat("realisasi of ", month.satker_code(), " month ", month.month()), s);
    }
    ++(resp.unchanged() ? unchanged : written);
    findings = resp.findings_size();
  }
  if (k.realisasi_size() > 0) {
    std::cout << "realisasi months -> keuangan: " << written << " written, " << unchanged << " unchanged";
    if (findings > 0) std::cout << " (" << findings << " lines of the last satker above pagu)";
    std::cout << "\n";
  }
  for (const auto& scores : k.scores()) {
    keuangan::v1::ImportBudgetScoresResponse resp;
    const std::string kind = keuangan::v1::ScoreKind_Name(scores.kind()).substr(std::string("SCORE_KIND_").size());
    if (grpc::Status s = stub->ImportBudgetScores(Ctx(o).get(), scores, &resp); !s.ok()) return Fail(kind, s);
    std::cout << kind << " -> keuangan: " << resp.written() << " written, " << resp.unchanged() << " unchanged";
    if (resp.findings_size() > 0) std::cout << ", " << resp.findings_size() << " recomputations differ";
    std::cout << "\n";
  }
  return 0;
}

int ImportZonaIntegritas(const Options& o, const std::string& address, const bundle::v1::ZonaIntegritasRecords& z) {
  auto stub = zonaintegritas::v1::ZonaIntegritas::NewStub(Connect(address));
  for (const auto& lke : z.lke_assessments()) {
    zonaintegritas::v1::LkeResult result;
    if (grpc::Status s = stub->RecordLkeAssessment(Ctx(o).get(), lke, &result); !s.ok()) {
      return Fail("LKE of " + lke.satker_code(), s);
    }
    std::cout << "LKE " << lke.satker_code() << " -> zonaintegritas: total " << DisplayIndonesian(result.total().value());
    for (const auto& v : result.verdicts()) std::cout << "; " << v.summary();
    std::cout << "\n";
  }
  for (const auto& letter : z.tpi_results()) {
    zonaintegritas::v1::ImportTpiResultsResponse resp;
    if (grpc::Status s = stub->ImportTpiResults(Ctx(o).get(), letter, &resp); !s.ok()) return Fail("TPI results", s);
    std::cout << "TPI results -> zonaintegritas: " << resp.written() << " written, " << resp.unchanged() << " unchanged\n";
  }
  return 0;
}

int Import(const Options& o, const std::string& path, bool dry_run) {
  auto bundle = ReadBundle(path);
  if (!bundle.ok()) {
    std::cerr << "lkipctl: import refused: " << bundle.status().message() << "\n";
    return kExitError;
  }
  auto addresses = ServiceAddresses(o);
  if (!addresses.ok()) return Fail("aggregator " + o.aggregator, addresses.status());

  // The rules the services compute with, so the bundle is checked exactly as they will check it.
  rules::v1::RuleSet merged;
  merged.set_fiscal_year(bundle->fiscal_year());
  for (const auto& [service, address] : *addresses) {
    if (address.empty()) return Fail("import", absl::FailedPreconditionError(service + " has no address"));
    auto stub = indicator::v1::IndicatorSource::NewStub(Connect(address));
    indicator::v1::ListIndicatorsRequest req;
    req.set_fiscal_year(bundle->fiscal_year());
    indicator::v1::ListIndicatorsResponse resp;
    grpc::Status s = stub->ListIndicators(Ctx(o).get(), req, &resp);
    if (!s.ok()) return Fail(absl::StrCat("rules of ", service, " at ", address), s);
    if (merged.version().empty()) merged.set_version(resp.rule_set_version());
    if (merged.version() != resp.rule_set_version()) {
      return Fail("import", absl::FailedPreconditionError(absl::StrCat(
                                service, " uses rule set ", resp.rule_set_version(), ", others ", merged.version())));
    }
    for (auto& m : resp.measures()) *merged.add_measures() = m;
    for (auto& i : resp.indicators()) *merged.add_indicators() = i;
  }
  YearRules rules(merged);
  if (absl::Status s = CheckBundle(path, rules, &*bundle); !s.ok()) {
    std::cerr << "lkipctl: import refused, nothing imported: " << s.message() << "\n";
    return kExitError;
  }
  std::cout << "checked " << path << ": " << bundle->units_size() << " units, "
            << (bundle->has_perjanjian_kinerja() ? "a perjanjian kinerja, " : "") << bundle->satker_values_size()
            << " satker values" << (bundle->has_kawasan() ? ", kawasan rawan records" : "")
            << (bundle->has_pemberantasan() ? ", pemberantasan records" : "") << "\n";
  if (dry_run) return 0;

  // Every service holds the unit tree.
  unit::v1::PutUnitsRequest units;
  *units.mutable_units() = bundle->units();
  std::map<std::string, std::string> targets = *addresses;
  targets["aggregator"] = o.aggregator;
  int step = 0;
  const int steps = static_cast<int>(targets.size() + addresses->size()) + 1;
  for (const auto& [service, address] : targets) {
    if (bundle->units_size() == 0) break;   // a bundle of records only: the tree is in place
    unit::v1::PutUnitsResponse resp;
    grpc::Status s = unit::v1::UnitRegistry::NewStub(Connect(address))->PutUnits(Ctx(o).get(), units, &resp);
    if (!s.ok()) return Fail("units to " + service, s);
    std::cout << "[" << ++step << "/" << steps << "] units -> " << service << ": " << resp.written()
              << " written, " << resp.unchanged() << " unchanged\n";
  }
  std::map<std::string, indicator::v1::RecordSatkerValuesRequest> by_service;
  for (const auto& v : bundle->satker_values()) {
    auto& req = by_service[rules.FindMeasure(v.measure())->service()];
    req.set_fiscal_year(bundle->fiscal_year());
    *req.add_values() = v;
  }
  for (const auto& [service, address] : *addresses) {
    ++step;
    auto it = by_service.find(service);
    if (it == by_service.end()) {
      std::cout << "[" << step << "/" << steps << "] values -> " << service << ": none in the bundle\n";
      continue;
    }
    indicator::v1::RecordSatkerValuesResponse resp;
    grpc::Status s = RecordFor(service, Connect(address), o, it->second, &resp);
    if (!s.ok()) return Fail("values to " + service, s);
    std::cout << "[" << step << "/" << steps << "] values -> " << service << ": " << resp.written() << " written, "
              << resp.unchanged() << " unchanged\n";
  }
  ++step;
  if (bundle->has_perjanjian_kinerja()) {
    aggregator::v1::PutPerjanjianKinerjaRequest req;
    *req.mutable_perjanjian_kinerja() = bundle->perjanjian_kinerja();
    aggregator::v1::PutPerjanjianKinerjaResponse resp;
    grpc::Status s =
        aggregator::v1::Aggregator::NewStub(Connect(o.aggregator))->PutPerjanjianKinerja(Ctx(o).get(), req, &resp);
    if (!s.ok()) return Fail("perjanjian kinerja to aggregator", s);
    std::cout << "[" << step << "/" << steps << "] perjanjian kinerja -> aggregator: "
              << (resp.changed() ? "written" : "unchanged") << "\n";
  }
  if (bundle->has_kawasan()) {
    if (int rc = ImportKawasan(o, (*addresses)["pencegahan"], bundle->kawasan()); rc != 0) return rc;
  }
  if (bundle->has_pemberantasan()) {
    if (int rc = ImportPemberantasan(o, (*addresses)["pemberantasan"], bundle->pemberantasan()); rc != 0) return rc;
  }
  if (bundle->has_keuangan()) {
    if (int rc = ImportKeuangan(o, (*addresses)["keuangan"], bundle->keuangan()); rc != 0) return rc;
  }
  if (bundle->has_zona_integritas()) {
    if (int rc = ImportZonaIntegritas(o, (*addresses)["zonaintegritas"], bundle->zona_integritas()); rc != 0) return rc;
  }
  std::cout << "import complete\n";
  return 0;
}

int Indicators(const Options& o, int year, const std::string& province) {
  aggregator::v1::GetPerjanjianKinerjaRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  aggregator::v1::PerjanjianKinerja pk;
  grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator))->GetPerjanjianKinerja(Ctx(o).get(), req, &pk);
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

// The CSV files lkipctl streams, each to the service that owns it (docs/bundle-format.md).
struct CsvKind {
  std::string kind;
  std::string service;
  std::string help;
  std::function<absl::StatusOr<indicator::v1::ImportResult>(const std::shared_ptr<grpc::Channel>&,
                                                             grpc::ClientContext*, const std::string&,
                                                             const indicator::v1::ImportHeader&, const Progress&)>
      stream;
};

const std::vector<CsvKind>& CsvKinds() {
  static const auto* kinds = new std::vector<CsvKind>{
      {"skm", "rehabilitasi", "stream SKM questionnaires (CSV: satker_code,u1..u9) to rehabilitasi",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportSkmCsv(*rehabilitasi::v1::Rehabilitasi::NewStub(ch), ctx, path, header, progress);
       }},
      {"whoqol", "rehabilitasi",
       "stream WHOQOL-BREF forms (CSV: satker_code,client_ref,jenis,tanggal,dibalik,q1..q26) to rehabilitasi",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportWhoqolCsv(*rehabilitasi::v1::Rehabilitasi::NewStub(ch), ctx, path, header, progress);
       }},
      {"register", "rehabilitasi",
       "stream register entries (CSV: satker_code,register,kode,tanggal,atribut,keterangan) to rehabilitasi",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportRegisterCsv(*rehabilitasi::v1::Rehabilitasi::NewStub(ch), ctx, path, header, progress);
       }},
      {"ikp", "pencegahan", "stream IKP assessments (CSV: satker_code,lembaga,lingkungan,sdm..aktivitas) to pencegahan",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportIkpCsv(*pencegahan::v1::Pencegahan::NewStub(ch), ctx, path, header, progress);
       }},
      {"respondents", "pencegahan",
       "stream Dektari/Dektara respondent scores (CSV: satker_code,ukuran,responden,skor) to pencegahan",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportRespondentCsv(*pencegahan::v1::Pencegahan::NewStub(ch), ctx, path, header, progress);
       }},
  };
  return *kinds;
}

// Streams a CSV register to the service that owns it, showing progress on stderr.
int ImportRegister(const Options& o, const CsvKind& csv, const std::string& path, int year, std::string import_id) {
  const std::string& kind = csv.kind;
  auto addresses = ServiceAddresses(o);
  if (!addresses.ok()) return Fail("aggregator " + o.aggregator, addresses.status());
  const std::string address = (*addresses)[csv.service];
  if (address.empty()) return Fail("import-" + kind, absl::FailedPreconditionError(csv.service + " has no address"));
  indicator::v1::ImportHeader header;
  header.set_import_id(import_id.empty() ? ImportIdFor(path) : import_id);
  header.set_fiscal_year(year);
  header.set_source_document(std::filesystem::path(path).filename().string());
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(std::max(o.timeout_s, 600)));
  ctx.AddMetadata("x-lkip-actor", o.actor);
  const bool tty = isatty(fileno(stderr));
  int last_percent = -1;
  auto progress = [&](int64_t done, int64_t total) {
    const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    if (percent == last_percent || (!tty && percent % 10 != 0)) return;
    last_percent = percent;
    std::cerr << (tty ? "\r" : "") << kind << " " << header.import_id() << ": " << done << "/" << total
              << " baris (" << percent << "%)" << (tty ? "" : "\n") << std::flush;
  };
  absl::StatusOr<indicator::v1::ImportResult> result = csv.stream(Connect(address), &ctx, path, header, progress);
  if (tty && last_percent >= 0) std::cerr << "\n";
  if (!result.ok()) {
    std::cerr << "lkipctl: import-" << kind << " refused: " << result.status().message() << "\n";
    return kExitError;
  }
  if (result->already_imported()) {
    std::cout << "import " << result->import_id() << " (" << result->rows()
              << " rows) was imported before with the same rows: nothing changed\n";
  } else {
    std::cout << "imported " << result->rows() << " " << kind << " rows as " << result->import_id()
              << "; satker updated:";
    for (const auto& s : result->satker_updated()) std::cout << " " << s;
    std::cout << "\n";
  }
  return 0;
}

// The report's written texts from a JSON file {"fiscal_year", "province_code", "narratives":
// {key: text}} (examples/ntb-2023/narratives.json), stored in the aggregator in one request.
int SetNarratives(const Options& o, const std::string& path) {
  auto text = ReadText(path);
  if (!text.ok()) return Fail("narratives", text.status());
  nlohmann::json doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc["fiscal_year"].is_number_integer() ||
      !doc["province_code"].is_string() || !doc["narratives"].is_object()) {
    std::cerr << "lkipctl: " << path
              << ": not a narratives file ({\"fiscal_year\": 2023, \"province_code\": ..., \"narratives\": {key: text}})\n";
    return kExitError;
  }
  aggregator::v1::PutNarrativesRequest req;
  req.set_fiscal_year(doc["fiscal_year"].get<int>());
  req.set_province_code(doc["province_code"].get<std::string>());
  for (const auto& [key, value] : doc["narratives"].items()) {
    if (!value.is_string()) {
      std::cerr << "lkipctl: " << path << ": $.narratives." << key << ": is not a text\n";
      return kExitError;
    }
    auto* n = req.add_narratives();
    n->set_key(key);
    n->set_text(value.get<std::string>());
  }
  aggregator::v1::PutNarrativesResponse resp;
  grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator))->PutNarratives(Ctx(o).get(), req, &resp);
  if (!s.ok()) return Fail("narratives to aggregator", s);
  std::cout << "narratives -> aggregator: " << resp.written() << " written, " << resp.unchanged() << " unchanged, "
            << resp.removed() << " removed\n";
  return 0;
}

// Each IKK's comparisons (last year, national) from a JSON file: a PutComparisonsRequest in
// protobuf's canonical JSON (examples/ntb-2023/comparisons.json).
int SetComparisons(const Options& o, const std::string& path) {
  auto text = ReadText(path);
  if (!text.ok()) return Fail("comparisons", text.status());
  aggregator::v1::PutComparisonsRequest req;
  if (auto st = google::protobuf::util::JsonStringToMessage(*text, &req); !st.ok()) {
    std::cerr << "lkipctl: " << path << ": not a comparisons file: " << std::string(st.message()) << "\n";
    return kExitError;
  }
  aggregator::v1::PutComparisonsResponse resp;
  grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator))->PutComparisons(Ctx(o).get(), req, &resp);
  if (!s.ok()) return Fail("comparisons to aggregator", s);
  std::cout << "comparisons -> aggregator: " << resp.written() << " written, " << resp.unchanged() << " unchanged\n";
  return 0;
}

int AnggaranCmd(const Options& o, int year, const std::string& province, const std::string& out_dir) {
  auto addresses = ServiceAddresses(o);
  if (!addresses.ok()) return Fail("aggregator " + o.aggregator, addresses.status());
  keuangan::v1::GetBudgetTablesRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  keuangan::v1::BudgetTables tables;
  grpc::Status s = keuangan::v1::Keuangan::NewStub(Connect((*addresses)["keuangan"]))->GetBudgetTables(Ctx(o).get(), req, &tables);
  if (!s.ok()) return Fail("budget tables", s);
  std::cout << BudgetTablesText(tables) << "\n";
  if (out_dir.empty()) return 0;
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;   // a sisa of 0 is written, not left out
  if (auto st = google::protobuf::util::MessageToJsonString(tables, &json, options); !st.ok()) {
    return Fail("anggaran.json", absl::InternalError(std::string(st.message())));
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Fail("output", absl::UnavailableError(absl::StrCat("cannot create ", out_dir, ": ", ec.message())));
  if (absl::Status w = WriteText(std::filesystem::path(out_dir) / "anggaran.json", json); !w.ok()) return Fail("output", w);
  std::cout << "written: " << (std::filesystem::path(out_dir) / "anggaran.json").string() << "\n";
  return 0;
}

// What the report and the verifier read (report_fetch.h), with this command's deadline and actor.
absl::StatusOr<ReportInputs> FetchReportInputs(const Options& o, int year, const std::string& province) {
  auto agg = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator));
  FetchOptions fetch;
  fetch.connect = [](const std::string& address) { return Connect(address); };
  fetch.context = [&o] { return Ctx(o); };
  auto in = ctl::FetchReportInputs(*agg, fetch, year, province);
  if (in.ok() && !in->budget_unavailable_reason.empty()) {
    std::cerr << "lkipctl: budget tables unavailable: " << in->budget_unavailable_reason << "\n";
  }
  return in;
}

// The whole LKIP document in every format of `documents.formats` (report_documents.h). Exit 3
// when a bidang service or keuangan was unavailable, unless allow_partial.
int ReportCmd(const Options& o, int year, const std::string& province, const DocumentOptions& documents,
              bool allow_partial) {
  auto fetched = FetchReportInputs(o, year, province);
  if (!fetched.ok()) return Fail("report", fetched.status());
  const ReportInputs& in = *fetched;
  const nlohmann::ordered_json view = ReportJson(in);
  auto manifest = WriteReportDocuments(in, view, documents);
  if (!manifest.ok()) return Fail("report", manifest.status());
  std::cout << "wrote in " << documents.out_dir.string() << ":";
  for (const auto& out : (*manifest)["outputs"]) std::cout << " " << out["file"].get<std::string>();
  std::cout << " manifest.json\n";
  if (!view["complete"].get<bool>()) {
    std::cerr << "lkipctl: the report is partial: some data was unavailable (marked \"data tidak tersedia\")\n";
    if (!allow_partial) return kExitPartial;
  }
  return 0;
}

// Checks the data, and the figures a document states (--stated), before publication: verify.json
// and a listing. Exit 4 with --strict when a finding is an ERROR.
int VerifyCmd(const Options& o, int year, const std::string& province, const std::string& stated_path,
              const std::string& out_dir, bool strict) {
  VerifyInputs in;
  auto fetched = FetchReportInputs(o, year, province);
  if (!fetched.ok()) return Fail("verify", fetched.status());
  in.report = std::move(*fetched);
  aggregator::v1::GetRuleSetRequest rreq;
  rreq.set_fiscal_year(year);
  if (grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator))->GetRuleSet(Ctx(o).get(), rreq, &in.rules);
      !s.ok()) {
    return Fail("rule set", s);
  }
  if (!stated_path.empty()) {
    auto text = ReadText(stated_path);
    if (!text.ok()) return Fail("stated figures", text.status());
    nlohmann::json doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    auto stated = ParseStatedFigures(doc, year, province);
    if (!stated.ok()) return Fail(stated_path, stated.status());
    in.stated = std::move(*stated);
  }
  const VerifyResult result = Verify(in);
  const nlohmann::ordered_json json = VerifyJson(in, result);
  std::cout << VerifyText(result);
  const auto& summary = json["summary"];
  std::cout << "verify " << province << " " << year << ": " << summary["error"] << " error, " << summary["warning"]
            << " warning, " << summary["info"] << " info; stated figures: " << summary["stated_agreeing"] << " of "
            << summary["stated_checked"] << " agree with the data\n";
  if (!out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) return Fail("output", absl::UnavailableError(absl::StrCat("cannot create ", out_dir, ": ", ec.message())));
    if (absl::Status w = WriteText(std::filesystem::path(out_dir) / "verify.json", JsonText(json) + "\n"); !w.ok()) {
      return Fail("output", w);
    }
    std::cout << "written: " << (std::filesystem::path(out_dir) / "verify.json").string() << "\n";
  }
  return strict && summary["error"].get<int>() > 0 ? kExitFindings : 0;
}

int CapaianCmd(const Options& o, int year, const std::string& province, const std::string& out_dir,
               const std::string& template_path, bool allow_partial) {
  aggregator::v1::GetCapaianRequest req;
  req.set_fiscal_year(year);
  req.set_province_code(province);
  aggregator::v1::CapaianReport report;
  grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o.aggregator))->GetCapaian(Ctx(o).get(), req, &report);
  if (!s.ok()) return Fail("capaian", s);
  auto tmpl = ReadText(template_path);
  if (!tmpl.ok()) return Fail("template", tmpl.status());
  const nlohmann::ordered_json view = CapaianJson(report);
  auto html = RenderTemplate(view, *tmpl);
  if (!html.ok()) return Fail("template " + template_path, html.status());
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Fail("output", absl::UnavailableError(absl::StrCat("cannot create ", out_dir, ": ", ec.message())));
  const std::filesystem::path dir(out_dir);
  if (absl::Status w = WriteText(dir / "capaian.json", JsonText(view) + "\n"); !w.ok()) {
    return Fail("output", w);
  }
  if (absl::Status w = WriteText(dir / "capaian.html", *html); !w.ok()) return Fail("output", w);
  for (const auto& ind : report.indicators()) {
    std::cout << ind.code() << "  target " << DisplayIndonesian(ind.target().value().value()) << "  realisasi "
              << (ind.available() ? DisplayIndonesian(ind.realisasi().value()) : "-") << "  capaian "
              << (ind.available() && ind.capaian_available()
                      ? Decimal::Parse(ind.capaian().value())->ToIndonesian(2)
                      : (ind.available() ? "NA" : "data tidak tersedia: " + ind.unavailable_reason()))
              << "\n";
  }
  for (const auto& bands : report.bands()) {
    std::cout << bands.band_set() << ":";
    for (const auto& row : bands.rows()) std::cout << " " << row.count();
    std::cout << "\n";
  }
  std::cout << "wrote " << (dir / "capaian.json").string() << " and " << (dir / "capaian.html").string() << "\n";
  if (!report.complete()) {
    std::cerr << "lkipctl: the result is partial:";
    for (const auto& svc : report.services()) {
      if (!svc.available()) std::cerr << " " << svc.service() << " (" << svc.reason() << ")";
    }
    std::cerr << (allow_partial ? "; accepted (--allow-partial)\n" : "; pass --allow-partial to accept it\n");
    return allow_partial ? 0 : kExitPartial;
  }
  return 0;
}

int WaitReady(const std::vector<std::string>& addresses, int timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (const auto& address : addresses) {
    auto stub = grpc::health::v1::Health::NewStub(Connect(address));
    for (;;) {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
      grpc::health::v1::HealthCheckResponse resp;
      grpc::Status s = stub->Check(&ctx, grpc::health::v1::HealthCheckRequest(), &resp);
      if (s.ok() && resp.status() == grpc::health::v1::HealthCheckResponse::SERVING) break;
      if (std::chrono::steady_clock::now() > deadline) {
        std::cerr << "lkipctl: " << address << " not SERVING after " << timeout_s << " s\n";
        return kExitError;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  return 0;
}

std::string DefaultActor() {
  const char* user = std::getenv("USER");
  return absl::StrCat("lkipctl:", user != nullptr ? user : "unknown");
}

}  // namespace
}  // namespace lkip::ctl

int main(int argc, char** argv) {
  using namespace lkip::ctl;
  CLI::App app{"lkipctl: import data into the lkip suite and write its capaian table"};
  app.require_subcommand(1);
  Options o;
  o.actor = DefaultActor();
  app.add_option("--aggregator", o.aggregator, "aggregator host:port")->envname("LKIP_AGGREGATOR");
  app.add_option("--actor", o.actor, "who is acting, recorded in the audit trail");
  app.add_option("--timeout", o.timeout_s, "seconds allowed for each call")->check(CLI::Range(1, 3600));

  std::string bundle_path;
  bool dry_run = false;
  auto* import = app.add_subcommand("import", "check a data bundle and import it into every service");
  import->add_option("bundle", bundle_path, "bundle JSON file (docs/bundle-format.md)")->required()->check(CLI::ExistingFile);
  import->add_flag("--dry-run", dry_run, "check the bundle only; import nothing");

  int year = 0;
  std::string province;
  auto* indicators = app.add_subcommand("indicators", "list the IKK of a Perjanjian Kinerja");
  indicators->add_option("--year", year, "fiscal year")->required();
  indicators->add_option("--province", province, "BNNP unit code, e.g. BNNP_NTB")->required();

  std::string register_path, register_import_id;
  std::vector<std::pair<const CsvKind*, CLI::App*>> registers;
  for (const CsvKind& csv : CsvKinds()) {
    auto* cmd = app.add_subcommand("import-" + csv.kind, csv.help);
    cmd->add_option("csv", register_path, "CSV file (docs/bundle-format.md)")->required()->check(CLI::ExistingFile);
    cmd->add_option("--year", year, "fiscal year")->required();
    cmd->add_option("--import-id", register_import_id, "import id (default: the file name)");
    registers.emplace_back(&csv, cmd);
  }

  std::string out_dir, template_path = LKIP_DEFAULT_TEMPLATE_DIR "/capaian.html.mustache";
  bool allow_partial = false;
  auto* capaian = app.add_subcommand("capaian", "write the capaian table as capaian.json and capaian.html");
  capaian->add_option("--year", year, "fiscal year")->required();
  capaian->add_option("--province", province, "BNNP unit code")->required();
  capaian->add_option("--out", out_dir, "output directory")->required();
  capaian->add_option("--template", template_path, "Mustache template of the HTML page");
  capaian->add_flag("--allow-partial", allow_partial, "exit 0 even when a bidang service was unavailable");

  std::string narratives_path;
  auto* narratives = app.add_subcommand("set-narratives", "store the report's written texts from a JSON file");
  narratives->add_option("file", narratives_path, "narratives JSON (docs/bundle-format.md)")->required()->check(CLI::ExistingFile);

  std::string comparisons_path;
  auto* comparisons = app.add_subcommand("set-comparisons", "store each IKK's comparison values (last year, national)");
  comparisons->add_option("file", comparisons_path, "comparisons JSON (docs/bundle-format.md)")->required()->check(CLI::ExistingFile);

  std::string anggaran_out;
  auto* anggaran = app.add_subcommand("anggaran", "print the budget tables (per program, per satker); --out writes anggaran.json");
  anggaran->add_option("--year", year, "fiscal year")->required();
  anggaran->add_option("--province", province, "BNNP unit code")->required();
  anggaran->add_option("--out", anggaran_out, "output directory");

  std::string report_out, report_templates = LKIP_DEFAULT_TEMPLATE_DIR;
  std::vector<std::string> report_formats(AllDocumentFormats().begin(), AllDocumentFormats().end());
  DocumentOptions documents;
  bool report_partial = false;
  auto* report = app.add_subcommand(
      "report", "write the LKIP document: lkip.html, .pdf, .docx, .md, .xlsx, .json and manifest.json");
  report->add_option("--year", year, "fiscal year")->required();
  report->add_option("--province", province, "BNNP unit code")->required();
  report->add_option("--out", report_out, "output directory")->required();
  report->add_option("--templates", report_templates, "directory of lkip.html.mustache and lkip.md.mustache");
  report->add_option("--formats", report_formats, "formats to write (comma-separated)")
      ->delimiter(',')
      ->check(CLI::IsMember(AllDocumentFormats()));
  report->add_option("--weasyprint", documents.weasyprint, "WeasyPrint program (PDF)");
  report->add_option("--pandoc", documents.pandoc, "pandoc program (DOCX)");
  report->add_flag("--allow-partial", report_partial, "exit 0 even when a service was unavailable");

  std::string stated_path, verify_out;
  bool strict = false;
  auto* verify = app.add_subcommand("verify", "check the data and a document's stated figures; verify.json and a listing");
  verify->add_option("--year", year, "fiscal year")->required();
  verify->add_option("--province", province, "BNNP unit code")->required();
  verify->add_option("--stated", stated_path, "figures a document states (docs/bundle-format.md)")->check(CLI::ExistingFile);
  verify->add_option("--out", verify_out, "directory for verify.json");
  verify->add_flag("--strict", strict, "exit 4 when a finding is an ERROR");

  std::vector<std::string> wait_addresses;
  int wait_timeout = 30;
  auto* wait = app.add_subcommand("wait-ready", "wait until services report SERVING (gRPC health)");
  wait->add_option("addresses", wait_addresses, "host:port ...")->required();
  wait->add_option("--within", wait_timeout, "seconds to wait in all");

  CLI11_PARSE(app, argc, argv);
  if (wait->parsed()) return WaitReady(wait_addresses, wait_timeout);
  if (o.aggregator.empty()) {
    std::cerr << "lkipctl: --aggregator (or LKIP_AGGREGATOR) is required\n";
    return 2;
  }
  if (import->parsed()) return Import(o, bundle_path, dry_run);
  if (indicators->parsed()) return Indicators(o, year, province);
  if (anggaran->parsed()) return AnggaranCmd(o, year, province, anggaran_out);
  if (narratives->parsed()) return SetNarratives(o, narratives_path);
  if (comparisons->parsed()) return SetComparisons(o, comparisons_path);
  if (verify->parsed()) return VerifyCmd(o, year, province, stated_path, verify_out, strict);
  if (report->parsed()) {
    documents.template_dir = report_templates;
    documents.out_dir = report_out;
    documents.formats = std::set<std::string>(report_formats.begin(), report_formats.end());
    documents.progress = [](const std::string& step) { std::cerr << "lkipctl: menulis " << step << "\n"; };
    return ReportCmd(o, year, province, documents, report_partial);
  }
  for (const auto& [csv, cmd] : registers) {
    if (cmd->parsed()) return ImportRegister(o, *csv, register_path, year, register_import_id);
  }
  return CapaianCmd(o, year, province, out_dir, template_path, allow_partial);
}
