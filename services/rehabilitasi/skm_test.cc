#include "services/rehabilitasi/skm.h"

#include <gtest/gtest.h>

namespace lkip::rehabilitasi {
namespace {

Decimal D(const char* s) { return *Decimal::Parse(s); }

// PermenPANRB 14/2017's worked example: NRR per element -> 91,50 with weight 1/9, 90,59 with 0,11.
TEST(SkmTest, RegulationWorkedExample) {
  const std::array<Decimal, kSkmElements> nrr = {D("3.62"), D("3.48"), D("3.45"), D("4.00"), D("3.52"),
                                                 D("3.62"), D("3.66"), D("3.97"), D("3.62")};
  const SkmResult ninth = SkmFromNrr(nrr, SkmWeight::kExactNinth);
  EXPECT_EQ(ninth.index.ToExactString(), "3.66");
  EXPECT_EQ(ninth.converted.ToFixed(2), "91.50");
  const SkmResult rounded = SkmFromNrr(nrr, SkmWeight::kRounded011);
  EXPECT_EQ(rounded.converted.ToExactString(), "90.585");
  EXPECT_EQ(rounded.converted.ToFixed(2), "90.59");
}

TEST(SkmTest, NrrIsTheMeanOverQuestionnairesThatAnswered) {
  SkmQuestionnaire a, b;
  for (int i = 0; i < kSkmElements; ++i) {
    a.answers[i] = 4;
    b.answers[i] = 3;
  }
  b.answers[2] = std::nullopt;  // element 2 answered only by a
  auto r = ComputeSkm({a, b}, SkmWeight::kExactNinth);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->nrr[0].ToExactString(), "3.5");
  EXPECT_EQ(r->nrr[2].ToExactString(), "4");
  EXPECT_EQ(r->answered[2], 1);
  // (8 x 3,5 + 4) / 9 = 32/9
  EXPECT_EQ(r->index.ToExactString(), "32/9");
  EXPECT_EQ(r->questionnaires, 2);
}

TEST(SkmTest, AnswersOutsideOneToFourAreRefusedNamingTheElement) {
  SkmQuestionnaire q;
  q.answers.fill(3);
  q.answers[4] = 5;
  absl::Status s = ValidateSkmQuestionnaire(q, "rows[7]");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("rows[7].answers[4] (produk spesifikasi jenis pelayanan): 5"),
            absl::string_view::npos)
      << s;
  q.answers[4] = 0;
  EXPECT_FALSE(ValidateSkmQuestionnaire(q, "r").ok());
  SkmQuestionnaire empty;
  EXPECT_FALSE(ValidateSkmQuestionnaire(empty, "r").ok());
  q.answers[4] = 4;
  EXPECT_TRUE(ValidateSkmQuestionnaire(q, "r").ok());
}

TEST(SkmTest, AnElementWithoutAnyAnswerHasNoNrr) {
  SkmQuestionnaire q;
  q.answers.fill(4);
  q.answers[8] = std::nullopt;
  EXPECT_EQ(ComputeSkm({q}, SkmWeight::kExactNinth).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(ComputeSkm({}, SkmWeight::kExactNinth).ok());
}

}  // namespace
}  // namespace lkip::rehabilitasi
