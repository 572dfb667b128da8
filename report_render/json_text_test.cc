// JsonText writes what nlohmann's dump(2) writes, byte for byte, on the shapes a report view
// has, and valid JSON on every string; ProtoJsonText writes what JsonText writes of ProtoJson.
#include "report_render/json_text.h"

#include <gtest/gtest.h>

#include "report_render/proto_json.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

using nlohmann::ordered_json;

TEST(JsonTextTest, SameBytesAsNlohmannOnAViewsShapes) {
  ordered_json view = ordered_json::object();
  view["fiscal_year"] = 2023;
  view["pagu_rupiah"] = int64_t{16468319000};
  view["count"] = uint64_t{3};
  view["ratio"] = 0.1;
  view["complete"] = false;
  view["capaian"] = nullptr;
  view["empty_list"] = ordered_json::array();
  view["empty_object"] = ordered_json::object();
  view["text"] = "Kata \"pengantar\" \\ baris\nbaru\ttab ≥ × é “kutip” <svg x=\"1\"/>";
  view["rows"] = ordered_json::array();
  for (int i = 0; i < 3; ++i) {
    ordered_json row = ordered_json::object();
    row["no"] = i;
    row["label"] = "BNN Kabupaten Bima";
    row["codes"] = {"A", "B"};
    row["nested"] = {{"deep", {1, 2, {{"x", "y"}}}}};
    view["rows"].push_back(row);
  }
  EXPECT_EQ(JsonText(view), view.dump(2));
  EXPECT_EQ(JsonText(ordered_json::array()), "[]");
  EXPECT_EQ(JsonText("x"), "\"x\"");
}

TEST(JsonTextTest, EveryControlCharacterIsEscapedAndReadsBack) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  const ordered_json view = {{"s", all}};
  const std::string text = JsonText(view);
  EXPECT_EQ(ordered_json::parse(text)["s"], all);
  EXPECT_NE(text.find("\\u001F"), std::string::npos);
  EXPECT_NE(text.find("\\n"), std::string::npos);
}

// Differential: lkip.json written straight from the message is the JSON written from the
// message's JSON value, on a report with the kinds of field the example lacks.
TEST(JsonTextTest, ProtoJsonTextIsTheTextOfProtoJson) {
  auto in = aggregator::ExampleReportInputs();
  in.capaian.mutable_indicators(0)->mutable_provenance()->mutable_recorded_at()->set_seconds(1700000001);
  in.capaian.mutable_indicators(0)->mutable_provenance()->mutable_recorded_at()->set_nanos(120000000);
  in.budget.mutable_per_satker()->mutable_total()->mutable_pagu()->set_amount(9000000000000000000);
  in.narratives.mutable_narratives(0)->set_text("Paragraf \x01 \"kutip\" ≥ × é.\n\nKedua.");
  const auto report = aggregator::BuildReport(in);
  const std::string text = ProtoJsonText(report);
  EXPECT_EQ(text, JsonText(ProtoJson(report)));
  EXPECT_GT(text.size(), 1000u);
  EXPECT_NE(text.find("\"amount\": \"9000000000000000000\""), std::string::npos);
  // The compact text is the same value, without whitespace between tokens.
  const std::string compact = ProtoJsonCompact(report);
  EXPECT_EQ(nlohmann::json::parse(compact), nlohmann::json::parse(text));
  EXPECT_LT(compact.size(), text.size());
  EXPECT_EQ(compact.find("\n  "), std::string::npos);
}

}  // namespace
}  // namespace lkip::render
