// Texts and comparisons are checked before the stores see them: each refusal names the entry's
// field and its value; decimals are kept in their exact form.
#include "services/aggregator/report/text_inputs.h"

#include <gtest/gtest.h>

namespace lkip::aggregator {
namespace {

TEST(TextInputsTest, NarrativesRefuseDuplicatesAndOversizedTexts) {
  v1::PutNarrativesRequest r;
  EXPECT_EQ(CheckNarratives(r).status().message(), "narratives: is empty");
  auto* n = r.add_narratives();
  n->set_key("kata_pengantar");
  n->set_text("Puji syukur ...");
  auto ok = CheckNarratives(r);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ((*ok)[0].key, "kata_pengantar");
  *r.add_narratives() = *n;
  EXPECT_EQ(CheckNarratives(r).status().message(), "narratives[1].key: \"kata_pengantar\" appears twice");
  r.mutable_narratives(1)->set_key("bab1.latar_belakang");
  r.mutable_narratives(1)->set_text(std::string(64 * 1024 + 1, 'a'));
  EXPECT_EQ(CheckNarratives(r).status().message(),
            "narratives[1].text: 65537 bytes exceed the limit of 65536");
  r.mutable_narratives(1)->set_text("Paragraf satu.\n\n\tParagraf dua.\r\n");
  EXPECT_TRUE(CheckNarratives(r).ok()) << "line breaks and tabs stay";
  r.mutable_narratives(1)->set_text(std::string("Teks\0dengan NUL", 15));
  EXPECT_EQ(CheckNarratives(r).status().message(),
            "narratives[1].text: control character 0x00 at byte 5; only line breaks and tabs are allowed");
  r.mutable_narratives(1)->set_text("warna \x1b[31mmerah");
  EXPECT_EQ(CheckNarratives(r).status().message(),
            "narratives[1].text: control character 0x1B at byte 7; only line breaks and tabs are allowed");
}

TEST(TextInputsTest, ComparisonsNeedAValueWithItsSource) {
  v1::PutComparisonsRequest r;
  auto* c = r.add_comparisons();
  c->set_code("IKK-03");
  EXPECT_EQ(CheckComparisons(r).status().message(), "comparisons[0]: needs previous_value or national_value");
  c->mutable_previous_value()->set_value("61,5");
  EXPECT_EQ(CheckComparisons(r).status().message(),
            "comparisons[0].previous_value: \"61,5\" is not a decimal");
  c->mutable_previous_value()->set_value("61.50");
  EXPECT_EQ(CheckComparisons(r).status().message(),
            "comparisons[0].previous_source: is required, 1..300 printable characters");
  c->set_previous_source("LKIP BNNP NTB 2022");
  auto ok = CheckComparisons(r);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ((*ok)[0].record.previous_value(), "61.5");
}

}  // namespace
}  // namespace lkip::aggregator
