// The route table read from the schema: every annotated RPC of the served APIs is a route, paths
// match with their variables, and rules that cannot be served are refused when the table is built.
#include "services/gateway/http_route.h"

#include <gtest/gtest.h>

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/common/v1/http.pb.h"
#include "services/gateway/served_apis.h"

namespace lkip::gateway {
namespace {

RouteTable Table() {
  auto table = RouteTable::Build(ServedApis());
  EXPECT_TRUE(table.ok()) << table.status();
  return *std::move(table);
}

TEST(PathTemplateTest, LiteralsAndVariables) {
  auto segments = ParsePathTemplate("/v1/provinces/{province_code}/years/{fiscal_year}/approval:submit");
  ASSERT_TRUE(segments.ok()) << segments.status();
  ASSERT_EQ(segments->size(), 6u);
  EXPECT_EQ((*segments)[0].literal, "v1");
  EXPECT_EQ((*segments)[2].field, "province_code");
  EXPECT_EQ((*segments)[5].literal, "approval:submit");
  EXPECT_TRUE(ParsePathTemplate("/v1/{a.b}").ok());
  auto custom = ParsePathTemplate("/v1/bundles/{bundle_id}:rollBack");
  ASSERT_TRUE(custom.ok()) << custom.status();
  EXPECT_EQ(custom->back().field, "bundle_id");
  EXPECT_EQ(custom->back().verb_suffix, ":rollBack");
}

TEST(PathTemplateTest, RefusesWhatIsNotATemplate) {
  for (const char* bad :
       {"v1/x", "/v1//x", "/v1/{x", "/v1/x{y}", "/v1/{1x}", "/v1/{a..b}", "", "/v1/{x}:a/y", "/v1/{x}:"}) {
    const auto parsed = ParsePathTemplate(bad);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(RouteTableTest, EveryAnnotatedRpcOfTheServedApisIsARoute) {
  const RouteTable table = Table();
  int annotated = 0;
  for (const ServedFile& f : ServedApis())
    for (int s = 0; s < f.file->service_count(); ++s)
      for (int m = 0; m < f.file->service(s)->method_count(); ++m)
        annotated += f.file->service(s)->method(m)->options().HasExtension(common::v1::http) ? 1 : 0;
  EXPECT_EQ(table.routes().size(), static_cast<size_t>(annotated));
  EXPECT_GE(annotated, 30);
}

TEST(RouteTableTest, MatchesAPathWithItsVariables) {
  const RouteTable table = Table();
  auto match = table.Match("GET", "/v1/provinces/BNNP_NTB/years/2023/capaian");
  ASSERT_TRUE(match.ok()) << match.status();
  EXPECT_EQ(match->route->method->full_name(), "lkip.aggregator.v1.Aggregator.GetCapaian");
  EXPECT_EQ(match->route->upstream, "aggregator");
  EXPECT_EQ(match->variables.at("province_code"), "BNNP_NTB");
  EXPECT_EQ(match->variables.at("fiscal_year"), "2023");

  auto submit = table.Match("POST", "/v1/provinces/BNNP_NTB/years/2023/approval:submit");
  ASSERT_TRUE(submit.ok()) << submit.status();
  EXPECT_EQ(submit->route->method->name(), "SubmitReport");

  auto encoded = table.Match("GET", "/v1/bundles/ntb%2D2023");
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  EXPECT_EQ(encoded->variables.at("bundle_id"), "ntb-2023");

  auto rollback = table.Match("POST", "/v1/bundles/ntb-2023:rollBack");
  ASSERT_TRUE(rollback.ok()) << rollback.status();
  EXPECT_EQ(rollback->route->method->name(), "RollBackBundle");
  EXPECT_EQ(rollback->variables.at("bundle_id"), "ntb-2023");
  EXPECT_EQ(table.Match("POST", "/v1/bundles/ntb-2023:hapus").status().code(), absl::StatusCode::kNotFound);

  auto nasional = table.Match("GET", "/v1/nasional/years/2023/rollup");
  ASSERT_TRUE(nasional.ok()) << nasional.status();
  EXPECT_EQ(nasional->route->upstream, "nasional");
}

TEST(RouteTableTest, AnUnknownPathIsNotFoundAndAnotherVerbIsNamed) {
  const RouteTable table = Table();
  EXPECT_EQ(table.Match("GET", "/v1/nothing").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(table.Match("GET", "/v1/provinces/BNNP_NTB/years/2023").status().code(),
            absl::StatusCode::kNotFound);
  const auto wrong_verb = table.Match("DELETE", "/v1/provinces/BNNP_NTB/years/2023/narratives");
  EXPECT_EQ(wrong_verb.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_NE(wrong_verb.status().message().find("GET, PUT"), std::string::npos) << wrong_verb.status();
  // A custom verb is not a variable's value.
  EXPECT_EQ(table.Match("GET", "/v1/bundles/x:import").status().code(), absl::StatusCode::kNotFound);
}

TEST(FieldPathTest, NestedFieldsByTheirProtoOrJsonName) {
  const auto* pk = aggregator::v1::PutPerjanjianKinerjaRequest::descriptor();
  auto path = FieldPath(pk, "perjanjian_kinerja.fiscal_year");
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(path->back()->name(), "fiscal_year");
  EXPECT_TRUE(FieldPath(pk, "perjanjianKinerja.fiscalYear").ok());
  const auto missing = FieldPath(pk, "perjanjian_kinerja.tahun");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("perjanjian_kinerja.tahun"), std::string::npos);
}

}  // namespace
}  // namespace lkip::gateway
