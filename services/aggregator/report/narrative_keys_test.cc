// The report's texts are named once, in the schema's enums: every one has a key and a label, no
// key is used twice, and the report places every one of them.
#include "services/aggregator/report/narrative_keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "services/aggregator/report/example_inputs.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {
namespace {

TEST(NarrativeKeysTest, EveryTextHasAKeyAndALabelAndNoKeyIsUsedTwice) {
  std::set<std::string> keys;
  for (auto s : NarrativeSections()) {
    EXPECT_FALSE(NarrativeKey(s).empty()) << s;
    EXPECT_FALSE(NarrativeLabel(s).empty()) << s;
    EXPECT_TRUE(keys.insert(NarrativeKey(s)).second) << NarrativeKey(s);
  }
  for (auto f : IndicatorNarratives()) {
    EXPECT_FALSE(NarrativeLabel(f).empty()) << f;
    EXPECT_TRUE(keys.insert(NarrativeKey("IKK-01", f)).second) << NarrativeKey("IKK-01", f);
  }
  EXPECT_EQ(NarrativeSectionKeys().size(), NarrativeSections().size());
  EXPECT_EQ(NarrativeKey("IKK-05", v1::INDICATOR_NARRATIVE_HAMBATAN), "IKK-05.hambatan");
  EXPECT_EQ(NarrativeKey(v1::NARRATIVE_SECTION_BAB1_DASAR_HUKUM), "bab1.dasar_hukum");
}

TEST(NarrativeKeysTest, TheReportPlacesEveryTextOfTheSchema) {
  ReportInputs in = ExampleReportInputs();
  in.narratives.clear_narratives();
  const auto report = BuildReport(in);
  const std::vector<std::string> missing = MissingTextKeys(report);
  std::vector<std::string> expected = NarrativeSectionKeys();
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      for (auto f : IndicatorNarratives()) expected.push_back(NarrativeKey(ind.code(), f));
    }
  }
  std::vector<std::string> got = missing;
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got, expected) << "a text of the schema the report does not place, or one placed twice";
}

}  // namespace
}  // namespace lkip::aggregator
