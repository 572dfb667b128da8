// The verifier over canned inputs: each check finds what it should, names the subject and the
// sources of both values, and stays silent when the data agree.
#include "services/aggregator/report/verify.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

namespace lkip::aggregator {
namespace {

// What the verifier reads: the data, the rule set, what a document states.
struct Case {
  ReportInputs data;
  rules::v1::RuleSet rules;
  report::v1::StatedFigures stated;

  // {ref, value, where, name}
  void State(const std::vector<std::array<std::string, 4>>& figures) {
    stated.clear_figures();
    for (const auto& [ref, value, where, name] : figures) {
      auto* f = stated.add_figures();
      f->set_ref(ref);
      f->set_value(value);
      f->set_where(where);
      f->set_name(name);
    }
  }
};

// The verifier over the case, with the report built from its data.
VerifyResult Check(const Case& c) {
  const report::v1::Report report = BuildReport(c.data);
  return Verify(VerifyInputs{c.data, report, c.rules, &c.stated});
}

Case Inputs() {
  Case in;
  auto& c = in.data.capaian;
  c.set_fiscal_year(2023);
  c.set_province_code("BNNP_NTB");
  c.set_complete(true);
  auto* ind = c.add_indicators();
  ind->set_code("IKK-01");
  ind->set_name("Jumlah kabupaten/kota dengan Dektari berkategori \"Tinggi\"");
  ind->set_service("pencegahan");
  ind->mutable_target()->mutable_value()->set_value("2");
  ind->set_available(true);
  ind->mutable_realisasi()->set_value("1");
  ind->set_capaian_available(true);
  ind->mutable_capaian()->set_value("50");
  auto* agg = ind->mutable_aggregation();
  agg->set_kind(rules::v1::AGGREGATION_KIND_COUNT_UNITS);
  agg->set_scope(common::v1::UNIT_LEVEL_KABUPATEN_KOTA);
  agg->set_count_mode(rules::v1::COUNT_MODE_EXACT_BAND);
  agg->set_category("Tinggi");
  for (const char* label : {"Rendah", "Tinggi", "Sangat Tinggi"}) ind->add_categories()->set_label(label);
  for (auto [code, name, value, category, counted] :
       {std::tuple{"BNNK_BIMA", "BNN Kabupaten Bima", "50.28", "Tinggi", true},
        std::tuple{"BNNK_MATARAM", "BNN Kota Mataram", "58.17", "Sangat Tinggi", false}}) {
    auto* row = ind->add_satker_rows();
    row->set_satker_code(code);
    row->set_satker_name(name);
    row->set_level(common::v1::UNIT_LEVEL_KABUPATEN_KOTA);
    row->mutable_value()->set_value(value);
    row->set_category(category);
    row->set_counted(counted);
  }
  auto* bands = c.add_bands();
  bands->set_band_set("S2");
  bands->set_title("Capaian IKK");
  bands->add_rows()->set_label(">= 100");
  bands->mutable_rows(0)->set_count(0);
  bands->add_rows()->set_label("< 100");
  bands->mutable_rows(1)->set_count(1);
  auto* s = in.data.pk.add_sasaran();
  s->set_number(1);
  auto* pki = s->add_indicators();
  pki->set_code("IKK-01");
  pki->set_name(ind->name());
  in.data.pk.set_source_document("PK 2023");
  auto* prog = in.data.budget.mutable_per_program()->add_rows();
  prog->set_code("DUKMAN");
  prog->set_label("Dukungan Manajemen");
  prog->mutable_pagu()->set_amount(10885113000);
  prog->mutable_realisasi()->set_amount(10833864605);
  prog->mutable_realisasi_percent()->set_value("99.529");
  in.data.budget_available = true;
  in.rules.set_version("2023.1");
  auto* rule = in.rules.add_indicators();
  rule->set_code("IKK-01");
  rule->set_name(ind->name());
  in.stated.set_source_document("LKIP 2023");
  return in;
}

const common::v1::Finding* FindCode(const VerifyResult& r, const std::string& code) {
  for (const auto& f : r.findings) {
    if (f.code() == code) return &f;
  }
  return nullptr;
}

TEST(VerifyTest, StatedFiguresAreComparedAtTheirOwnPrecision) {
  auto in = Inputs();
  in.State({
      {"anggaran.program.DUKMAN.realisasi", "10883864605", "Bab III B, uraian program (baris 1195)", ""},
      {"anggaran.program.DUKMAN.realisasi", "10833864605", "Bab III B, tabel (baris 1177)", ""},
      {"anggaran.program.DUKMAN.persen", "99.53", "Bab III B, tabel (baris 1177)",
       ""},  // 99,529 shown as 99,53
      {"ikk.IKK-01.capaian", "50", "Ringkasan eksekutif", ""},
      {"ikk.IKK-01.satker.BNNK_BIMA.value", "50.28", "tabel per satker", ""},
      {"pita.S2.1", "1", "Bab IV", ""},
      {"ikk.IKK-99.realisasi", "3", "Bab III", ""},
      {"anggaran.program.DUKMAN.efisiensi", "0.47", "Bab III B",
       ""},  // no efisiensi in the data: not comparable
  });
  const auto r = Check(in);
  EXPECT_EQ(r.stated_checked, 6);
  EXPECT_EQ(r.stated_agreeing, 4);
  std::vector<std::string> differ;
  for (const auto& f : r.findings) {
    if (f.code() == "ANGKA_DINYATAKAN_BERBEDA") differ.push_back(f.values(0).source());
  }
  EXPECT_EQ(differ, (std::vector<std::string>{"LKIP 2023, Bab III B, uraian program (baris 1195)",
                                              "LKIP 2023, Bab IV"}));
  const auto* f = FindCode(r, "ANGKA_DINYATAKAN_BERBEDA");
  EXPECT_EQ(f->severity(), common::v1::SEVERITY_ERROR);
  EXPECT_EQ(f->message(),
            "Bab III B, uraian program (baris 1195) menyatakan realisasi Dukungan Manajemen 10.883.864.605, "
            "data menghasilkan 10.833.864.605.");
  EXPECT_EQ(f->values(1).value(), "10833864605");
  int unchecked = 0;
  for (const auto& x : r.findings) unchecked += x.code() == "ANGKA_DINYATAKAN_TIDAK_DAPAT_DIPERIKSA";
  EXPECT_EQ(unchecked, 2) << "an unknown IKK, and an efisiensi the data has no value for";
  EXPECT_EQ(r.findings.front().severity(), common::v1::SEVERITY_ERROR) << "errors first";
}

// A differing figure is printed as it was written, trailing zero and all, and the data beside it
// with as many decimals.
TEST(VerifyTest, ADifferingFigureKeepsItsWrittenDecimals) {
  auto in = Inputs();
  in.State({{"ikk.IKK-01.satker.BNNK_BIMA.value", "50.20", "tabel per satker", ""}});
  const auto r = Check(in);
  const auto* f = FindCode(r, "ANGKA_DINYATAKAN_BERBEDA");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message().find(" 50,20, data menghasilkan 50,28."), std::string::npos) << f->message();
}

// Each kind of ref of stated_refs.h reaches its figure: stated right it agrees, stated wrong it
// differs with the ref named in the finding.
TEST(VerifyTest, EveryKindOfRefReachesItsFigure) {
  auto in = Inputs();
  auto* ind = in.data.capaian.mutable_indicators(0);
  ind->set_category_scheme_name("Klasifikasi Dektari");
  ind->mutable_categories(0)->set_display("45,98 - 49,73");
  ind->mutable_categories(1)->set_display("49,74 - 53,50");
  ind->mutable_categories(2)->set_display("≥ 53,51");
  ind->mutable_satker_rows(0)->mutable_target()->set_value("51");
  ind->mutable_satker_rows(0)->mutable_capaian()->set_value("98.588235");
  ind->mutable_satker_rows(1)->mutable_target()->set_value("52");
  auto* part = ind->mutable_satker_rows(0)->add_details();
  part->set_id("pemenuhan");
  part->set_label("Pemenuhan");
  part->mutable_value()->set_value("25.08");
  auto* c = in.data.comparisons.add_comparisons();
  c->set_code("IKK-01");
  c->mutable_previous_value()->set_value("2");
  c->set_previous_source("LKIP 2022");
  c->set_national_label("Dektari");
  c->mutable_national_value()->set_value("52.7");
  c->mutable_province_value()->set_value("53.64");
  c->mutable_national_target()->set_value("52");
  c->set_national_source("tabel nasional");
  auto* k = in.data.pk.add_kegiatan();
  k->set_kegiatan_code("advokasi");
  k->set_name("Advokasi");
  k->mutable_anggaran()->set_amount(510000000);
  in.data.pk.mutable_sasaran(0)->mutable_indicators(0)->set_service("pencegahan");
  const std::vector<std::array<std::string, 2>> right = {
      {"ikk.IKK-01.satker.BNNK_BIMA.target", "51"},
      {"ikk.IKK-01.satker.BNNK_BIMA.capaian", "98.59"},
      {"ikk.IKK-01.satker.BNNK_BIMA.rincian.pemenuhan", "25.08"},
      {"ikk.IKK-01.satker_target_mean", "51.5"},
      {"ikk.IKK-01.satker_target_sum", "103"},
      {"ikk.IKK-01.kategori.rendah.bawah", "45.98"},
      {"ikk.IKK-01.kategori.Rendah.atas", "49.73"},
      {"ikk.IKK-01.kategori.Sangat Tinggi.bawah", "53.51"},
      {"ikk.IKK-01.pembanding.sebelumnya", "2"},
      {"ikk.IKK-01.nasional.nilai", "52.70"},
      {"ikk.IKK-01.nasional.provinsi", "53.64"},
      {"ikk.IKK-01.nasional.target", "52"},
      {"pk.kegiatan.advokasi.anggaran", "510000000"},
      {"pita.S2.2.persen", "100"},
      {"jumlah.ikk", "1"},
      {"jumlah.sasaran", "1"},
      {"jumlah.ikk_bidang.Bidang Pencegahan dan Pemberdayaan Masyarakat", "1"},
  };
  std::vector<std::array<std::string, 4>> stated;
  for (const auto& [ref, value] : right) stated.push_back({ref, value, "benar", ""});
  for (const auto& [ref, value] : right) stated.push_back({ref, value + "1", "salah", ""});
  // No such figure: an upper bound of the last category, a province target not stored.
  stated.push_back({"ikk.IKK-01.kategori.Sangat Tinggi.atas", "100", "tidak ada", ""});
  stated.push_back({"ikk.IKK-01.nasional.target_provinsi", "53", "tidak ada", ""});
  stated.push_back({"ikk.IKK-01.satker.BNNK_BIMA.rincian.reform", "26.76", "tidak ada", ""});
  stated.push_back({"ikk.IKK-01.satker.BNNK_BIMA.value.extra", "50.28", "tidak ada", ""});
  stated.push_back({"ikk.IKK-01.satker_median", "51", "tidak ada", ""});
  in.State(stated);
  const auto r = Check(in);
  EXPECT_EQ(r.stated_checked, static_cast<int>(2 * right.size()));
  EXPECT_EQ(r.stated_agreeing, static_cast<int>(right.size()));
  std::set<std::string> differ;
  int unchecked = 0;
  for (const auto& f : r.findings) {
    if (f.code() == "ANGKA_DINYATAKAN_TIDAK_DAPAT_DIPERIKSA") ++unchecked;
    if (f.code() != "ANGKA_DINYATAKAN_BERBEDA") continue;
    EXPECT_EQ(f.values(0).source(), "LKIP 2023, salah") << f.message();
    ASSERT_EQ(f.values_size(), 3);
    EXPECT_EQ(f.values(2).label(), "rujukan");
    differ.insert(f.values(2).value());
  }
  EXPECT_EQ(differ.size(), right.size()) << "each wrong figure's finding names its ref";
  EXPECT_EQ(unchecked, 5);
}

TEST(VerifyTest, NamesThatDriftFromThePkAndTheRules) {
  auto in = Inputs();
  in.State(
      {{"ikk.IKK-01.target", "2", "Ringkasan eksekutif", "Jumlah kab/kota dengan Dektari tinggi"},
       {"ikk.IKK-01.realisasi", "1", "Bab III", "jumlah kabupaten/kota dengan DEKTARI berkategori Tinggi"}});
  in.rules.mutable_indicators(0)->set_name("Jumlah kabupaten/kota dengan Indeks Ketahanan Diri Remaja");
  const auto r = Check(in);
  int pk_drift = 0;
  for (const auto& f : r.findings) pk_drift += f.code() == "NAMA_IKK_BERBEDA_DENGAN_PK";
  EXPECT_EQ(pk_drift, 1) << "case and punctuation are not drift";
  ASSERT_NE(FindCode(r, "NAMA_IKK_BERBEDA_DENGAN_ATURAN"), nullptr);
  EXPECT_EQ(FindCode(r, "NAMA_IKK_BERBEDA_DENGAN_ATURAN")->values(1).value(),
            "Jumlah kabupaten/kota dengan Indeks Ketahanan Diri Remaja");
}

TEST(VerifyTest, CategoryCountingRuleAndServiceFindingsAndRecomputations) {
  auto in = Inputs();
  auto* row = in.data.capaian.mutable_indicators(0)->mutable_satker_rows(0);
  auto* finding = row->add_findings();
  finding->set_code("KAWASAN_TRANSISI_TIDAK_DIHITUNG");
  finding->set_severity(common::v1::SEVERITY_WARNING);
  row->mutable_provenance()->set_kind(common::v1::PROVENANCE_KIND_IMPORTED);
  row->mutable_provenance()->set_source_document("TPI B/770");
  row->mutable_alternative()->mutable_value()->set_value("50.2");
  row->mutable_alternative()->mutable_provenance()->set_source_document("LKE");
  const auto r = Check(in);
  const auto* cat = FindCode(r, "KATEGORI_LEBIH_TINGGI_TIDAK_DIHITUNG");
  ASSERT_NE(cat, nullptr);
  EXPECT_NE(cat->message().find("BNN Kota Mataram (Sangat Tinggi 58,17)"), std::string::npos)
      << cat->message();
  EXPECT_EQ(cat->message().find("Bima"), std::string::npos);
  ASSERT_NE(FindCode(r, "KAWASAN_TRANSISI_TIDAK_DIHITUNG"), nullptr);
  EXPECT_EQ(FindCode(r, "KAWASAN_TRANSISI_TIDAK_DIHITUNG")->subject(), "IKK-01 BNNK_BIMA");
  const auto* rec = FindCode(r, "NILAI_TERCATAT_BERBEDA_DENGAN_HITUNGAN");
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->values(0).source(), "TPI B/770");
  EXPECT_EQ(rec->values(1).source(), "LKE");

