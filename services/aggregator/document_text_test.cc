// What a reader of the example's document reads: the example (its records, written texts and
// comparison values) rendered by the aggregator, lkip.html's visible text and lkip.md searched for
// what must never reach a reader: the rules' internal markers and versions, keys and identifiers,
// English, Markdown left unrendered, points with two markers, a source repeated per sentence.
// Each check also asserts what should be there, so none passes on an empty document.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/numeric/rounded_text.h"
#include "re2/re2.h"
#include "services/aggregator/suite_fixture.h"

namespace lkip::aggregator {
namespace {

using testing::Context;

// The text a reader sees: no styles, charts or tags, entities decoded.
std::string VisibleText(std::string html) {
  for (const auto& [open, close] : {std::pair{"<style", "</style>"}, std::pair{"<svg", "</svg>"}}) {
    for (size_t at; (at = html.find(open)) != std::string::npos;) {
      const size_t end = html.find(close, at);
      html.erase(at, end == std::string::npos ? std::string::npos : end + std::string(close).size() - at);
    }
  }
  std::string text;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') {
      in_tag = false;
      text += ' ';
    }
  }
  return absl::StrReplaceAll(
      text, {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}});
}

// Every match of `pattern` in `text`, with 50 characters around it, for the failure message.
std::vector<std::string> Matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const RE2 re(absl::StrCat("(", pattern, ")"));
  EXPECT_TRUE(re.ok()) << pattern;
  re2::StringPiece rest(text), match;
  while (!rest.empty() && RE2::FindAndConsume(&rest, re, &match)) {
    const size_t at = static_cast<size_t>(match.data() - text.data());
    out.push_back(text.substr(at > 50 ? at - 50 : 0, match.size() + 100));
    if (match.empty()) rest.remove_prefix(1);
  }
  return out;
}

// The documents of the example with `bundles` imported in their place (a changed copy of the
// published bundle, the raw DIPA), rendered as HTML, Markdown and JSON: {file name, content}.
std::map<std::string, std::string> RenderedWith(
    std::initializer_list<report::v1::ImportBundleRequest> bundles) {
  testing::SuiteFixture suite;
  std::map<std::string, std::string> out;
  for (const auto& bundle : bundles) {
    report::v1::ImportBundleResponse imported;
    grpc::Status s = suite.reports().ImportBundle(Context("admin").get(), bundle, &imported);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) return out;
  }
  report::v1::RenderReportResponse rendered;
  grpc::Status s = suite.RenderExample(
      {report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_MD, report::v1::DOCUMENT_FORMAT_JSON},
      &rendered);
  EXPECT_TRUE(s.ok()) << s.error_message();
  for (const auto& f : rendered.files()) out[f.name()] = f.content();
  return out;
}

class DocumentTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::Status s = suite_.ImportExample();
    ASSERT_TRUE(s.ok()) << s.error_message();
    // Its DIPA and realisasi (the published bundle has none), as the demo imports them.
    report::v1::ImportBundleResponse imported;
    s = suite_.reports().ImportBundle(Context("admin").get(),
                                      testing::SuiteFixture::RawBundle("keuangan.json"), &imported);
    ASSERT_TRUE(s.ok()) << s.error_message();
    s = suite_.PutExampleTexts();
    ASSERT_TRUE(s.ok()) << s.error_message();
    report::v1::RenderReportResponse rendered;
    s = suite_.RenderExample({report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_MD}, &rendered);
    ASSERT_TRUE(s.ok()) << s.error_message();
    for (const auto& f : rendered.files()) {
      if (f.name() == "lkip.html") html_ = f.content();
      if (f.name() == "lkip.md") md_ = f.content();
    }
    ASSERT_FALSE(html_.empty());
    ASSERT_FALSE(md_.empty());
    text_ = VisibleText(html_);
  }

  testing::SuiteFixture suite_;
  std::string html_, md_, text_;
};

TEST_F(DocumentTextTest, NoInternalMarkersKeysOrEnglish) {
  // The unverified rules are listed on the draft's first page, in words.
  EXPECT_NE(text_.find("Aturan belum terverifikasi: IKK-13: N = 100 / (1 + a + b + c)"), std::string::npos);
  for (const char* pattern : {
           R"(\[default\])",                       // the rule book's marker
           R"(domain-rules|§)",                    // the rule book itself
           R"(\b[a-z][a-z0-9]*_[a-z0-9_]+\b)",     // keys and ids: tempat_tanggal, nilai_zi
           R"(\bbab[0-9]\.|\bIKK-[0-9]+\.[a-z])",  // narrative keys
           R"(\d{4}\.\d+-[a-z]+)",                 // a rule set's version (2023.1-mentah)
           R"(\b(the|not|no|recorded|values|measure|failed|UNAVAILABLE|DEADLINE_EXCEEDED)\b)",
       }) {
    EXPECT_EQ(Matches(text_, pattern), std::vector<std::string>{}) << pattern;
  }
}

