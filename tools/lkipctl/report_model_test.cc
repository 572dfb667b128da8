// The report's view: every IKK of the PK under its sasaran with the sentence its figures make,
// stored texts as paragraphs, a missing text as a visible placeholder, the budget tables as
// printed; and the HTML template renders it with the placeholder showing.
#include "tools/lkipctl/report_model.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tools/lkipctl/capaian_output.h"
#include "tools/lkipctl/mustache_template.h"

namespace lkip::ctl {
namespace {

ReportInputs Inputs() {
  ReportInputs in;
  in.capaian.set_fiscal_year(2023);
  in.capaian.set_province_code("BNNP_NTB");
  in.capaian.set_province_name("BNNP Nusa Tenggara Barat");
  in.capaian.set_complete(true);
  auto* ind = in.capaian.add_indicators();
  ind->set_code("IKK-12");
  ind->set_sasaran_number(9);
  ind->set_name("Jumlah berkas perkara tindak pidana narkotika yang P-21");
  ind->set_unit("Berkas Perkara");
  ind->mutable_target()->mutable_value()->set_value("12");
  ind->set_available(true);
  ind->mutable_realisasi()->set_value("20");
  ind->set_capaian_available(true);
  ind->mutable_capaian()->set_value("500/3");
  auto* s = in.pk.add_sasaran();
  s->set_number(9);
  s->set_text("Meningkatnya pengungkapan tindak pidana narkotika");
  auto* pki = s->add_indicators();
  pki->set_code("IKK-12");
  pki->set_name("Jumlah berkas perkara tindak pidana narkotika yang P-21");
  pki->set_unit("Berkas Perkara");
  auto* n = in.narratives.add_narratives();
  n->set_key("IKK-12.definisi_operasional");
  n->set_text("Definisi operasional dari jumlah berkas perkara ...\n\nParagraf kedua.");
  auto* total = in.budget.mutable_per_satker()->mutable_total();
  total->mutable_pagu()->set_amount(16468319000);
  total->mutable_realisasi()->set_amount(16375654700);
  total->mutable_sisa()->set_amount(92664300);
  total->mutable_realisasi_percent()->set_value("99.44");
  in.budget_available = true;
  return in;
}

TEST(ReportModelTest, FiguresInSentencesComeFromTheData) {
  const auto view = ReportJson(Inputs());
  const auto& ind = view["sasaran"][0]["indicators"][0];
  EXPECT_EQ(ind["kalimat_capaian"],
            "Dari target yang ditetapkan dalam perjanjian kinerja sebesar 12 Berkas Perkara, terealisasi 20 Berkas "
            "Perkara atau capaian 166,67%.");
  EXPECT_EQ(view["anggaran"]["kalimat"],
            "Pagu anggaran BNNP Nusa Tenggara Barat beserta BNNK jajarannya tahun 2023 sebesar Rp16.468.319.000 dengan "
            "realisasi sebesar Rp16.375.654.700 (99,44%), sisa anggaran Rp92.664.300.");
  EXPECT_EQ(view["n_ikk"], 1);
}

TEST(ReportModelTest, ComparisonWordsFollowTheFigures) {
  auto in = Inputs();
  auto* c = in.comparisons.add_comparisons();
  c->set_code("IKK-12");
  c->mutable_previous_value()->set_value("19");
  c->set_previous_source("LKIP 2022");
  c->set_national_label("Indeks X");
  c->mutable_national_value()->set_value("52.7");
  c->mutable_province_value()->set_value("53.64");
  c->set_national_source("tabel nasional");
  auto view = ReportJson(in);
  const auto& p = view["sasaran"][0]["indicators"][0]["perbandingan"];
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0], "Dibandingkan tahun 2022 sebesar 19 Berkas Perkara, realisasi tahun 2023 sebesar 20 Berkas Perkara "
                  "meningkat (sumber nilai 2022: LKIP 2022).");
  EXPECT_EQ(p[1], "Nilai Indeks X provinsi sebesar 53,64, lebih tinggi dari nilai nasional sebesar 52,7 (sumber: tabel "
                  "nasional).");
  c->mutable_previous_value()->set_value("20");
  c->mutable_province_value()->set_value("50");
  view = ReportJson(in);
  EXPECT_NE(view["sasaran"][0]["indicators"][0]["perbandingan"][0].get<std::string>().find(" tetap "), std::string::npos);
  EXPECT_NE(view["sasaran"][0]["indicators"][0]["perbandingan"][1].get<std::string>().find("lebih rendah dari"),
            std::string::npos);
}