  row->mutable_alternative()->mutable_value()->set_value("50.2812");  // rounds to the recorded 50,28
  EXPECT_EQ(FindCode(Check(in), "NILAI_TERCATAT_BERBEDA_DENGAN_HITUNGAN"), nullptr);
}

TEST(VerifyTest, DatesAndSupersededRegulationsInTheTexts) {
  auto in = Inputs();
  auto* n = in.data.narratives.add_narratives();
  n->set_key("penandatangan.tempat_tanggal");
  n->set_text("Mataram, 12 Januari 2023");
  n = in.data.narratives.add_narratives();
  n->set_key("IKK-15.metode_pengukuran");
  n->set_text("... sesuai Peraturan Menteri Keuangan 214 Tahun 2017 tentang ...");
  auto* reg = in.rules.add_superseded_regulations();
  reg->set_name("PMK 214/PMK.02/2017");
  reg->add_mentions("Peraturan Menteri Keuangan 214 Tahun 2017");
  reg->add_mentions("214/PMK.02/2017");
  reg->set_replaced_by("PMK 22/PMK.02/2021");
  auto r = Check(in);
  const auto* date = FindCode(r, "TANGGAL_LAPORAN_SEBELUM_TAHUN_ANGGARAN_BERAKHIR");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->values(0).value(), "2023-01-12");
  const auto* cited = FindCode(r, "REGULASI_SUDAH_DIGANTI");
  ASSERT_NE(cited, nullptr);
  EXPECT_EQ(cited->subject(), "IKK-15.metode_pengukuran");
  EXPECT_NE(cited->message().find("belum terverifikasi"), std::string::npos);
  ASSERT_NE(FindCode(r, "TEKS_BELUM_DIISI"), nullptr);

  in.data.narratives.mutable_narratives(0)->set_text("Mataram, 15 Januari 2024");
  in.data.narratives.mutable_narratives(1)->set_text("sesuai PMK 22/PMK.02/2021");
  r = Check(in);
  EXPECT_EQ(FindCode(r, "TANGGAL_LAPORAN_SEBELUM_TAHUN_ANGGARAN_BERAKHIR"), nullptr);
  EXPECT_EQ(FindCode(r, "REGULASI_SUDAH_DIGANTI"), nullptr);
  in.data.narratives.mutable_narratives(0)->set_text("Mataram, Januari");
  EXPECT_NE(FindCode(Check(in), "TANGGAL_LAPORAN_TIDAK_TERBACA"), nullptr);
}