TEST_F(DocumentTextTest, WrittenTextsAreRenderedNotPrintedAsMarkdown) {
  // What the example's texts hold, as HTML: emphasis, numbered lists, points with one marker.
  EXPECT_NE(html_.find("<strong>Self Regulation</strong>"), std::string::npos);
  EXPECT_NE(html_.find("<li>Undang-Undang Nomor 35 Tahun 2009 tentang Narkotika.</li>"), std::string::npos);
  EXPECT_NE(html_.find("<p>b.1 <strong>Self Regulation</strong>"), std::string::npos);
  for (const char* pattern : {R"(\*\*|>>>|\]\()", R"((^|\n)\s*[-*•] )"}) {
    EXPECT_EQ(Matches(text_, pattern), std::vector<std::string>{}) << pattern;
  }
  // lkip.md keeps Markdown, but no point carries a bullet and its own number.
  EXPECT_NE(md_.find("**Self Regulation**"), std::string::npos);
  EXPECT_EQ(Matches(md_, R"((^|\n) *[-*] +([0-9]{1,3}|[a-z])(\.[0-9]+)*\.? )"), std::vector<std::string>{});
  EXPECT_EQ(Matches(md_, ">>>"), std::vector<std::string>{});
}

TEST_F(DocumentTextTest, ComparisonSourcesAreListedOnceNotPerSentence) {
  EXPECT_GE(Matches(text_, "Dibandingkan tahun 2022").size(), 10u);
  EXPECT_EQ(
      Matches(text_, R"(Dibandingkan tahun 2022[^\n]*\(sumber|nilai nasional sebesar [0-9.,]+ \(sumber)"),
      std::vector<std::string>{});
  const auto listed = Matches(text_, "Sumber nilai pembanding:");
  ASSERT_EQ(listed.size(), 1u);
  // Each source once, with the IKK that use it.
  EXPECT_EQ(Matches(text_, R"(Nilai tahun 2022 \(IKK-01, IKK-02, [^)]*\): contoh lkip)").size(), 1u) << text_;
  EXPECT_EQ(Matches(text_, R"(Nilai nasional \(IKK-[^)]*\): contoh lkip)").size(), 1u);
}

// Lampiran 2 prints the Perjanjian Kinerja's own kegiatan budgets beside the DIPA's pagu, and
// their difference, instead of the DIPA alone.
TEST_F(DocumentTextTest, LampiranKegiatanShowsThePksBudgetsBesideTheDipa) {
  EXPECT_NE(html_.find("<th>Anggaran PK</th><th>Pagu DIPA</th><th>Selisih</th>"), std::string::npos);
  // Pengelolaan Informasi dan Edukasi: Rp403.000.000 in the PK (the seed's Lampiran I).
  EXPECT_EQ(Matches(text_, R"(Pengelolaan Informasi dan Edukasi\s+403\.000\.000\s)").size(), 1u);
  EXPECT_EQ(
      Matches(text_, "Anggaran kegiatan dalam Perjanjian Kinerja berjumlah Rp16\\.134\\.545\\.000").size(),
      1u)
      << text_.substr(text_.find("Lampiran 2"), 600);
}

// Each per-satker table prints every satker's own PK target and its capaian, and a TOTAL row
// naming the rule that makes the IKK's realisasi from the rows, with the IKK's figures.
TEST_F(DocumentTextTest, SatkerTablesCarryTargetsCapaianAndATotalRow) {
  EXPECT_GE(
      Matches(html_, R"(<th>Satker</th><th>Target</th><th>Realisasi</th><th>Capaian \(%\)</th>)").size(),
      10u);
  // IKK-07: BNN Kota Mataram trained 10 officers against its own target of 5; the province 64
  // against 50, the sum of the rows.
  EXPECT_EQ(Matches(text_, R"(BNN Kota Mataram\s+5\s+10\s+200,00\s)").size(), 1u)
      << text_.substr(text_.find("IKK-07"), 1500);
  EXPECT_EQ(Matches(text_, R"(TOTAL \(jumlah\)\s+50\s+64\s+128,00\s)").size(), 1u);
  // IKK-01: the TOTAL row is a count of kabupaten/kota, not a sum of the index values above it.
  EXPECT_EQ(Matches(text_, R"(TOTAL \(jumlah [^)]*berkategori "Tinggi"\)\s+2\s+3\s+150,00\s)").size(), 1u);
  EXPECT_NE(md_.find("| Satker | Target | Realisasi | Capaian (%) | Kategori |"), std::string::npos);
}

