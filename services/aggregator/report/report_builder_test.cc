// The typed report: every IKK of the PK under its sasaran with the sentence its figures make,
// stored texts as paragraphs, a missing text marked with its placeholder, the budget tables as
// printed.
#include "services/aggregator/report/report_builder.h"

#include <gtest/gtest.h>

#include "services/aggregator/report/example_inputs.h"

namespace lkip::aggregator {

namespace {

ReportInputs Inputs() { return ExampleReportInputs(); }

TEST(ReportBuilderTest, FiguresInSentencesComeFromTheData) {
  const auto report = BuildReport(Inputs());
  const auto& ind = report.sasaran(0).indicators(0);
  EXPECT_EQ(
      ind.kalimat_capaian(),
      "Dari target yang ditetapkan dalam perjanjian kinerja sebesar 12 Berkas Perkara, terealisasi 20 Berkas "
      "Perkara atau capaian 166,67%.");
  EXPECT_EQ(ind.capaian().value(), "500/3") << "exact, unrounded";
  EXPECT_EQ(ind.capaian_display(), "166,67");
  EXPECT_EQ(report.anggaran().kalimat(),
            "Pagu anggaran BNNP Nusa Tenggara Barat beserta BNNK jajarannya tahun 2023 sebesar "
            "Rp16.468.319.000 dengan "
            "realisasi sebesar Rp16.375.654.700 (99,44%), sisa anggaran Rp92.664.300.");
  EXPECT_EQ(report.n_ikk(), 1);
}

TEST(ReportBuilderTest, ComparisonWordsFollowTheFigures) {
  auto in = Inputs();
  auto* c = in.comparisons.add_comparisons();
  c->set_code("IKK-12");
  c->mutable_previous_value()->set_value("19");
  c->set_previous_source("LKIP 2022");
  c->set_national_label("Indeks X");
  c->mutable_national_value()->set_value("52.7");
  c->mutable_province_value()->set_value("53.64");
  c->set_national_source("tabel nasional");
  auto report = BuildReport(in);
  const auto& p = report.sasaran(0).indicators(0).perbandingan();
  ASSERT_EQ(p.size(), 2);
  EXPECT_EQ(
      p[0],
      "Dibandingkan tahun 2022 sebesar 19 Berkas Perkara, realisasi tahun 2023 sebesar 20 Berkas Perkara "
      "meningkat.");
  // The two values of the national table share their decimals (not the count's: it is another measure).
  EXPECT_EQ(p[1], "Nilai Indeks X provinsi sebesar 53,64, lebih tinggi dari nilai nasional sebesar 52,70.");
  EXPECT_EQ(report.sasaran(0).indicators(0).comparison().previous_source(), "LKIP 2022");
  c->mutable_previous_value()->set_value("20");
  c->mutable_province_value()->set_value("50");
  report = BuildReport(in);
  EXPECT_NE(report.sasaran(0).indicators(0).perbandingan(0).find(" tetap."), std::string::npos);
  EXPECT_NE(report.sasaran(0).indicators(0).perbandingan(1).find("lebih rendah dari"), std::string::npos);
}

TEST(ReportBuilderTest, StoredTextsAreParagraphsAndMissingOnesPlaceholders) {
  const auto report = BuildReport(Inputs());
  const auto& awal = report.sasaran(0).indicators(0).teks_awal();
  const auto& akhir = report.sasaran(0).indicators(0).teks_akhir();
  ASSERT_EQ(awal.size(), 2);
  ASSERT_EQ(akhir.size(), 3);
  EXPECT_FALSE(awal[0].missing());
  EXPECT_EQ(awal[0].paragraphs_size(), 2);
  EXPECT_TRUE(akhir[1].missing());
  EXPECT_EQ(akhir[1].placeholder(), "[Belum diisi: hambatan IKK-12]");
  EXPECT_TRUE(report.kata_pengantar().missing());
}

TEST(ReportBuilderTest, UnavailableBudgetMakesTheReportPartial) {
  auto in = Inputs();
  in.budget_available = false;
  in.budget_unavailable_reason = "keuangan: connection refused";
  const auto report = BuildReport(in);
  EXPECT_FALSE(report.complete());
  EXPECT_FALSE(report.anggaran().available());
  EXPECT_EQ(report.anggaran().unavailable_reason(), "keuangan: connection refused");
  EXPECT_EQ(report.anggaran().per_satker().rows_size(), 0);
}

TEST(ReportBuilderTest, TheSameInputsGiveTheSameBytes) {
  EXPECT_EQ(BuildReport(Inputs()).SerializeAsString(), BuildReport(Inputs()).SerializeAsString());
}

TEST(ReportBuilderTest, RingkasanGroupsIkkByBidangAndBabIvNamesTheBudgetScores) {
  auto in = Inputs();
  in.capaian.mutable_indicators(0)->set_service("pemberantasan");
  auto* nka = in.capaian.add_indicators();
  nka->set_code("IKK-15");
  nka->set_name("Nilai Kinerja Anggaran BNN");
  nka->set_unit("Indeks");
  nka->set_service("keuangan");
  nka->mutable_target()->mutable_value()->set_value("92");
  nka->set_available(true);
  nka->mutable_realisasi()->set_value("87.93");
  nka->set_capaian_available(true);
  nka->mutable_capaian()->set_value("95.58");
  nka->mutable_aggregation()->set_kind(rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE);
  auto* row = nka->add_satker_rows();
  row->set_satker_code("BNNP_NTB");
  row->mutable_value()->set_value("87.93");
  row->set_category("Baik");
  row->mutable_provenance()->set_source_document("SMART 2023");
  auto* s = in.pk.add_sasaran();
  s->set_number(11);
  auto* pki = s->add_indicators();
  pki->set_code("IKK-15");
  pki->set_name("Nilai Kinerja Anggaran BNN");
  pki->set_unit("Indeks");
  in.budget.mutable_per_program()->add_rows()->set_label("Dukungan Manajemen");

  const auto report = BuildReport(in);
  const auto& r = report.ringkasan();
  ASSERT_EQ(r.program_size(), 1);
  EXPECT_EQ(r.program(0), "Dukungan Manajemen");
  ASSERT_EQ(r.bidang_size(), 2);
  EXPECT_EQ(r.bidang(0).label(), "Bidang Pemberantasan") << "the label of the services' registry";
  EXPECT_EQ(
      r.bidang(0).ikk(0),
      "Jumlah berkas perkara tindak pidana narkotika yang P-21: target 12 Berkas Perkara, tercapai 20 Berkas "
      "Perkara (capaian 166,67%).");
  EXPECT_EQ(r.bidang(1).label(), "Bagian Umum");
  const auto& kinerja = report.bab4().kinerja_anggaran();
  ASSERT_EQ(kinerja.size(), 2);
  EXPECT_EQ(kinerja[0], report.anggaran().kalimat());
  EXPECT_EQ(
      kinerja[1],
      "Nilai Kinerja Anggaran BNN pada BNNP Nusa Tenggara Barat tahun 2023 sebesar 87,93 dengan kategori "
      "\"Baik\" (sumber: SMART 2023).");
}

}  // namespace
}  // namespace lkip::aggregator