TEST(VerifyTest, BudgetFindingsAndMissingData) {
  auto in = Inputs();
  auto* f = in.data.budget.add_findings();
  f->set_code("REALISASI_MELEBIHI_PAGU");
  f->set_severity(common::v1::SEVERITY_WARNING);
  in.data.budget.add_satker_without_dipa("BNNK_BIMA");
  in.data.capaian.mutable_indicators(0)->set_available(false);
  in.data.capaian.mutable_indicators(0)->set_unavailable_reason("layanan pencegahan tidak dapat dihubungi");
  auto r = Check(in);
  EXPECT_NE(FindCode(r, "REALISASI_MELEBIHI_PAGU"), nullptr);
  EXPECT_NE(FindCode(r, "SATKER_TANPA_DIPA"), nullptr);
  ASSERT_NE(FindCode(r, "DATA_TIDAK_TERSEDIA"), nullptr);
  EXPECT_EQ(FindCode(r, "DATA_TIDAK_TERSEDIA")->subject(), "IKK-01");
  in.data.budget_available = false;
  r = Check(in);
  int missing = 0;
  for (const auto& x : r.findings) missing += x.code() == "DATA_TIDAK_TERSEDIA";
  EXPECT_EQ(missing, 2);
}

TEST(VerifyTest, StatedFiguresAreCheckedWithPaths) {
  report::v1::StatedFigures stated;
  stated.set_fiscal_year(2023);
  stated.set_province_code("BNNP_NTB");
  auto* a = stated.add_figures();
  a->set_ref("anggaran.total.pagu");
  a->set_value("16468319000");
  a->set_where("Bab III B");
  auto* b = stated.add_figures();
  b->set_ref("anggaran.total.persen");
  b->set_value("99,44");
  b->set_where("Bab III B");
  auto s = CheckStatedFigures(stated, 2023, "BNNP_NTB");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("stated.figures[1].value: \"99,44\""), std::string::npos) << s;
  b->set_value("99.44");
  EXPECT_TRUE(CheckStatedFigures(stated, 2023, "BNNP_NTB").ok());
  EXPECT_NE(CheckStatedFigures(stated, 2024, "BNNP_NTB").message().find("stated.fiscal_year: 2023"),
            std::string::npos);
  EXPECT_NE(CheckStatedFigures(stated, 2023, "BNNP_DIY").message().find("stated.province_code: \"BNNP_NTB\""),
            std::string::npos);
  b->set_value("400/3");
  EXPECT_NE(CheckStatedFigures(stated, 2023, "BNNP_NTB").message().find("stated.figures[1].value"),
            std::string::npos)
      << "a fraction is not a stated figure";
  b->set_value("99.44");
  a->clear_where();
  EXPECT_NE(
      CheckStatedFigures(stated, 2023, "BNNP_NTB").message().find("stated.figures[0].where: is required"),
      std::string::npos);
}

