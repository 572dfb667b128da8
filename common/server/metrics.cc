#include "common/server/metrics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace lkip {
namespace {

// gRPC's canonical names of the status codes, as its own metrics label them.
std::string CodeName(int code) {
  static constexpr const char* kNames[] = {
      "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
      "DATA_LOSS", "UNAUTHENTICATED"};
  return code >= 0 && code < static_cast<int>(std::size(kNames)) ? kNames[code] : "UNKNOWN";
}

// A sum of seconds, with every digit a double holds.
std::string Number(double v) { return absl::StrFormat("%.17g", v); }

std::string HttpStatus(int status) { return absl::StrCat(status); }

}  // namespace

MetricsRegistry& MetricsRegistry::Default() {
  static auto* registry = new MetricsRegistry();  // never destroyed: scraped until exit
  return *registry;
}

void MetricsRegistry::CountRequest(absl::string_view method, int code, absl::Duration latency) {
  absl::MutexLock lock(&mu_);
  Count(methods_, method, code, latency);
}

void MetricsRegistry::CountHttpRequest(absl::string_view route, int status, absl::Duration latency) {
  absl::MutexLock lock(&mu_);
  Count(http_routes_, route, status, latency);
}

void MetricsRegistry::Count(ByMethod& stats, absl::string_view method, int code, absl::Duration latency) {
  const double seconds = absl::ToDoubleSeconds(latency);
  auto it = stats.find(method);
  if (it == stats.end()) it = stats.emplace(std::string(method), MethodStats{}).first;
  MethodStats& s = it->second;
  ++s.calls_by_code[code];
  ++s.count;
  s.seconds += seconds;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++s.bucket_counts[i];
      break;
    }
  }
}

void MetricsRegistry::AddImportRows(absl::string_view kind, int64_t rows) {
  absl::MutexLock lock(&mu_);
  auto it = import_rows_.find(kind);
  if (it == import_rows_.end()) it = import_rows_.emplace(std::string(kind), 0).first;
  it->second += rows;
}

int MetricsRegistry::AddCollector(Collector collector) {
  absl::MutexLock lock(&mu_);
  const int id = next_collector_++;
  collectors_.emplace(id, std::move(collector));
  return id;
}

void MetricsRegistry::RemoveCollector(int id) {
  absl::MutexLock lock(&mu_);
  collectors_.erase(id);
}

void MetricsRegistry::AppendRequests(const ByMethod& stats, absl::string_view prefix, absl::string_view what,
                                     absl::string_view label, absl::string_view code_label,
                                     std::string (*code_name)(int), absl::string_view constant_labels,
                                     std::string* out) {
  const std::string total = absl::StrCat(prefix, "_requests_total");
  const std::string duration = absl::StrCat(prefix, "_request_duration_seconds");
  absl::StrAppend(out, "# HELP ", total, " ", what, " this service finished, by ", label, " and ", code_label,
                  ".\n", "# TYPE ", total, " counter\n");
  for (const auto& [method, s] : stats) {
    for (const auto& [code, n] : s.calls_by_code) {
      absl::StrAppend(
          out, total,
          MetricLabels(constant_labels, absl::StrCat(label, "=\"", EscapeLabelValue(method), "\",",
                                                     code_label, "=\"", code_name(code), "\"")),
          " ", n, "\n");
    }
  }
  absl::StrAppend(out, "# HELP ", duration, " Time from a request's arrival to its answer, by ", label, ".\n",
                  "# TYPE ", duration, " histogram\n");
  for (const auto& [method, s] : stats) {
    const std::string m = absl::StrCat(label, "=\"", EscapeLabelValue(method), "\"");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s.bucket_counts[i];
      absl::StrAppend(out, duration, "_bucket",
                      MetricLabels(constant_labels, absl::StrCat(m, ",le=\"", kBuckets[i], "\"")), " ",
                      cumulative, "\n");
    }
    absl::StrAppend(out, duration, "_bucket", MetricLabels(constant_labels, absl::StrCat(m, ",le=\"+Inf\"")),
                    " ", s.count, "\n");
    absl::StrAppend(out, duration, "_sum", MetricLabels(constant_labels, m), " ", Number(s.seconds), "\n");
    absl::StrAppend(out, duration, "_count", MetricLabels(constant_labels, m), " ", s.count, "\n");
  }
}

std::string MetricsRegistry::Exposition(absl::string_view constant_labels) const {
  std::string out;
  absl::MutexLock lock(&mu_);
  AppendRequests(methods_, "lkip_grpc", "gRPC calls", "method", "code", CodeName, constant_labels, &out);
  if (!http_routes_.empty()) {
    AppendRequests(http_routes_, "lkip_http", "HTTP requests", "route", "status", HttpStatus, constant_labels,
                   &out);
  }
  absl::StrAppend(&out,
                  "# HELP lkip_import_rows_total Rows of CSV imports committed since the service started.\n",
                  "# TYPE lkip_import_rows_total counter\n");
  for (const auto& [kind, rows] : import_rows_) {
    absl::StrAppend(&out, "lkip_import_rows_total",
                    MetricLabels(constant_labels, absl::StrCat("kind=\"", EscapeLabelValue(kind), "\"")), " ",
                    rows, "\n");
  }
  absl::StrAppend(&out, "# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n",
                  "# TYPE process_start_time_seconds gauge\n", "process_start_time_seconds",
                  MetricLabels(constant_labels, ""), " ", absl::ToUnixSeconds(started_), "\n");
  for (const auto& [id, collect] : collectors_) collect(constant_labels, &out);
  return out;
}

std::string MetricLabels(absl::string_view constant, absl::string_view more) {
  if (constant.empty() && more.empty()) return "";
  if (constant.empty()) return absl::StrCat("{", more, "}");
  if (more.empty()) return absl::StrCat("{", constant, "}");
  return absl::StrCat("{", constant, ",", more, "}");
}

std::string EscapeLabelValue(absl::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace lkip
