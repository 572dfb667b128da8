// ProtoJson against protobuf's own JSON printer (field names as in the .proto, every scalar
// written): the same value, on a report with every kind of field it carries (int64 rupiah, enums,
// timestamps, oneofs, nested and repeated messages, empty lists).
#include "report_render/proto_json.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "common/numeric/decimal.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

nlohmann::json Printed(const google::protobuf::Message& m) {
  std::string text;
  google::protobuf::util::JsonPrintOptions o;
  o.preserve_proto_field_names = true;
  o.always_print_primitive_fields = true;
  EXPECT_TRUE(google::protobuf::util::MessageToJsonString(m, &text, o).ok());
  return nlohmann::json::parse(text);
}

// What WalkProto writes for a lkip.common.v1.Decimal holding a fraction: the value rounded to
// 20 places, the fraction beside it. `json` is protobuf's printing; found by shape.
void FractionsAsDecimals(nlohmann::json& json) {
  if (json.is_object() && json.size() == 2 && json.contains("value") && json.contains("fraction") &&
      json["value"].is_string() && json["value"].get<std::string>().find('/') != std::string::npos) {
    const std::string fraction = json["value"];
    std::string decimal = Decimal::Parse(fraction)->ToFixed(20);
    while (decimal.back() == '0') decimal.pop_back();
    json["value"] = decimal;
    json["fraction"] = fraction;
    return;
  }
  if (json.is_structured())
    for (auto& child : json) FractionsAsDecimals(child);
}

TEST(ProtoJsonTest, SameValueAsProtobufsPrinter) {
  auto in = aggregator::ExampleReportInputs();
  auto* row = in.capaian.mutable_indicators(0)->add_satker_rows();
  row->set_satker_code("BNNK_BIMA");
  row->set_level(common::v1::UNIT_LEVEL_KABUPATEN_KOTA);
  row->mutable_value()->set_value("7");
  row->mutable_provenance()->mutable_recorded_at()->set_seconds(1700000000);
  row->mutable_provenance()->mutable_recorded_at()->set_nanos(120000000);
  in.capaian.mutable_indicators(0)->mutable_provenance()->mutable_recorded_at()->set_seconds(1700000001);
  in.budget.mutable_per_satker()->mutable_total()->mutable_pagu()->set_amount(9000000000000000000);
  auto* range = in.pk.mutable_sasaran(0)->mutable_indicators(0)->mutable_target()->mutable_range();
  range->mutable_low()->set_value("3");
  range->mutable_high()->set_value("5");
  const auto report = aggregator::BuildReport(in);
  const nlohmann::json ours = nlohmann::json::parse(ProtoJson(report).dump());
  nlohmann::json printed = Printed(report);
  FractionsAsDecimals(printed);
  EXPECT_EQ(ours, printed) << ours.dump(1);
  // Spot checks of the mapping itself.
  EXPECT_EQ(ours["anggaran"]["tables"]["per_satker"]["total"]["pagu"]["amount"], "9000000000000000000");
  EXPECT_EQ(ours["sasaran"][0]["indicators"][0]["polarity"], "POLARITY_UNSPECIFIED");
  EXPECT_EQ(ours["sasaran"][0]["indicators"][0]["satker_rows"][0]["row"]["provenance"]["recorded_at"],
            "2023-11-14T22:13:20.120Z");
  EXPECT_TRUE(ours["unverified_rules"].is_array());
}

TEST(ProtoJsonTest, ADecimalIsAlwaysADecimalAndAFractionIsKeptBesideIt) {
  common::v1::Decimal third;
  third.set_value("400/3");
  EXPECT_EQ(ProtoJson(third),
            nlohmann::ordered_json::parse(R"({"value": "133.33333333333333333333", "fraction": "400/3"})"));
  common::v1::Decimal exact;
  exact.set_value("2.88");
  EXPECT_EQ(ProtoJson(exact), nlohmann::ordered_json::parse(R"({"value": "2.88", "fraction": ""})"));
  common::v1::Decimal half;
  half.set_value("-1/2");  // a fraction with a finite expansion, as a caller may send it
  EXPECT_EQ(ProtoJson(half), nlohmann::ordered_json::parse(R"({"value": "-0.5", "fraction": "-1/2"})"));
}

}  // namespace
}  // namespace lkip::render
