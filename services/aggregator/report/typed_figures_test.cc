// Figures typed in texts of our own writing, each kind once right and once wrong: a count of
// berkas, a rupiah amount with two digits swapped, an index value, a number of trained
// officers, a satker's figure, the number of indicators, a capaian; every wrong one is caught,
// every right one passes, and figures the context cannot tie (another year, another noun) are
// listed as unverified, never passed or failed. The test prints the rates.
#include "services/aggregator/report/typed_figures.h"

#include <gtest/gtest.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "services/aggregator/report/example_inputs.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {
namespace {

// The example's IKK-12 and budget total, with an IKK that counts trained officers per satker and
// a budget score.
ReportInputs Inputs() {
  ReportInputs in = ExampleReportInputs();
  in.capaian.mutable_indicators(0)->set_polarity(common::v1::POLARITY_HIGHER_IS_BETTER);
  auto* officers = in.capaian.add_indicators();
  officers->set_code("IKK-07");
  officers->set_unit("Orang");
  officers->mutable_target()->mutable_value()->set_value("50");
  officers->set_available(true);
  officers->mutable_realisasi()->set_value("64");
  for (const auto& [code, name, value] : {std::tuple{"BNNK_MATARAM", "BNN Kota Mataram", "10"},
                                          std::tuple{"BNNK_BIMA", "BNN Kabupaten Bima", "12"}}) {
    auto* row = officers->add_satker_rows();
    row->set_satker_code(code);
    row->set_satker_name(name);
    row->mutable_value()->set_value(value);
  }
  auto* nka = in.capaian.add_indicators();
  nka->set_code("IKK-15");
  nka->set_unit("Nilai");
  nka->mutable_target()->mutable_value()->set_value("90");
  nka->set_available(true);
  nka->mutable_realisasi()->set_value("87.93");
  auto* s = in.pk.add_sasaran();
  s->set_number(10);
  for (const char* code : {"IKK-07", "IKK-15"}) s->add_indicators()->set_code(code);
  auto* total = in.budget.mutable_per_satker()->mutable_total();
  total->mutable_realisasi()->set_amount(16375654700);
  return in;
}

struct Case {
  std::string key;
  std::string text;
  TieOutcome expected;
  std::string ref;  // the data figure it must be tied to
};

TEST(TypedFiguresTest, EachKindOfContradictionIsCaughtAndEachRightFigurePasses) {
  const ReportInputs in = Inputs();
  const report::v1::Report report = BuildReport(in);
  const rules::v1::RuleSet rules;
  const VerifyInputs verify{in, report, rules};
  const std::vector<Case> cases = {
      // A count of berkas in the IKK's own text: its realisasi, or its target after "target".
      {"IKK-12.faktor", "Pada tahun 2023 terealisasi 20 berkas perkara.", TieOutcome::kAgrees,
       "ikk.IKK-12.realisasi"},
      {"IKK-12.faktor", "Pada tahun 2023 terealisasi 25 berkas perkara.", TieOutcome::kContradicts,
       "ikk.IKK-12.realisasi"},
      {"IKK-12.hambatan", "Dari target 12 berkas perkara, sebagian besar tercapai.", TieOutcome::kAgrees,
       "ikk.IKK-12.target"},
      {"IKK-12.hambatan", "Dari target 15 berkas perkara, sebagian besar tercapai.", TieOutcome::kContradicts,
       "ikk.IKK-12.target"},
      // A rupiah amount: the nearest word names the figure, the sentence its scope.
      {"bab4.kesimpulan", "Realisasi anggaran tahun 2023 sebesar Rp16.375.654.700.", TieOutcome::kAgrees,
       "anggaran.total.realisasi"},
      {"bab4.kesimpulan", "Realisasi anggaran tahun 2023 sebesar Rp16.375.645.700.", TieOutcome::kContradicts,
       "anggaran.total.realisasi"},
      {"bab4.kesimpulan", "Pagu seluruhnya Rp. 16.468.319.000.", TieOutcome::kAgrees, "anggaran.total.pagu"},
      // An index value of the IKK's text.
      {"IKK-15.faktor", "NKA BNNP NTB tahun 2023 sebesar 87,93.", TieOutcome::kAgrees,
       "ikk.IKK-15.realisasi"},
      {"IKK-15.faktor", "NKA BNNP NTB tahun 2023 sebesar 78,93.", TieOutcome::kContradicts,
       "ikk.IKK-15.realisasi"},
      // Trained officers, the province's and a satker's.
      {"IKK-07.faktor", "Petugas yang dilatih sebanyak 64 orang.", TieOutcome::kAgrees,
       "ikk.IKK-07.realisasi"},
      {"IKK-07.faktor", "Petugas yang dilatih sebanyak 46 orang.", TieOutcome::kContradicts,
       "ikk.IKK-07.realisasi"},
      {"IKK-07.hambatan", "BNN Kota Mataram melatih 10 orang.", TieOutcome::kAgrees,
       "ikk.IKK-07.satker.BNNK_MATARAM.value"},
      {"IKK-07.hambatan", "BNN Kota Mataram melatih 12 orang.", TieOutcome::kContradicts,
       "ikk.IKK-07.satker.BNNK_MATARAM.value"},
      // The number of indicators, in any text.
      {"kata_pengantar", "Perjanjian Kinerja memuat 3 indikator kinerja.", TieOutcome::kAgrees, "jumlah.ikk"},
      {"kata_pengantar", "Perjanjian Kinerja memuat 19 indikator kinerja.", TieOutcome::kContradicts,
       "jumlah.ikk"},
      // A capaian.
      {"IKK-12.faktor", "Dengan capaian 166,67% target terlampaui.", TieOutcome::kAgrees,
       "ikk.IKK-12.capaian"},
      {"IKK-12.faktor", "Dengan capaian 160,00% target terlampaui.", TieOutcome::kContradicts,
       "ikk.IKK-12.capaian"},
      // Untied: another year's figure, a noun that is not the IKK's unit.
      {"IKK-12.faktor", "Terdapat 2 berkas perkara di tahun 2022 yang baru lengkap.", TieOutcome::kUntied,
       ""},
      {"IKK-12.faktor", "Koordinasi dengan 7 lembaga penegak hukum.", TieOutcome::kUntied, ""},
  };
  int wrong = 0, caught = 0, right = 0, passed = 0, untied = 0;
  for (const auto& c : cases) {
    const std::vector<TypedFigure> found = FindTypedFigures(c.key, c.text);
    ASSERT_EQ(found.size(), 1u) << c.text;
    const FigureTie tie = TieFigure(verify, found[0]);
    EXPECT_EQ(static_cast<int>(tie.outcome), static_cast<int>(c.expected)) << c.text << " | " << tie.rule;
    EXPECT_EQ(tie.ref, c.ref) << c.text;
    if (c.expected == TieOutcome::kContradicts) {
      ++wrong;
      caught += tie.outcome == TieOutcome::kContradicts;
      EXPECT_FALSE(tie.rule.empty()) << c.text;
    } else if (c.expected == TieOutcome::kAgrees) {
      ++right;
      passed += tie.outcome == TieOutcome::kAgrees;
    } else {
      untied += tie.outcome == TieOutcome::kUntied;
    }
  }
  std::cout << "typed figures: contradictions caught " << caught << "/" << wrong << ", right figures passed "
            << passed << "/" << right << ", unverified " << untied << "\n";
  EXPECT_EQ(caught, wrong);
  EXPECT_EQ(passed, right);
}

// Two figures of one sentence each read the word nearest before it, not before the first.
TEST(TypedFiguresTest, EachFigureOfASentenceReadsItsOwnContext) {
  const ReportInputs in = Inputs();
  const report::v1::Report report = BuildReport(in);
  const rules::v1::RuleSet rules;
  const VerifyInputs verify{in, report, rules};
  const auto found =
      FindTypedFigures("IKK-12.faktor", "Target 12 berkas perkara, realisasi 12 berkas perkara.");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].in_sentence, 36u);
  const FigureTie first = TieFigure(verify, found[0]), second = TieFigure(verify, found[1]);
  EXPECT_EQ(first.ref, "ikk.IKK-12.target");
  EXPECT_EQ(static_cast<int>(first.outcome), static_cast<int>(TieOutcome::kAgrees));
  EXPECT_EQ(second.ref, "ikk.IKK-12.realisasi");
  EXPECT_EQ(static_cast<int>(second.outcome), static_cast<int>(TieOutcome::kContradicts));
}

