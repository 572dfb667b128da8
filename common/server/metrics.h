// A service's Prometheus metrics, in the text exposition format (version 0.0.4) that Prometheus
// scrapes from --metrics_listen (common/server/ops_http.h). prometheus-cpp, the library for
// this, is packaged from Debian 13 on, not in Debian 12: the registry here is the few counters
// and one histogram lkip needs, and the tests read its output with the parser Debian does ship
// (python3-prometheus-client).
//
//   lkip_grpc_requests_total{method,code}            counter: calls finished
//   lkip_grpc_request_duration_seconds{method}       histogram: their latency
//   lkip_http_requests_total{route,status}           counter: the gateway's HTTP requests
//   lkip_http_request_duration_seconds{route}        histogram: their latency
//   lkip_import_rows_total{kind}                     counter: rows of committed CSV imports
//   lkip_store_*                                     gauges read at each scrape (collectors)
//   process_start_time_seconds                       when the process started
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace lkip {

class MetricsRegistry {
 public:
  // The process's registry: every service binary serves one set of metrics.
  static MetricsRegistry& Default();

  // One finished gRPC call: `code` is its grpc::StatusCode as an integer.
  void CountRequest(absl::string_view method, int code, absl::Duration latency);
  // One HTTP request the gateway answered: `route` is its route's template ("GET /v1/..."), never
  // the path itself (one series per route, whatever the path's values); `status` the HTTP status.
  void CountHttpRequest(absl::string_view route, int status, absl::Duration latency);
  void AddImportRows(absl::string_view kind, int64_t rows);

  // Writes metric families read at scrape time (a store's sizes) in the exposition format, each
  // sample with the constant labels it is given (MetricLabels).
  using Collector = std::function<void(absl::string_view constant_labels, std::string* out)>;
  // Returns an id for RemoveCollector; a collector must be removed before what it reads goes.
  int AddCollector(Collector collector);
  void RemoveCollector(int id);

  // Every metric in the text exposition format; `labels` (e.g. service="pencegahan") is added to
  // every sample.
  std::string Exposition(absl::string_view constant_labels) const;

  // The upper bounds of the latency histogram's buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 13> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,     2.5,  5,     15,   60};

 private:
  // The calls of one method (one route), by status code, and their latency histogram.
  struct MethodStats {
    std::map<int, uint64_t> calls_by_code;
    std::array<uint64_t, kBuckets.size()> bucket_counts{};  // non-cumulative
    uint64_t count = 0;
    double seconds = 0;
  };
  using ByMethod = std::map<std::string, MethodStats, std::less<>>;
  static void Count(ByMethod& stats, absl::string_view method, int code, absl::Duration latency);
  // A counter and a histogram family: `prefix` "lkip_grpc" or "lkip_http", `label` "method" or
  // "route", `code_label` and `code_name` how a status code is written.
  static void AppendRequests(const ByMethod& stats, absl::string_view prefix, absl::string_view what,
                             absl::string_view label, absl::string_view code_label,
                             std::string (*code_name)(int), absl::string_view constant_labels,
                             std::string* out);

  const absl::Time started_ = absl::Now();
  mutable absl::Mutex mu_;
  ByMethod methods_ ABSL_GUARDED_BY(mu_);
  ByMethod http_routes_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int64_t, std::less<>> import_rows_ ABSL_GUARDED_BY(mu_);
  std::map<int, Collector> collectors_ ABSL_GUARDED_BY(mu_);
  int next_collector_ ABSL_GUARDED_BY(mu_) = 0;
};

// A label value escaped as the exposition format wants it (backslash, quote, newline).
std::string EscapeLabelValue(absl::string_view value);
// "{constant,more}" (either may be empty): a sample's label set.
std::string MetricLabels(absl::string_view constant, absl::string_view more);

}  // namespace lkip
