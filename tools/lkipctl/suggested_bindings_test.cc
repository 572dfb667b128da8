#include "tools/lkipctl/suggested_bindings.h"

#include <gtest/gtest.h>

namespace lkip::ctl {
namespace {

aggregator::v1::GetNarrativesResponse Stored(const std::vector<std::pair<std::string, std::string>>& texts) {
  aggregator::v1::GetNarrativesResponse out;
  for (const auto& [key, text] : texts) {
    auto* n = out.add_narratives();
    n->set_key(key);
    n->set_text(text);
  }
  return out;
}

// A check of the number `number` in `text`, as the verifier reports it.
report::v1::TypedFigureCheck Check(const std::string& key, const std::string& text, const std::string& number,
                                   const std::string& written, report::v1::TypedFigureOutcome outcome,
                                   const std::string& binding) {
  report::v1::TypedFigureCheck c;
  c.set_text_key(key);
  const size_t at = text.find(number);
  c.set_begin(static_cast<uint32_t>(at));
  c.set_end(static_cast<uint32_t>(at + number.size()));
  c.set_written(written);
  c.set_outcome(outcome);
  c.set_binding(binding);
  return c;
}

TEST(SuggestedBindingsTest, AgreeingFiguresAreReplacedByTheirRefAndNothingElseChanges) {
  const std::string kesimpulan = "Pagu Rp16.468.319.000 terealisasi Rp16.375.654.700 (99,44%) pada 2023.";
  const std::string faktor = "Terealisasi 20 berkas perkara; 2 berkas perkara di tahun 2022.";
  const auto stored = Stored(
      {{"kata_pengantar", "Tanpa angka."}, {"bab4.kesimpulan", kesimpulan}, {"IKK-12.faktor", faktor}});
  report::v1::VerifyReportResponse verified;
  // In the verifier's order; the rupiah's unit stays outside the bound number.
  *verified.add_typed_figures() = Check("bab4.kesimpulan", kesimpulan, "16.468.319.000", "Rp16.468.319.000",
                                        report::v1::TYPED_FIGURE_OUTCOME_AGREES, "anggaran.total.pagu");
  *verified.add_typed_figures() = Check("bab4.kesimpulan", kesimpulan, "16.375.654.700", "Rp16.375.654.700",
                                        report::v1::TYPED_FIGURE_OUTCOME_AGREES, "anggaran.total.realisasi");
  // Agrees, but a ref would print it differently: left as typed.
  *verified.add_typed_figures() =
      Check("bab4.kesimpulan", kesimpulan, "99,44", "99,44%", report::v1::TYPED_FIGURE_OUTCOME_AGREES, "");
  *verified.add_typed_figures() = Check("IKK-12.faktor", faktor, "20", "20 berkas",
                                        report::v1::TYPED_FIGURE_OUTCOME_AGREES, "IKK-12.realisasi");
  *verified.add_typed_figures() =
      Check("IKK-12.faktor", faktor, "2 ", "2 berkas", report::v1::TYPED_FIGURE_OUTCOME_UNTIED, "");

  auto suggested = SuggestBindings(stored, verified);
  ASSERT_TRUE(suggested.ok()) << suggested.status();
  EXPECT_EQ(suggested->bound, 3);
  EXPECT_EQ(suggested->agreeing, 4);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"kata_pengantar", "Tanpa angka."},
      {"bab4.kesimpulan",
       "Pagu Rp{{anggaran.total.pagu}} terealisasi Rp{{anggaran.total.realisasi}} (99,44%) pada 2023."},
      {"IKK-12.faktor", "Terealisasi {{IKK-12.realisasi}} berkas perkara; 2 berkas perkara di tahun 2022."}};
  EXPECT_EQ(suggested->texts, expected);
  EXPECT_EQ(suggested->changes,
            (std::vector<std::string>{"bab4.kesimpulan: 16.468.319.000 -> {{anggaran.total.pagu}}",
                                      "bab4.kesimpulan: 16.375.654.700 -> {{anggaran.total.realisasi}}",
                                      "IKK-12.faktor: 20 -> {{IKK-12.realisasi}}"}));
}

TEST(SuggestedBindingsTest, TextsChangedSinceTheyWereVerifiedAreRefused) {
  const std::string faktor = "Terealisasi 20 berkas perkara.";
  report::v1::VerifyReportResponse verified;
  *verified.add_typed_figures() = Check("IKK-12.faktor", faktor, "20", "20 berkas",
                                        report::v1::TYPED_FIGURE_OUTCOME_AGREES, "IKK-12.realisasi");

  auto edited =
      SuggestBindings(Stored({{"IKK-12.faktor", "Sudah terealisasi 20 berkas perkara."}}), verified);
  EXPECT_EQ(edited.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(edited.status().message().find("IKK-12.faktor: \"20 berkas\" is no longer at byte 13"),
            std::string::npos)
      << edited.status();
  auto shortened = SuggestBindings(Stored({{"IKK-12.faktor", "20"}}), verified);
  EXPECT_EQ(shortened.status().code(), absl::StatusCode::kFailedPrecondition);
  auto removed = SuggestBindings(Stored({{"IKK-12.hambatan", faktor}}), verified);
  EXPECT_EQ(removed.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(removed.status().message().find("IKK-12.faktor was verified but is no longer stored"),
            std::string::npos);
  // As verified, it binds.
  EXPECT_TRUE(SuggestBindings(Stored({{"IKK-12.faktor", faktor}}), verified).ok());
}

}  // namespace
}  // namespace lkip::ctl
