#include "tools/lkipctl/data_commands.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/files/text_file.h"
#include "common/proto/json_file.h"
#include "common/server/metadata_keys.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"

namespace lkip::ctl {

const std::vector<CsvKind>& CsvKinds() {
  static const auto* kinds = new std::vector<CsvKind>{
      {"skm", "stream SKM questionnaires (CSV: satker_code,u1..u9) to rehabilitasi",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportSkmCsv(*report::v1::ReportService::NewStub(ch), ctx, path, header, progress);
       }},
      {"whoqol",
       "stream WHOQOL-BREF forms (CSV: satker_code,client_ref,jenis,tanggal,dibalik,q1..q26) to rehabilitasi",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportWhoqolCsv(*report::v1::ReportService::NewStub(ch), ctx, path, header, progress);
       }},
      {"register",
       "stream register entries (CSV: satker_code,register,kode,tanggal,atribut,keterangan) to rehabilitasi",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportRegisterCsv(*report::v1::ReportService::NewStub(ch), ctx, path, header, progress);
       }},
      {"ikp", "stream IKP assessments (CSV: satker_code,lembaga,lingkungan,sdm..aktivitas) to pencegahan",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportIkpCsv(*report::v1::ReportService::NewStub(ch), ctx, path, header, progress);
       }},
      {"respondents",
       "stream Dektari/Dektara respondent scores (CSV: satker_code,ukuran,responden,skor) to pencegahan",
       [](const auto& ch, auto* ctx, const auto& path, const auto& header, const auto& progress) {
         return ImportRespondentCsv(*report::v1::ReportService::NewStub(ch), ctx, path, header, progress);
       }},
  };
  return *kinds;
}

// Streams a CSV register through the aggregator to the service that owns it, showing progress
// on stderr.
int ImportRegister(const Options& o, const CsvKind& csv, const std::string& path, int year,
                   std::string import_id, const std::string& source_document, bool same_rows_again) {
  const std::string& kind = csv.kind;
  indicator::v1::ImportHeader header;
  header.set_import_id(import_id.empty() ? ImportIdFor(path) : import_id);
  header.set_fiscal_year(year);
  header.set_source_document(source_document.empty() ? std::filesystem::path(path).filename().string()
                                                     : source_document);
  header.set_same_rows_again(same_rows_again);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(o.long_timeout_s));
  if (o.insecure_dev) ctx.AddMetadata(kActorMetadataKey, o.actor);
  const bool tty = isatty(fileno(stderr));
  int last_percent = -1;
  auto progress = [&](int64_t done, int64_t total) {
    const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    if (percent == last_percent || (!tty && percent % 10 != 0)) return;
    last_percent = percent;
    std::cerr << (tty ? "\r" : "") << kind << " " << header.import_id() << ": " << done << "/" << total
              << " baris (" << percent << "%)" << (tty ? "" : "\n") << std::flush;
  };
  absl::StatusOr<indicator::v1::ImportResult> result = csv.stream(Connect(o), &ctx, path, header, progress);
  if (tty && last_percent >= 0) std::cerr << "\n";
  if (absl::IsDeadlineExceeded(result.status())) {
    // The service commits an import only once all of it arrived with its end message; one that
    // did arrive whole just before the deadline is recognised by its digest when sent again.
    std::cerr << "lkipctl: import-" << kind << " " << header.import_id() << " did not finish within "
              << o.long_timeout_s << " s (--long-timeout) and was cancelled; run the same command again "
              << "(an import that arrived whole is not counted twice)\n";
    return kExitError;
  }
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
              << ": not a narratives file ({\"fiscal_year\": 2023, \"province_code\": ..., \"narratives\": "
                 "{key: text}})\n";
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
  grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o))->PutNarratives(Ctx(o).get(), req, &resp);
  if (!s.ok()) return Fail("narratives to aggregator", s);
  std::cout << "narratives -> aggregator: " << resp.written() << " written, " << resp.unchanged()
            << " unchanged, " << resp.removed() << " removed\n";
  return 0;
}

namespace {

void PrintState(const indicator::v1::ImportInfo& i) {
  std::cout << "rows kept:       "
            << (i.rows_purged_unix_micros() == 0
                    ? "yes"
                    : "no, purged " + RecordedAt(i.rows_purged_unix_micros()) + " (--import_rows_keep_days)")
            << "\n";
  if (i.state() != indicator::v1::IMPORT_STATE_WITHDRAWN) {
    std::cout << "state:           committed\n";
    return;
  }
  std::cout << "state:           withdrawn\n"
            << "withdrawn:       " << RecordedAt(i.withdrawn_unix_micros()) << " by " << i.withdrawn_by()
            << "\n"
            << "reason:          " << i.withdraw_reason() << "\n";
}

}  // namespace