TEST(TypedFiguresTest, NumbersThatAreNotFiguresAreLeftOut) {
  const std::string text =
      "Sesuai Peraturan Pemerintah Nomor 8 Tahun 2006 dan Perpres 29/2014, pada 12 Januari 2024:\n"
      "1. koordinasi P-21 dengan a.1 dan (2) pihak;\n2) tahun 2023 di halaman 14.";
  EXPECT_TRUE(FindTypedFigures("bab1.dasar_hukum", text).empty());
  const auto found =
      FindTypedFigures("IKK-02.metode_pengukuran", "kategori tinggi dengan nilai 76,61-88,30.");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].exact, "76.61");
  EXPECT_EQ(found[0].places, 2);
  EXPECT_EQ(found[0].noun, "rentang");
  const auto money = FindTypedFigures("bab4.kesimpulan", "sisa Rp92.664.300 (0,56 %) dan 2 (dua) satker");
  ASSERT_EQ(money.size(), 3u);
  EXPECT_EQ(money[0].written, "Rp92.664.300");
  EXPECT_EQ(money[0].exact, "92664300");
  EXPECT_EQ(money[1].written, "0,56 %");
  EXPECT_EQ(money[1].kind, FigureKind::kPercent);
  EXPECT_EQ(money[2].noun, "satker");
  EXPECT_EQ(money[2].sentence, "sisa Rp92.664.300 (0,56 %) dan 2 (dua) satker");
}

