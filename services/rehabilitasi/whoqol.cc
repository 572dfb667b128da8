#include "services/rehabilitasi/whoqol.h"

#include "absl/strings/str_cat.h"

namespace lkip::rehabilitasi {
namespace {

bool Reversed(int item) { return item == 3 || item == 4 || item == 26; }

const Decimal kFour(4);

}  // namespace

const std::array<std::string, kWhoqolDomains>& WhoqolDomainNames() {
  static const auto* names =
      new std::array<std::string, kWhoqolDomains>{"fisik", "psikologis", "hubungan sosial", "lingkungan"};
  return *names;
}

const std::array<std::vector<int>, kWhoqolDomains>& WhoqolDomainItems() {
  static const auto* items = new std::array<std::vector<int>, kWhoqolDomains>{
      std::vector<int>{3, 4, 10, 15, 16, 17, 18}, std::vector<int>{5, 6, 7, 11, 19, 26},
      std::vector<int>{20, 21, 22}, std::vector<int>{8, 9, 12, 13, 14, 23, 24, 25}};
  return *items;
}

absl::StatusOr<WhoqolScores> ScoreWhoqol(const WhoqolForm& form, const WhoqolRules& rules,
                                         const std::string& path) {
  int missing = 0;
  for (int i = 0; i < kWhoqolItems; ++i) {
    if (!form.items[i]) {
      ++missing;
      continue;
    }
    if (*form.items[i] < 1 || *form.items[i] > 5) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".items[", i, "] (Q", i + 1, "): ", *form.items[i], " is outside 1..5"));
    }
  }
  if (missing > rules.max_missing_items) {
    return absl::InvalidArgumentError(absl::StrCat(path, ".items: ", missing,
                                                   " of 26 items are missing; a form with more than ",
                                                   rules.max_missing_items, " missing items is discarded"));
  }
  WhoqolScores scores;
  for (int d = 0; d < kWhoqolDomains; ++d) {
    Decimal sum;
    int answered = 0;
    for (int item : WhoqolDomainItems()[d]) {
      const auto& answer = form.items[item - 1];
      if (!answer) continue;
      const int value = (Reversed(item) && !form.pre_reversed) ? 6 - *answer : *answer;
      sum = sum + Decimal(value);
      ++answered;
    }
    if (answered < rules.min_answered[d]) continue;  // the domain is not scored
    const Decimal raw = kFour * sum / Decimal(answered);
    scores.raw[d] = raw;
    scores.transformed[d] = (raw - kFour) * Decimal(mpq_class(25, 4));  // x 6,25
  }
  return scores;
}

ImprovementResult ComputeImprovement(const std::vector<WhoqolPair>& clients) {
  ImprovementResult r;
  for (const auto& c : clients) {
    Decimal before, after;
    int domains = 0;
    for (int d = 0; d < kWhoqolDomains; ++d) {
      if (!c.intake.transformed[d] || !c.after.transformed[d]) continue;
      ++domains;
      before = before + *c.intake.transformed[d];
      after = after + *c.after.transformed[d];
      ++r.domain_clients[d];
      if (*c.after.transformed[d] > *c.intake.transformed[d]) ++r.domain_improved[d];
    }
    if (domains == 0) continue;
    ++r.clients;
    // Same number of domains on both sides: comparing sums compares means.
    if (after > before) ++r.improved;
  }
  const Decimal hundred(100);
  if (r.clients > 0) r.percentage = Decimal(r.improved) / Decimal(r.clients) * hundred;
  for (int d = 0; d < kWhoqolDomains; ++d) {
    if (r.domain_clients[d] > 0) {
      r.domain_percentage[d] = Decimal(r.domain_improved[d]) / Decimal(r.domain_clients[d]) * hundred;
    }
  }
  return r;
}

}  // namespace lkip::rehabilitasi
