// Figures bound in texts: refs found with their shorthands, checked against the grammar and the
// known codes when stored, printed from the data in the report's format, and a ref the data does
// not hold printed as a gap and reported by the verifier as an ERROR.
#include "services/aggregator/report/bound_figures.h"

#include <gtest/gtest.h>

#include "services/aggregator/report/example_inputs.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {
namespace {

TEST(BoundFiguresTest, RefsAreFoundWithTheirShorthandsExpanded) {
  auto refs = FindBoundRefs(
      "Realisasi {{IKK-12.realisasi}} dari {{ ikk.IKK-12.target }}; {{IKK-12.satker.BNNK_BIMA}}.");
  ASSERT_TRUE(refs.ok()) << refs.status();
  ASSERT_EQ(refs->size(), 3u);
  EXPECT_EQ((*refs)[0].ref, "ikk.IKK-12.realisasi");
  EXPECT_EQ((*refs)[0].begin, 10u);
  EXPECT_EQ((*refs)[0].end, 30u);
  EXPECT_EQ((*refs)[1].ref, "ikk.IKK-12.target");
  EXPECT_EQ((*refs)[2].ref, "ikk.IKK-12.satker.BNNK_BIMA.value");
  EXPECT_TRUE(FindBoundRefs("Tanpa acuan.")->empty());
  EXPECT_NE(FindBoundRefs("Angka {{IKK-12.realisasi tanpa penutup").status().message().find("byte 7"),
            std::string::npos);
  EXPECT_FALSE(FindBoundRefs("Angka {{IKK-12.realisasi\n}}").ok());
  EXPECT_FALSE(FindBoundRefs("Angka {{ }}").ok());
}

TEST(BoundFiguresTest, ARefMustBeOfTheGrammarAndNameKnownCodes) {
  const RefNames names{[](const std::string& c) { return c == "IKK-12"; },
                       [](const std::string& c) { return c == "BNNK_BIMA"; }};
  for (const char* ok : {"{{IKK-12.realisasi}}", "{{ikk.IKK-12.capaian}}", "{{IKK-12.satker.BNNK_BIMA}}",
                         "{{IKK-12.satker.BNNK_BIMA.target}}", "{{anggaran.total.pagu}}",
                         "{{anggaran.kegiatan.P4GN/advokasi.realisasi}}", "{{jumlah.ikk}}",
                         "{{pita.S1.2.persen}}", "{{IKK-12.nasional.nilai}}", "Tanpa acuan"}) {
    EXPECT_TRUE(CheckBoundRefs("narratives[0].text", ok, names).ok()) << ok;
  }
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {"Realisasi {{IKK-99.realisasi}}.",
            "narratives[0].text: {{IKK-99.realisasi}}: \"IKK-99\" is not an IKK of the rule set"},
           {"{{IKK-12.satker.BNNK_XYZ}}",
            "narratives[0].text: {{IKK-12.satker.BNNK_XYZ}}: \"BNNK_XYZ\" is not a satker of the province"},
           {"{{IKK-12.realisasii}}", "narratives[0].text: {{IKK-12.realisasii}}: is not a figure lkip knows"},
           {"{{anggaran.total}}", "narratives[0].text: {{anggaran.total}}: is not a figure lkip knows"},
           {"{{jumlah_ikk}}", "narratives[0].text: {{jumlah_ikk}}: is not a figure lkip knows"},
           {"Angka {{IKK-12.realisasi", "narratives[0].text: \"{{\" at byte 7 has no \"}}\" on its line"},
       }) {
    absl::Status s = CheckBoundRefs("narratives[0].text", text, names);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_NE(s.message().find(message), std::string::npos) << s;
  }
}

TEST(BoundFiguresTest, TheReportPrintsTheDataAndAGapIsAnError) {
  ReportInputs in = ExampleReportInputs();
  auto* n = in.narratives.add_narratives();
  n->set_key("IKK-12.faktor");
  n->set_text(
      "Realisasi {{IKK-12.realisasi}} berkas dari target {{ikk.IKK-12.target}} ({{IKK-12.capaian}}%); pagu "
      "Rp{{anggaran.total.pagu}} terserap {{anggaran.total.persen}}%, dalam {{jumlah.ikk}} IKK.\n\n"
      "Bima: {{IKK-12.satker.BNNK_BIMA}}.");
  report::v1::Report report = BuildReport(in);
  const rules::v1::RuleSet rules;
  const VerifyInputs verify{in, report, rules};
  const std::vector<UnboundRef> unbound = BindTexts(verify, &report);
  const report::v1::Text* faktor = nullptr;
  for (const auto& t : report.sasaran(0).indicators(0).teks_akhir()) {
    if (t.key() == "IKK-12.faktor") faktor = &t;
  }
  ASSERT_NE(faktor, nullptr);
  ASSERT_EQ(faktor->paragraphs_size(), 2);
  EXPECT_EQ(
      faktor->paragraphs(0),
      "Realisasi 20 berkas dari target 12 (166,67%); pagu Rp16.468.319.000 terserap 99,44%, dalam 1 IKK.");
  EXPECT_EQ(faktor->paragraphs(1), "Bima: [belum ada data: ikk.IKK-12.satker.BNNK_BIMA.value].");
  ASSERT_EQ(unbound.size(), 1u);
  EXPECT_EQ(unbound[0].text_key, "IKK-12.faktor");

  const VerifyResult result = Verify(verify);
  int errors = 0;
  for (const auto& f : result.findings) {
    if (f.code() != "ACUAN_ANGKA_TANPA_DATA") continue;
    ++errors;
    EXPECT_EQ(f.severity(), common::v1::SEVERITY_ERROR);
    EXPECT_EQ(f.subject(), "IKK-12.faktor");
    EXPECT_NE(f.message().find("{{ikk.IKK-12.satker.BNNK_BIMA.value}}"), std::string::npos) << f.message();
  }
  EXPECT_EQ(errors, 1);
}

}  // namespace
}  // namespace lkip::aggregator