// Passages written as a published LKIP writes them (the seed's executive summary and Bab III B):
// the IKK given with the passage, a count of "BNN kabupaten/kota", the capaian in brackets after
// the realisasi, and a budget sentence that names its program only in the sentence before.
TEST(TypedFiguresTest, APublishedDocumentsPassagesAreReadAsTheyAreWritten) {
  ReportInputs in = Inputs();
  auto* nka = in.capaian.add_indicators();
  nka->set_code("IKK-16");
  nka->set_unit("BNN Kabupaten/Kota");
  nka->mutable_target()->mutable_value()->set_value("4");
  nka->set_available(true);
  nka->mutable_realisasi()->set_value("0");
  nka->set_capaian_available(true);
  nka->mutable_capaian()->set_value("0");
  auto* program = in.budget.mutable_per_program()->add_rows();
  program->set_code("DUKMAN");
  program->set_label("Dukungan Manajemen dan Pelaksanaan Tugas Teknis Lainnya");
  program->mutable_pagu()->set_amount(10885113000);
  program->mutable_realisasi()->set_amount(10833864605);
  auto* bnnp = in.budget.mutable_per_satker()->add_rows();
  bnnp->set_code("BNNP_NTB");
  bnnp->set_label("BNNP Nusa Tenggara Barat");
  bnnp->mutable_pagu()->set_amount(8000000000);
  in.budget.mutable_per_satker()->mutable_total()->mutable_pagu()->set_amount(16468319000);
  const report::v1::Report report = BuildReport(in);
  const rules::v1::RuleSet rules;
  const VerifyInputs verify{in, report, rules};
  // "written -> outcome ref" of each figure of `text`, read as `ikk`'s.
  auto read = [&](const std::string& ikk, const std::string& text) {
    std::vector<std::string> out;
    FigureTies ties(verify);
    for (TypedFigure& f : FindTypedFigures("Ringkasan eksekutif (baris 60)", text)) {
      f.ikk = ikk;
      const FigureTie tie = ties.Tie(f);
      out.push_back(absl::StrCat(f.written, " -> ",
                                 tie.outcome == TieOutcome::kAgrees        ? "sesuai "
                                 : tie.outcome == TieOutcome::kContradicts ? "BERTENTANGAN "
                                                                           : "tidak terikat ",
                                 tie.ref));
    }
    return out;
  };
  EXPECT_EQ(read("IKK-12",
                 "- a. Jumlah berkas perkara yang P-21 target 12 Berkas P-21 tercapai sebesar 20 "
                 "Berkas P-21 (167%)."),
            (std::vector<std::string>{"12 Berkas -> sesuai ikk.IKK-12.target",
                                      "20 Berkas -> sesuai ikk.IKK-12.realisasi",
                                      "167% -> sesuai ikk.IKK-12.capaian"}));
  EXPECT_EQ(read("IKK-16",
                 "- b. Jumlah BNN Kabupaten/ Kota dengan NKA mencapai target 4 BNN kabupaten/kota "
                 "tercapai sebesar 4 BNN kabupaten/kota (100%)."),
            (std::vector<std::string>{"4 BNN kabupaten/kota -> sesuai ikk.IKK-16.target",
                                      "4 BNN kabupaten/kota -> BERTENTANGAN ikk.IKK-16.realisasi",
                                      "100% -> BERTENTANGAN ikk.IKK-16.capaian"}));
  // The program is named in the heading line; the sentence after it says only "Dari pagu".
  EXPECT_EQ(
      read("",
           "Program Dukungan Manajemen dan Pelaksanaan Tugas Teknis lainnya BNN, dengan pagu sebesar "
           "Rp. 10.885.113.000,-\n\nDari pagu alokasi anggaran sebesar Rp. 10.885.113.000,- telah "
           "terealisasi sebesar Rp. 10.883.864.605,-"),
      (std::vector<std::string>{"Rp. 10.885.113.000 -> sesuai anggaran.program.DUKMAN.pagu",
                                "Rp. 10.885.113.000 -> sesuai anggaran.program.DUKMAN.pagu",
                                "Rp. 10.883.864.605 -> BERTENTANGAN anggaran.program.DUKMAN.realisasi"}));
  // "BNNP ... beserta BNNK jajarannya": the total, though the sentence names the BNNP.
  EXPECT_EQ(read("",
                 "Pagu anggaran BNNP Nusa Tenggara Barat beserta BNNK jajarannya tahun 2023 sebesar Rp. "
                 "16.468.319.000,-"),
            (std::vector<std::string>{"Rp. 16.468.319.000 -> sesuai anggaran.total.pagu"}));
}

}  // namespace
}  // namespace lkip::aggregator
