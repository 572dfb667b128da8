// From HTTP to a request message and from a response or a failure back: each source of a field
// (path, query, body), each refusal naming the field and the value, decimals both ways, the
// HTTP status of every gRPC code.
#include "services/gateway/transcode.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/audit/v1/audit.pb.h"
#include "lkip/common/v1/http.pb.h"
#include "lkip/report/v1/report.pb.h"
#include "services/gateway/served_apis.h"

namespace lkip::gateway {
namespace {

class TranscodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto table = RouteTable::Build(ServedApis());
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = std::make_unique<RouteTable>(*std::move(table));
  }
  RouteMatch Match(const std::string& verb, const std::string& path) {
    auto match = table_->Match(verb, path);
    EXPECT_TRUE(match.ok()) << match.status();
    return *match;
  }
  std::unique_ptr<RouteTable> table_;
};

TEST_F(TranscodeTest, PathVariablesAndQueryFillTheRequest) {
  auto request = BuildRequest(Match("GET", "/v1/provinces/BNNP_NTB/years/2023/capaian"), {}, "");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& capaian = static_cast<const aggregator::v1::GetCapaianRequest&>(**request);
  EXPECT_EQ(capaian.province_code(), "BNNP_NTB");
  EXPECT_EQ(capaian.fiscal_year(), 2023);

  auto audit =
      BuildRequest(Match("GET", "/v1/audit-entries"),
                   {{"actor", "perencana-ntb"}, {"page_size", "50"}, {"keyspace", "satker_value"}}, "");
  ASSERT_TRUE(audit.ok()) << audit.status();
  const auto& entries = static_cast<const audit::v1::ListAuditEntriesRequest&>(**audit);
  EXPECT_EQ(entries.actor(), "perencana-ntb");
  EXPECT_EQ(entries.page_size(), 50);
  EXPECT_EQ(entries.keyspace(), "satker_value");
}

TEST_F(TranscodeTest, ARepeatedEnumFromTheBodyAndTheYearFromThePath) {
  auto request =
      BuildRequest(Match("POST", "/v1/provinces/BNNP_NTB/years/2023/report:render"), {},
                   R"({"formats": ["DOCUMENT_FORMAT_HTML", "DOCUMENT_FORMAT_JSON"], "fiscal_year": 1999})");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& render = static_cast<const report::v1::RenderReportRequest&>(**request);
  EXPECT_EQ(render.fiscal_year(), 2023);  // the path's
  ASSERT_EQ(render.formats_size(), 2);
  EXPECT_EQ(render.formats(1), report::v1::DOCUMENT_FORMAT_JSON);
}

TEST_F(TranscodeTest, ABodyFieldTakesItsMessageAndThePathFillsInside) {
  auto request = BuildRequest(Match("PUT", "/v1/provinces/BNNP_NTB/years/2024/perjanjian-kinerja"), {},
                              R"({"sasaran": []})");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& put = static_cast<const aggregator::v1::PutPerjanjianKinerjaRequest&>(**request);
  EXPECT_EQ(put.perjanjian_kinerja().province_code(), "BNNP_NTB");
  EXPECT_EQ(put.perjanjian_kinerja().fiscal_year(), 2024);
}

TEST_F(TranscodeTest, ADecimalSentWithItsFractionKeepsTheExactValue) {
  auto request = BuildRequest(Match("PUT", "/v1/provinces/BNNP_NTB/years/2023/comparisons"), {},
                              R"({"comparisons": [{"code": "IKK-01",
                        "national_value": {"value": "133.33333333333333333333", "fraction": "400/3"},
                        "province_value": {"value": "3.81"}}]})");
  ASSERT_TRUE(request.ok()) << request.status();
  const auto& put = static_cast<const aggregator::v1::PutComparisonsRequest&>(**request);
  EXPECT_EQ(put.comparisons(0).national_value().value(), "400/3");
  EXPECT_EQ(put.comparisons(0).national_value().fraction(), "");
  EXPECT_EQ(put.comparisons(0).province_value().value(), "3.81");
}