TEST(VerifyTest, StatedPassagesAreCheckedWithPaths) {
  report::v1::StatedFigures stated;
  stated.set_fiscal_year(2023);
  stated.set_province_code("BNNP_NTB");
  auto* t = stated.add_texts();
  t->set_where("Ringkasan eksekutif (baris 60)");
  t->set_ikk("IKK-01");
  t->set_text("target 2 kabupaten/kota tercapai sebesar 1 kabupaten/kota (50%).");
  EXPECT_TRUE(CheckStatedFigures(stated, 2023, "BNNP_NTB").ok());
  t->set_ikk("1");
  EXPECT_NE(CheckStatedFigures(stated, 2023, "BNNP_NTB").message().find("stated.texts[0].ikk: \"1\""),
            std::string::npos);
  t->set_ikk("IKK-01");
  t->clear_where();
  EXPECT_NE(CheckStatedFigures(stated, 2023, "BNNP_NTB").message().find("stated.texts[0].where: is required"),
            std::string::npos);
  t->set_where("Ringkasan eksekutif (baris 60)");
  t->set_text(std::string(64 * 1024 + 1, 'a'));
  EXPECT_NE(CheckStatedFigures(stated, 2023, "BNNP_NTB").message().find("stated.texts[0].text: 65537 bytes"),
            std::string::npos);
  t->clear_text();
  EXPECT_NE(CheckStatedFigures(stated, 2023, "BNNP_NTB").message().find("stated.texts[0].text: 0 bytes"),
            std::string::npos);
}