TEST(ReportModelTest, StoredTextsAreParagraphsAndMissingOnesPlaceholders) {
  const auto view = ReportJson(Inputs());
  const auto& awal = view["sasaran"][0]["indicators"][0]["teks_awal"];
  const auto& akhir = view["sasaran"][0]["indicators"][0]["teks_akhir"];
  ASSERT_EQ(awal.size(), 2u);
  ASSERT_EQ(akhir.size(), 3u);
  EXPECT_FALSE(awal[0]["missing"].get<bool>());
  EXPECT_EQ(awal[0]["paragraphs"].size(), 2u);
  EXPECT_TRUE(akhir[1]["missing"].get<bool>());
  EXPECT_EQ(akhir[1]["placeholder"], "[Belum diisi: hambatan IKK-12]");
  EXPECT_TRUE(view["kata_pengantar"]["missing"].get<bool>());

  std::ifstream f(LKIP_SOURCE_DIR "/tools/lkipctl/templates/lkip.html.mustache");
  std::stringstream tmpl;
  tmpl << f.rdbuf();
  auto html = RenderTemplate(view, tmpl.str());
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_NE(html->find("<p class=\"placeholder\">[Belum diisi: hambatan IKK-12]</p>"), std::string::npos);
  EXPECT_NE(html->find("<p class=\"placeholder\">[Belum diisi: kata pengantar]</p>"), std::string::npos);
  EXPECT_NE(html->find("<p>Paragraf kedua.</p>"), std::string::npos);
  EXPECT_NE(html->find("<th class=\"num\">16.468.319.000</th>"), std::string::npos) << "budget total row";
}

// The view converted with only the names the shipped templates use renders exactly what the
// whole view renders.
TEST(ReportModelTest, TemplatesRenderTheSameFromTheViewTheyName) {
  const auto view = ReportJson(Inputs());
  for (const char* name : {"lkip.html.mustache", "lkip.md.mustache"}) {
    std::ifstream f(std::string(LKIP_SOURCE_DIR "/tools/lkipctl/templates/") + name);
    std::stringstream text;
    text << f.rdbuf();
    auto tmpl = MustacheTemplate::Parse(text.str());
    ASSERT_TRUE(tmpl.ok()) << tmpl.status();
    EXPECT_FALSE(tmpl->names().Has("capaian_exact")) << name;
    auto named = tmpl->Render(MustacheView(view, tmpl->names()));
    auto whole = tmpl->Render(MustacheView(view));
    ASSERT_TRUE(named.ok() && whole.ok());
    EXPECT_GT(named->size(), 1000u);
    EXPECT_EQ(*named, *whole) << name;
  }
}

TEST(ReportModelTest, UnavailableBudgetMakesTheReportPartial) {
  auto in = Inputs();
  in.budget_available = false;
  const auto view = ReportJson(in);
  EXPECT_FALSE(view["complete"].get<bool>());
  EXPECT_FALSE(view.contains("anggaran"));
}

TEST(ReportModelTest, RingkasanGroupsIkkByBidangAndBabIvNamesTheBudgetScores) {
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

  const auto view = ReportJson(in);
  const auto& r = view["ringkasan"];
  EXPECT_EQ(r["program"], nlohmann::ordered_json::array({"Dukungan Manajemen"}));
  ASSERT_EQ(r["bidang"].size(), 2u);
  EXPECT_EQ(r["bidang"][0]["label"], "Bidang Pemberantasan");
  EXPECT_EQ(r["bidang"][0]["ikk"][0],
            "Jumlah berkas perkara tindak pidana narkotika yang P-21: target 12 Berkas Perkara, tercapai 20 Berkas "
            "Perkara (capaian 166,67%).");
  EXPECT_EQ(r["bidang"][1]["label"], "Bagian Umum");
  const auto& kinerja = view["bab4"]["kinerja_anggaran"];
  ASSERT_EQ(kinerja.size(), 2u);
  EXPECT_EQ(kinerja[0], view["anggaran"]["kalimat"]);
  EXPECT_EQ(kinerja[1], "Nilai Kinerja Anggaran BNN pada BNNP Nusa Tenggara Barat tahun 2023 sebesar 87,93 dengan kategori "
                        "\"Baik\" (sumber: SMART 2023).");
}

}  // namespace
}  // namespace lkip::ctl
