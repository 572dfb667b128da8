// FoldForSearch against a plain restatement of its contract (letters and digits lowercased, every
// other run one space, a space at each end) over random bytes, UTF-8 and control characters
// included: the table-driven fold must give the same text.
#include "common/validation/fields.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"

namespace lkip {
namespace {

std::string FoldedByTheContract(const std::string& text) {
  std::string out = " ";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u)) {
      out += absl::ascii_tolower(u);
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

TEST(FoldForSearchTest, ExamplesFromTheVerifier) {
  EXPECT_EQ(FoldForSearch("PMK 214/PMK.02/2017"), " pmk 214 pmk 02 2017 ");
  EXPECT_EQ(FoldForSearch(""), " ");
  EXPECT_EQ(FoldForSearch("--"), " ");
  EXPECT_EQ(FoldForSearch("Rehabilitasi\xC2\xA0Medis"), " rehabilitasi medis ");
}

TEST(FoldForSearchTest, SameAsTheContractOnRandomBytes) {
  std::mt19937 rng(20261205);
  const std::string alphabet = "aZ09 .,/-\t\n\x7F\xC3\xA9\xE2\x80\x94";
  for (int round = 0; round < 2000; ++round) {
    std::string text(rng() % 40, ' ');
    for (char& c : text) {
      c = (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    ASSERT_EQ(FoldForSearch(text), FoldedByTheContract(text)) << absl::CEscape(text);
  }
}

}  // namespace
}  // namespace lkip