TEST_F(TranscodeTest, EachRefusalNamesTheFieldAndTheValue) {
  struct Case {
    std::string verb, path;
    std::multimap<std::string, std::string> query;
    std::string body, field, value;
  };
  const std::vector<Case> cases = {
      {"GET", "/v1/provinces/BNNP_NTB/years/dua-ribu/capaian", {}, "", "fiscal_year", "dua-ribu"},
      {"GET", "/v1/provinces/BNNP_NTB/years/2023/capaian", {{"tahun", "2023"}}, "", "tahun", "tahun"},
      {"GET",
       "/v1/provinces/BNNP_NTB/years/2023/capaian",
       {{"fiscal_year", "2024"}},
       "",
       "fiscal_year",
       "already given in the path"},
      {"GET", "/v1/provinces/BNNP_NTB/years/2023/capaian", {}, "{}", "body", "takes no body"},
      {"GET", "/v1/bundles", {{"state", "SELESAI"}}, "", "state", "SELESAI"},
      {"GET", "/v1/audit-entries", {{"page_size", "1e9"}}, "", "page_size", "1e9"},
      {"POST", "/v1/bundles:import", {}, R"({"bundle": {"tidak_ada": 1}})", "body", "tidak_ada"},
      {"POST", "/v1/bundles:import", {}, "{not json", "body", "body"},
      {"POST", "/v1/bundles:import", {{"dry_run", "true"}}, "{}", "dry_run", "body"},
  };
  for (const Case& c : cases) {
    auto request = BuildRequest(Match(c.verb, c.path), c.query, c.body);
    ASSERT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument) << c.path << " " << c.field;
    const HttpReply reply = ErrorReply(request.status());
    EXPECT_EQ(reply.status, 400);
    const auto json = nlohmann::json::parse(reply.body);
    EXPECT_EQ(json["error"]["field"], c.field) << reply.body;
    EXPECT_EQ(json["error"]["status"], "INVALID_ARGUMENT");
    EXPECT_EQ(json["error"]["grpc_code"], 3);
    EXPECT_NE(json["error"]["message"].get<std::string>().find(c.value), std::string::npos) << reply.body;
  }
}

TEST(ReplyTest, JsonWithTheProtoFieldNamesAndDecimalsAsDecimals) {
  aggregator::v1::Comparison comparison;
  comparison.set_code("IKK-01");
  comparison.mutable_national_value()->set_value("400/3");
  const HttpReply reply = ReplyOf(comparison);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.content_type, "application/json; charset=utf-8");
  const auto json = nlohmann::json::parse(reply.body);
  EXPECT_EQ(json["code"], "IKK-01");
  EXPECT_EQ(json["national_value"]["value"], "133.33333333333333333333");
  EXPECT_EQ(json["national_value"]["fraction"], "400/3");
  EXPECT_TRUE(json.contains("previous_source"));
}

TEST(ReplyTest, AnHttpBodyIsSentAsTheFileItHolds) {
  common::v1::HttpBody file;
  file.set_content_type("text/csv; charset=utf-8");
  file.set_data("kode;capaian\nIKK-01;150,00\n");
  file.set_file_name("capaian.csv");
  const HttpReply reply = ReplyOf(file);
  EXPECT_EQ(reply.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(reply.body, "kode;capaian\nIKK-01;150,00\n");
  EXPECT_EQ(reply.file_name, "capaian.csv");
}

TEST(ReplyTest, HttpStatusOfEveryCode) {
  const std::vector<std::pair<absl::StatusCode, int>> table = {
      {absl::StatusCode::kOk, 200},
      {absl::StatusCode::kCancelled, 499},
      {absl::StatusCode::kUnknown, 500},
      {absl::StatusCode::kInvalidArgument, 400},
      {absl::StatusCode::kDeadlineExceeded, 504},
      {absl::StatusCode::kNotFound, 404},
      {absl::StatusCode::kAlreadyExists, 409},
      {absl::StatusCode::kPermissionDenied, 403},
      {absl::StatusCode::kResourceExhausted, 429},
      {absl::StatusCode::kFailedPrecondition, 400},
      {absl::StatusCode::kAborted, 409},
      {absl::StatusCode::kOutOfRange, 400},
      {absl::StatusCode::kUnimplemented, 501},
      {absl::StatusCode::kInternal, 500},
      {absl::StatusCode::kUnavailable, 503},
      {absl::StatusCode::kDataLoss, 500},
      {absl::StatusCode::kUnauthenticated, 401},
  };
  for (const auto& [code, http] : table)
    EXPECT_EQ(HttpStatusOf(code), http) << absl::StatusCodeToString(code);
  const auto json =
      nlohmann::json::parse(ErrorReply(absl::NotFoundError("no Perjanjian Kinerja for 2031")).body);
  EXPECT_FALSE(json["error"].contains("field"));
  EXPECT_EQ(json["error"]["code"], 404);
  const std::vector<std::pair<std::string, std::string>> paths = {
      {"bundle.units[2].code: \"X\" is not a unit code", "bundle.units[2].code"},
      {"fiscal_year: 1899 is outside 2000..2100", "fiscal_year"},
      {"a.b: x", "a.b"},
      {"units[x]: y", ""},
      {"tidak ada: nama", ""},
      {"field:no space", ""},
      {"2023: tahun", ""},
  };
  for (const auto& [message, field] : paths) {
    const auto error = nlohmann::json::parse(ErrorReply(absl::InvalidArgumentError(message)).body)["error"];
    EXPECT_EQ(error.contains("field") ? error["field"].get<std::string>() : "", field) << message;
  }
}

}  // namespace
}  // namespace lkip::gateway
