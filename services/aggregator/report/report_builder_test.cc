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

// The analysis the PK makes possible: the realisasi against the Renstra's target, and the
// budget of the kegiatan it links to the IKK beside its capaian; nothing when it states neither.
TEST(ReportBuilderTest, RenstraAndTheBudgetOfTheKegiatanThatServeAnIkk) {
  auto in = Inputs();
  in.capaian.mutable_indicators(0)->set_polarity(common::v1::POLARITY_HIGHER_IS_BETTER);
  auto report = BuildReport(in);
  EXPECT_TRUE(report.sasaran(0).indicators(0).kalimat_renstra().empty());
  EXPECT_FALSE(report.sasaran(0).indicators(0).has_efisiensi());
  EXPECT_TRUE(report.sasaran(0).indicators(0).kalimat_efisiensi().empty());

  auto* renstra = in.pk.mutable_sasaran(0)->mutable_indicators(0)->mutable_renstra();
  renstra->set_period("2020-2024");
  renstra->mutable_target()->set_value("24");
  auto kegiatan = [&](const std::string& code, std::vector<std::string> ikk) {
    auto* k = in.pk.add_kegiatan();
    k->set_program_code("P4GN");
    k->set_kegiatan_code(code);
    k->set_name("Kegiatan " + code);
    for (auto& c : ikk) k->add_ikk_codes(c);
  };
  kegiatan("penyidikan", {"IKK-12"});
  kegiatan("intelijen", {"IKK-13", "IKK-12"});
  kegiatan("advokasi", {"IKK-01"});
  kegiatan("tahanan", {"IKK-12"});  // no DIPA line
  auto dipa = [&](const std::string& code, int64_t pagu, int64_t realisasi) {
    auto* row = in.budget.mutable_per_kegiatan()->add_rows();
    row->set_code("P4GN/" + code);
    row->set_label("Kegiatan " + code);
    row->mutable_pagu()->set_amount(pagu);
    row->mutable_realisasi()->set_amount(realisasi);
    row->mutable_sisa()->set_amount(pagu - realisasi);
    row->mutable_realisasi_percent()->set_value(std::to_string(realisasi * 100 / pagu));
  };
  dipa("penyidikan", 750000000, 745000000);
  dipa("intelijen", 75000000, 75000000);
  dipa("advokasi", 510000000, 500000000);
  report = BuildReport(in);
  const auto& ind = report.sasaran(0).indicators(0);
  EXPECT_EQ(
      ind.kalimat_renstra(),
      "Target jangka menengah IKK-12 dalam Renstra 2020-2024 sebesar 24 Berkas Perkara; realisasi tahun 2023 "
      "sebesar 20 Berkas Perkara atau 83,33% dari target akhir Renstra.");
  ASSERT_EQ(ind.efisiensi().rows_size(), 3);
  EXPECT_EQ(ind.efisiensi().rows(0).label(), "Kegiatan penyidikan");
  EXPECT_EQ(ind.efisiensi().rows(1).pagu(), "75.000.000");
  EXPECT_EQ(ind.efisiensi().rows(2).pagu(), "-");
  EXPECT_EQ(ind.efisiensi().total().pagu(), "825.000.000");
  EXPECT_EQ(ind.efisiensi().total().realisasi(), "820.000.000");
  EXPECT_EQ(ind.efisiensi().total().percent(), "99,39");
  EXPECT_EQ(
      ind.kalimat_efisiensi(),
      "Anggaran 3 kegiatan yang mendukung IKK-12 menurut Perjanjian Kinerja terealisasi Rp820.000.000 dari "
      "pagu Rp825.000.000 (99,39%), dengan capaian kinerja 166,67%; kegiatan yang juga mendukung IKK lain "
      "dihitung penuh pada tiap IKK.");

  // A target of 0 has no percentage; a budget not read is said, with its reason, and not tabled.
  renstra->mutable_target()->set_value("0");
  in.budget_available = false;
  in.budget_unavailable_reason = "keuangan tidak dapat dihubungi";
  report = BuildReport(in);
  EXPECT_EQ(
      report.sasaran(0).indicators(0).kalimat_renstra(),
      "Target jangka menengah IKK-12 dalam Renstra 2020-2024 sebesar 0 Berkas Perkara; realisasi tahun 2023 "
      "sebesar 20 Berkas Perkara.");
  EXPECT_FALSE(report.sasaran(0).indicators(0).has_efisiensi());
  EXPECT_EQ(report.sasaran(0).indicators(0).kalimat_efisiensi(),
            "Realisasi anggaran 3 kegiatan yang mendukung IKK-12 menurut Perjanjian Kinerja tidak tersedia: "
            "keuangan "
            "tidak dapat dihubungi.");
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