// A passage of the stated document is read as a stored text is, with its IKK given; a
// contradiction names the document and the passage, and no binding is proposed for it (it is
// not a text lkip stores).
TEST(VerifyTest, TheStatedDocumentsPassagesAreReadForTypedFigures) {
  Case c = Inputs();
  c.data.capaian.mutable_indicators(0)->set_unit("Kabupaten/Kota");
  auto* t = c.stated.add_texts();
  t->set_where("Ringkasan eksekutif (baris 60)");
  t->set_ikk("IKK-01");
  t->set_text(
      "- a. Jumlah kabupaten/kota berkategori Tinggi target 2 kabupaten/kota tercapai sebesar 3 "
      "kabupaten/kota (150%).");
  auto* n = c.data.narratives.add_narratives();
  n->set_key("IKK-01.faktor");
  n->set_text("Target 2 kabupaten/kota.");
  const VerifyResult r = Check(c);
  ASSERT_EQ(r.typed.size(), 4u);
  EXPECT_EQ(r.typed_contradicting, 2);  // 3 where the data says 1, and its capaian
  const common::v1::Finding* wrong = FindCode(r, "ANGKA_TEKS_BERTENTANGAN");
  ASSERT_NE(wrong, nullptr);
  EXPECT_EQ(wrong->subject(), "Ringkasan eksekutif (baris 60)");
  EXPECT_EQ(
      wrong->message().rfind("Dokumen LKIP 2023, Ringkasan eksekutif (baris 60) menulis 3 kabupaten/kota", 0),
      0u)
      << wrong->message();
  EXPECT_EQ(wrong->values(1).value(), "1");
  // The stored texts come first: the stored figure agrees and can be bound.
  EXPECT_EQ(r.typed[0].text_key(), "IKK-01.faktor");
  EXPECT_FALSE(r.typed[0].stated());
  EXPECT_EQ(r.typed[0].binding(), "IKK-01.target");
  EXPECT_EQ(r.typed[3].written(), "150%");
  EXPECT_EQ(r.typed[3].ref(), "ikk.IKK-01.capaian");
  EXPECT_EQ(r.typed[3].outcome(), report::v1::TYPED_FIGURE_OUTCOME_CONTRADICTS);
  for (int i = 1; i < 4; ++i) {
    EXPECT_TRUE(r.typed[i].stated());
    EXPECT_EQ(r.typed[i].binding(), "");
  }
  EXPECT_EQ(r.typed[1].outcome(), report::v1::TYPED_FIGURE_OUTCOME_AGREES);
}

}  // namespace
}  // namespace lkip::aggregator
