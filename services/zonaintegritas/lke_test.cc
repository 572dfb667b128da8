// The LKE's answer values, sub-area scores and the WBK / WBBM verdicts with the shipped 2023
// rule set: BNNP NTB 25,08 + 26,76 + 35,34 = 87,18 and BNNP DI Yogyakarta 27,11 + 26,39 +
// 36,61 = 90,11 (the Inspektorat's letter); the area split is ours.
#include "services/zonaintegritas/lke.h"

#include <gtest/gtest.h>

#include "common/rules/rule_book.h"

namespace lkip::zonaintegritas {
namespace {

Decimal D(const char* text) { return *Decimal::Parse(text); }

const rules::v1::ZonaIntegritasRules& Zi2023() {
  static const RuleBook* book =
      new RuleBook(std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules")));
  return (*book->ForYear(2023))->rules().instruments().zona_integritas();
}

const RuleNumbers& Numbers() {
  static const RuleNumbers* numbers = new RuleNumbers(*RuleNumbers::Parse(Zi2023()));
  return *numbers;
}

const std::vector<std::string> kAreas = {"manajemen_perubahan", "penataan_tatalaksana", "sdm_aparatur",
                                         "akuntabilitas",       "pengawasan",           "pelayanan_publik"};

LkeScores Scores(std::vector<const char*> pemenuhan, std::vector<const char*> reform, const char* ipak,
                 const char* kinerja, const char* ipkp) {
  LkeScores s;
  for (size_t i = 0; i < kAreas.size(); ++i) {
    s.pemenuhan[kAreas[i]] = D(pemenuhan[i]);
    s.reform[kAreas[i]] = D(reform[i]);
    s.total = s.total + D(pemenuhan[i]) + D(reform[i]);
  }
  s.hasil = {{"ipak", D(ipak)}, {"kinerja", D(kinerja)}, {"ipkp", D(ipkp)}};
  s.total = s.total + D(ipak) + D(kinerja) + D(ipkp);
  return s;
}

LkeScores Ntb() {
  return Scores({"3.40", "2.90", "4.20", "4.10", "6.28", "4.20"},
                {"3.50", "3.00", "4.50", "4.40", "6.86", "4.50"}, "16.00", "5.00", "14.34");
}

LkeScores Diy() {
  return Scores({"3.80", "3.30", "4.60", "4.50", "6.41", "4.50"},
                {"3.90", "3.40", "4.70", "4.69", "5.00", "4.70"}, "16.50", "5.00", "15.11");
}

TEST(LkeTest, AnswerValuesOfTheScales) {
  EXPECT_EQ(*AnswerValue(Zi2023(), Numbers(), "A-D", "B", "q"), D("0.67"));
  EXPECT_EQ(*AnswerValue(Zi2023(), Numbers(), "A-E", "D", "q"), D("0.25"));
  EXPECT_EQ(*AnswerValue(Zi2023(), Numbers(), "A/B/C", "B", "q"), D("0.5"));
  EXPECT_EQ(*AnswerValue(Zi2023(), Numbers(), "Ya/Tidak", "Tidak", "q"), D("0"));
  auto bad = AnswerValue(Zi2023(), Numbers(), "A-D", "E", "sub_areas[0].answers[3]");
  EXPECT_EQ(std::string(bad.status().message()),
            "sub_areas[0].answers[3].answer: \"E\" is not an answer of scale A-D");
  EXPECT_FALSE(AnswerValue(Zi2023(), Numbers(), "1-10", "3", "q").ok());
}

TEST(LkeTest, SubAreaScoreIsWeightTimesMeanAnswer) {
  EXPECT_EQ(SubAreaScore(D("2"), {D("1"), D("0.75")}), D("1.75"));
  EXPECT_EQ(SubAreaScore(D("2"), {D("1"), D("1"), D("0")}), D("4") / D("3"));
}

TEST(LkeTest, NtbTotal8718QualifiesForWbkAndWbbm) {
  const LkeScores s = Ntb();
  EXPECT_EQ(s.total, D("87.18"));
  const auto wbk = Judge(Zi2023(), Numbers(), Zi2023().verdicts(0), s);
  EXPECT_EQ(wbk.label(), "WBK");
  EXPECT_TRUE(wbk.eligible()) << wbk.summary();
  EXPECT_EQ(wbk.criteria_size(), 1 + 12 + 2);
  const auto wbbm = Judge(Zi2023(), Numbers(), Zi2023().verdicts(1), s);
  EXPECT_TRUE(wbbm.eligible()) << wbbm.summary();
  EXPECT_EQ(wbbm.summary(), "Memenuhi syarat WBBM.");
}

TEST(LkeTest, DiyTotal9011IsWbkButOneAreaKeepsItFromWbbm) {
  const LkeScores s = Diy();
  EXPECT_EQ(s.total, D("90.11"));
  EXPECT_TRUE(Judge(Zi2023(), Numbers(), Zi2023().verdicts(0), s).eligible());
  const auto wbbm = Judge(Zi2023(), Numbers(), Zi2023().verdicts(1), s);
  EXPECT_FALSE(wbbm.eligible());
  EXPECT_TRUE(wbbm.determinable());
  EXPECT_EQ(wbbm.summary(),
            "Tidak memenuhi syarat WBBM: Reform Penguatan Pengawasan \u2265 75% bobot (5,63): 5,00.");
}

TEST(LkeTest, FailingTotalAndIpakAreEachNamed) {
  LkeScores s = Ntb();
  s.hasil["ipak"] = D("10");
  s.total = s.total - D("6");
  const auto wbk = Judge(Zi2023(), Numbers(), Zi2023().verdicts(0), s);
  EXPECT_FALSE(wbk.eligible());
  EXPECT_NE(wbk.summary().find("Survei Indeks Persepsi Anti Korupsi (IPAK) \u2265 15,75: 10,00"),
            std::string::npos)
      << wbk.summary();
  EXPECT_EQ(wbk.summary().find("Nilai total"), std::string::npos) << "81,18 still reaches 75";
}

TEST(LkeTest, TotalsAloneCannotDecideTheAreaCriteria) {
  LkeScores totals;
  totals.total = D("87.18");
  const auto wbk = Judge(Zi2023(), Numbers(), Zi2023().verdicts(0), totals);
  EXPECT_FALSE(wbk.determinable());
  EXPECT_FALSE(wbk.eligible());
  EXPECT_TRUE(wbk.criteria(0).known());
  EXPECT_TRUE(wbk.criteria(0).met());
  EXPECT_EQ(wbk.summary().rfind(
                "Belum dapat ditentukan untuk WBK; belum dapat dinilai: Pemenuhan Manajemen Perubahan", 0),
            0u)
      << wbk.summary();
}

}  // namespace
}  // namespace lkip::zonaintegritas