// A BNNK without a value (the example without Bima's Dektari) is listed in IKK-01's table as
// without a value, named in the count's computation, and a finding of the report says it was not
// counted: missing data is never silent.
TEST(DocumentMissingDataTest, ABnnkWithoutAValueIsListedNamedAndFound) {
  report::v1::ImportBundleRequest bundle = testing::SuiteFixture::ExampleBundle();
  auto* values = bundle.mutable_bundle()->mutable_satker_values();
  const auto before = values->size();
  values->erase(std::remove_if(
                    values->begin(), values->end(),
                    [](const auto& v) { return v.measure() == "dektari" && v.satker_code() == "BNNK_BIMA"; }),
                values->end());
  ASSERT_EQ(values->size(), before - 1);
  auto files = RenderedWith({bundle});
  const std::string text = VisibleText(files["lkip.html"]), json = files["lkip.json"];
  // Its own target stays on the row; without a value it has no capaian.
  EXPECT_EQ(Matches(text, R"(BNN Kabupaten Bima\s+51,00\s+belum ada nilai\s+TOTAL)").size(), 1u)
      << text.substr(text.find("BNN Kabupaten Bima"), 200);
  EXPECT_EQ(Matches(text, R"(tidak dihitung: BNN Kabupaten Bima)").size(), 1u);
  // The finding, on the row and among the report's (lkip.json, verify): a WARNING, not an
  // obstacle to the final document.
  EXPECT_EQ(Matches(json, R"(BNN Kabupaten Bima belum mempunyai nilai Indeks Ketahanan Diri)").size(), 2u);
  EXPECT_EQ(Matches(json, R"("subject": "IKK-01 BNNK_BIMA")").size(), 1u);
}

// A PK that states IKK-12's Renstra target and links two kegiatan to it: IKK-12's section says
// the realisasi against the plan's target and tables those kegiatan's budget, whose TOTAL is the
// sum of their lines in Lampiran 2's DIPA columns.
TEST(DocumentAnalysisTest, RenstraAndTheKegiatanOfAnIkk) {
  report::v1::ImportBundleRequest bundle = testing::SuiteFixture::ExampleBundle();
  auto* pk = bundle.mutable_bundle()->mutable_perjanjian_kinerja();
  for (auto& s : *pk->mutable_sasaran()) {
    for (auto& ind : *s.mutable_indicators()) {
      if (ind.code() != "IKK-12") continue;
      ind.mutable_renstra()->set_period("2020-2024");
      ind.mutable_renstra()->mutable_target()->set_value("30");
    }
  }
  for (auto& k : *pk->mutable_kegiatan()) {
    if (k.kegiatan_code() == "penyidikan-jaringan" || k.kegiatan_code() == "intelijen-teknologi")
      k.add_ikk_codes("IKK-12");
  }
  auto files = RenderedWith({bundle, testing::SuiteFixture::RawBundle("keuangan.json")});
  const std::string text = VisibleText(files["lkip.html"]), md = files["lkip.md"];
  EXPECT_EQ(
      Matches(text,
              R"(Target jangka menengah IKK-12 dalam Renstra 2020-2024 sebesar 30 Berkas Perkara; )"
              R"(realisasi tahun 2023 sebesar \d+ Berkas Perkara atau \d+,\d\d% dari target akhir Renstra\.)")
          .size(),
      1u);
  // The two kegiatan's DIPA lines as Lampiran 2 prints them (pagu, realisasi), and their sum.
  auto lampiran_line = [&](const std::string& label) {
    std::string pagu, realisasi;
    const RE2 line(label + R"(\s+[\d.]+\s+([\d.]+)\s+-?[\d.]+\s+([\d.]+)\s)");
    EXPECT_TRUE(RE2::PartialMatch(text.substr(text.rfind("Lampiran 2")), line, &pagu, &realisasi)) << label;
    return std::pair{std::stoll(absl::StrReplaceAll(pagu, {{".", ""}})),
                     std::stoll(absl::StrReplaceAll(realisasi, {{".", ""}}))};
  };
  const auto [pagu_1, realisasi_1] = lampiran_line("Penyidikan Jaringan Peredaran Gelap Narkotika");
  const auto [pagu_2, realisasi_2] = lampiran_line("Pelaksanaan Intelijen Berbasis Teknologi");
  ASSERT_GT(pagu_1 + pagu_2, 0);
  const std::string table = text.substr(text.find("Anggaran kegiatan pendukung IKK-12 Tahun 2023"), 600);
  EXPECT_EQ(
      Matches(table, absl::StrCat(R"(TOTAL\s+)", RE2::QuoteMeta(IntegerIndonesian(pagu_1 + pagu_2)), R"(\s+)",
                                  RE2::QuoteMeta(IntegerIndonesian(realisasi_1 + realisasi_2)), R"(\s)"))
          .size(),
      1u)
      << table;
  EXPECT_EQ(
      Matches(text, R"(Anggaran 2 kegiatan yang mendukung IKK-12 menurut Perjanjian Kinerja terealisasi Rp)")
          .size(),
      1u);
  EXPECT_EQ(Matches(md, R"(\*\*Tabel \d+\. Anggaran kegiatan pendukung IKK-12 Tahun 2023\*\*)").size(), 1u);
}

}  // namespace
}  // namespace lkip::aggregator