int ListImportsCmd(const Options& o, int year, const std::string& kind) {
  auto stub = report::v1::ReportService::NewStub(Connect(o));
  report::v1::ListImportsRequest req;
  req.set_fiscal_year(year);
  req.set_kind(kind);
  int64_t shown = 0;
  do {
    report::v1::ListImportsResponse page;
    grpc::Status s = stub->ListImports(Ctx(o).get(), req, &page);
    if (!s.ok()) return Fail("imports", s);
    for (const auto& i : page.imports()) {
      std::cout << i.service() << "  " << i.kind() << "  " << i.import_id() << "  " << i.fiscal_year() << "  "
                << i.rows() << " rows  " << RecordedAt(i.recorded_unix_micros()) << "  " << i.actor()
                << (i.state() == indicator::v1::IMPORT_STATE_WITHDRAWN ? "  WITHDRAWN" : "") << "\n";
      ++shown;
    }
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  std::cerr << shown << " imports\n";
  return 0;
}

int ShowImportCmd(const Options& o, const std::string& kind, const std::string& import_id) {
  report::v1::GetImportRequest req;
  req.set_kind(kind);
  req.set_import_id(import_id);
  report::v1::GetImportResponse resp;
  grpc::Status s = report::v1::ReportService::NewStub(Connect(o))->GetImport(Ctx(o).get(), req, &resp);
  if (!s.ok()) return Fail("import", s);
  const auto& i = resp.import();
  std::cout << "import:          " << i.kind() << "/" << i.import_id() << "\n"
            << "service:         " << i.service() << "\n"
            << "fiscal year:     " << i.fiscal_year() << "\n"
            << "rows:            " << i.rows() << "\n"
            << "sha-256:         " << i.digest_sha256() << "\n"
            << "actor:           " << i.actor() << "\n"
            << "recorded:        " << RecordedAt(i.recorded_unix_micros()) << "\n"
            << "source document: " << i.source_document() << "\n"
            << "satker changed:  " << absl::StrJoin(i.satker_codes(), ", ") << "\n";
  PrintState(i);
  return 0;
}

int WithdrawImportCmd(const Options& o, const std::string& kind, const std::string& import_id,
                      const std::string& reason) {
  report::v1::WithdrawImportRequest req;
  req.set_kind(kind);
  req.set_import_id(import_id);
  req.set_reason(reason);
  report::v1::WithdrawImportResponse resp;
  grpc::Status s = report::v1::ReportService::NewStub(Connect(o))->WithdrawImport(Ctx(o).get(), req, &resp);
  if (!s.ok()) return Fail("withdraw import", s);
  const auto& i = resp.import();
  std::cout << "withdrew " << i.kind() << "/" << i.import_id() << " at " << i.service() << ": " << i.rows()
            << " rows reversed; satker recomputed: " << absl::StrJoin(i.satker_codes(), ", ") << "\n";
  return 0;
}

// Each IKK's comparisons (last year, national) from a JSON file: a PutComparisonsRequest in
// protobuf's canonical JSON (examples/ntb-2023/comparisons.json).
int SetComparisons(const Options& o, const std::string& path) {
  aggregator::v1::PutComparisonsRequest req;
  if (absl::Status s =
          ReadJsonMessage(path, "a comparisons file (lkip.aggregator.v1.PutComparisonsRequest)", &req);
      !s.ok()) {
    std::cerr << "lkipctl: " << s.message() << "\n";
    return kExitError;
  }
  aggregator::v1::PutComparisonsResponse resp;
  grpc::Status s = aggregator::v1::Aggregator::NewStub(Connect(o))->PutComparisons(Ctx(o).get(), req, &resp);
  if (!s.ok()) return Fail("comparisons to aggregator", s);
  std::cout << "comparisons -> aggregator: " << resp.written() << " written, " << resp.unchanged()
            << " unchanged\n";
  return 0;
}

int WaitReady(const Options& o, const std::vector<std::string>& addresses, int timeout_s) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (const auto& address : addresses) {
    auto stub = grpc::health::v1::Health::NewStub(Connect(o, address));
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

}  // namespace lkip::ctl
