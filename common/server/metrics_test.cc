#include "common/server/metrics.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>

#include "absl/strings/str_split.h"

namespace lkip {
namespace {

// Each sample line of the exposition by its name and labels, its value as written; the HELP
// and TYPE lines by family.
struct Parsed {
  std::map<std::string, std::string> samples;
  std::map<std::string, std::string> types;
};

Parsed Parse(const std::string& text) {
  Parsed p;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# TYPE ", 0) == 0) {
      std::vector<std::string> parts = absl::StrSplit(line.substr(7), ' ');
      p.types[parts.at(0)] = parts.at(1);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.rfind(' ');
    p.samples[line.substr(0, space)] = line.substr(space + 1);
  }
  return p;
}

TEST(MetricsTest, CountsCallsByMethodAndCodeWithACumulativeHistogram) {
  MetricsRegistry registry;
  registry.CountRequest("/lkip.x.v1.X/Get", 0, absl::Milliseconds(3));
  registry.CountRequest("/lkip.x.v1.X/Get", 0, absl::Milliseconds(300));
  registry.CountRequest("/lkip.x.v1.X/Get", 3, absl::Seconds(100));  // past every bound
  const Parsed p = Parse(registry.Exposition("service=\"x\""));
  EXPECT_EQ(p.types.at("lkip_grpc_requests_total"), "counter");
  EXPECT_EQ(p.types.at("lkip_grpc_request_duration_seconds"), "histogram");
  EXPECT_EQ(p.samples.at("lkip_grpc_requests_total{service=\"x\",method=\"/lkip.x.v1.X/Get\",code=\"OK\"}"),
            "2");
  EXPECT_EQ(
      p.samples.at(
          "lkip_grpc_requests_total{service=\"x\",method=\"/lkip.x.v1.X/Get\",code=\"INVALID_ARGUMENT\"}"),
      "1");
  const std::string m = "service=\"x\",method=\"/lkip.x.v1.X/Get\"";
  EXPECT_EQ(p.samples.at("lkip_grpc_request_duration_seconds_bucket{" + m + ",le=\"0.001\"}"), "0");
  EXPECT_EQ(p.samples.at("lkip_grpc_request_duration_seconds_bucket{" + m + ",le=\"0.005\"}"), "1");
  EXPECT_EQ(p.samples.at("lkip_grpc_request_duration_seconds_bucket{" + m + ",le=\"0.5\"}"), "2");
  EXPECT_EQ(p.samples.at("lkip_grpc_request_duration_seconds_bucket{" + m + ",le=\"60\"}"), "2");
  EXPECT_EQ(p.samples.at("lkip_grpc_request_duration_seconds_bucket{" + m + ",le=\"+Inf\"}"), "3");
  EXPECT_EQ(p.samples.at("lkip_grpc_request_duration_seconds_count{" + m + "}"), "3");
  EXPECT_NEAR(std::stod(p.samples.at("lkip_grpc_request_duration_seconds_sum{" + m + "}")), 100.303, 1e-9);
}

TEST(MetricsTest, HttpRequestsAreCountedByRouteAndStatusOnlyWhenThereAreAny) {
  MetricsRegistry registry;
  EXPECT_EQ(Parse(registry.Exposition("")).types.count("lkip_http_requests_total"), 0u);
  registry.CountHttpRequest("GET /v1/provinces/{province_code}/years/{fiscal_year}/capaian", 200,
                            absl::Milliseconds(20));
  registry.CountHttpRequest("GET /v1/provinces/{province_code}/years/{fiscal_year}/capaian", 404,
                            absl::Milliseconds(2));
  registry.CountHttpRequest("unmatched", 404, absl::Milliseconds(1));
  const Parsed p = Parse(registry.Exposition("service=\"gateway\""));
  EXPECT_EQ(p.types.at("lkip_http_requests_total"), "counter");
  EXPECT_EQ(p.types.at("lkip_http_request_duration_seconds"), "histogram");
  const std::string route = "route=\"GET /v1/provinces/{province_code}/years/{fiscal_year}/capaian\"";
  EXPECT_EQ(p.samples.at("lkip_http_requests_total{service=\"gateway\"," + route + ",status=\"200\"}"), "1");
  EXPECT_EQ(p.samples.at("lkip_http_requests_total{service=\"gateway\"," + route + ",status=\"404\"}"), "1");
  EXPECT_EQ(p.samples.at("lkip_http_requests_total{service=\"gateway\",route=\"unmatched\",status=\"404\"}"),
            "1");
  EXPECT_EQ(p.samples.at("lkip_http_request_duration_seconds_bucket{service=\"gateway\"," + route +
                         ",le=\"0.005\"}"),
            "1");
  EXPECT_EQ(p.samples.at("lkip_http_request_duration_seconds_count{service=\"gateway\"," + route + "}"), "2");
  // The gRPC families stay, empty.
  EXPECT_EQ(p.types.at("lkip_grpc_requests_total"), "counter");
}

TEST(MetricsTest, ImportRowsAddUpPerKindAndCollectorsRunAtEachScrape) {
  MetricsRegistry registry;
  registry.AddImportRows("skm", 2500);
  registry.AddImportRows("skm", 10);
  registry.AddImportRows("ikp", 7);
  int scrapes = 0;
  const int id = registry.AddCollector([&scrapes](absl::string_view labels, std::string* out) {
    ++scrapes;
    *out += "# TYPE lkip_test_gauge gauge\nlkip_test_gauge" + MetricLabels(labels, "") + " 42\n";
  });
  Parsed p = Parse(registry.Exposition(""));
  EXPECT_EQ(p.samples.at("lkip_import_rows_total{kind=\"skm\"}"), "2510");
  EXPECT_EQ(p.samples.at("lkip_import_rows_total{kind=\"ikp\"}"), "7");
  EXPECT_EQ(p.samples.at("lkip_test_gauge"), "42");
  registry.Exposition("");
  EXPECT_EQ(scrapes, 2);
  registry.RemoveCollector(id);
  p = Parse(registry.Exposition(""));
  EXPECT_EQ(p.samples.count("lkip_test_gauge"), 0u);
  EXPECT_EQ(scrapes, 2);
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(MetricLabels("", ""), "");
  EXPECT_EQ(MetricLabels("a=\"1\"", "b=\"2\""), "{a=\"1\",b=\"2\"}");
}

}  // namespace
}  // namespace lkip
