#include "services/aggregator/ingest/bundle_check.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/proto/json_file.h"
#include "common/status/macros.h"
#include "common/testing/test_server.h"

namespace lkip::aggregator {
namespace {

using nlohmann::json;

class BundleCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    book_ = std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules"));
    std::ifstream in(LKIP_SOURCE_DIR "/examples/ntb-2023/bundle.json");
    example_ = json::parse(in);
  }

  // Writes `text` to a file and reads and checks it as lkipctl import does.
  absl::Status Check(const std::string& text) {
    path_ = dir_.Sub("bundle.json");
    std::ofstream(path_) << text;
    bundle::v1::Bundle bundle;
    RETURN_IF_ERROR(ReadJsonMessage(path_, "a bundle", &bundle));
    return CheckBundle(path_, **book_.ForYear(2023), &bundle);
  }

  void ExpectRefused(const json& bundle, const std::string& json_path, const std::string& value) {
    absl::Status s = Check(bundle.dump());
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
    EXPECT_NE(s.message().find(path_), absl::string_view::npos) << s;
    EXPECT_NE(s.message().find(json_path), absl::string_view::npos) << s;
    EXPECT_NE(s.message().find(value), absl::string_view::npos) << s;
  }

  testing::TempDir dir_;
  std::string path_;
  RuleBook book_;
  json example_;
};

TEST_F(BundleCheckTest, TheExampleIsValidAndDefaultsAreFilled) {
  std::ofstream(dir_.Sub("b.json")) << example_.dump();
  bundle::v1::Bundle read;
  ASSERT_TRUE(ReadJsonMessage(dir_.Sub("b.json"), "a bundle", &read).ok());
  auto* bundle = &read;
  ASSERT_TRUE(CheckBundle(dir_.Sub("b.json"), **book_.ForYear(2023), bundle).ok());
  EXPECT_EQ(bundle->perjanjian_kinerja().sasaran(0).indicators(0).service(), "pencegahan");
  EXPECT_FALSE(bundle->satker_values(0).source_document().empty());
}

TEST_F(BundleCheckTest, UnknownIkkCode) {
  json b = example_;
  b["perjanjian_kinerja"]["sasaran"][2]["indicators"][0]["code"] = "IKK-20";
  ExpectRefused(b, "$.perjanjian_kinerja.sasaran[2].indicators[0].code", "\"IKK-20\"");
}

TEST_F(BundleCheckTest, NegativeCount) {
  json b = example_;
  for (size_t i = 0; i < b["satker_values"].size(); ++i) {
    if (b["satker_values"][i]["measure"] == "petugas_ibm_dilatih") {
      b["satker_values"][i]["value"]["value"] = "-3";
      ExpectRefused(b, "$.satker_values[" + std::to_string(i) + "].value", "-3");
      return;
    }
  }
  FAIL() << "example has no petugas_ibm_dilatih value";
}

TEST_F(BundleCheckTest, ValueOutsideItsScale) {
  json b = example_;
  b["satker_values"][12]["value"]["value"] = "4.5";  // an IKP on a 1-4 scale
  ASSERT_EQ(b["satker_values"][12]["measure"], "ikp");
  ExpectRefused(b, "$.satker_values[12].value", "4.5");
}

TEST_F(BundleCheckTest, SatkerNotInTheTree) {
  json b = example_;
  b["satker_values"][3]["satker_code"] = "BNNK_LOMBOK_TIMUR";
  ExpectRefused(b, "$.satker_values[3].satker_code", "\"BNNK_LOMBOK_TIMUR\"");
}

TEST_F(BundleCheckTest, UnknownMeasure) {
  json b = example_;
  b["satker_values"][0]["measure"] = "dektarii";
  ExpectRefused(b, "$.satker_values[0].measure", "\"dektarii\"");
}

TEST_F(BundleCheckTest, BrokenUnitTree) {
  json b = example_;
  b["units"][3]["parent_code"] = "BNNP_NTT";
  ExpectRefused(b, "$.units[3].parent_code", "\"BNNP_NTT\"");
}

TEST_F(BundleCheckTest, MalformedJsonNamesTheFile) {
  std::string text = example_.dump(2);
  text.erase(text.rfind('}'));  // truncated file
  absl::Status s = Check(text);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find(path_), absl::string_view::npos) << s;
  json b = example_;
  b["satker_values"][0]["valeu"] = "1";  // misspelt field
  s = Check(b.dump());
  EXPECT_NE(s.message().find("valeu"), absl::string_view::npos) << s;
  b = example_;
  b["fiscal_year"] = "dua ribu";
  s = Check(b.dump());
  EXPECT_NE(s.message().find("fiscal_year"), absl::string_view::npos) << s;
}

TEST_F(BundleCheckTest, DuplicateValueAndForeignProvince) {
  json b = example_;
  b["satker_values"].push_back(b["satker_values"][0]);
  ExpectRefused(b, "$.satker_values[" + std::to_string(b["satker_values"].size() - 1) + "]",
                "a second value");
  bundle::v1::Bundle none;
  EXPECT_EQ(ReadJsonMessage(dir_.Sub("nope.json"), "a bundle", &none).code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace lkip::aggregator
