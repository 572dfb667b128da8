// WHOQOL-BREF scoring (domain-rules §6.1, WHO's scoring syntax): 26 items scored 1..5; Q3, Q4
// and Q26 reversed (6 - x) unless the form was printed pre-reversed; four domains, each
// raw = 4 x mean of its answered items (4..20) and transformed = (raw - 4) x 6,25 (0..100).
// A form with more than 5 missing items is discarded; a domain needs a minimum of answered
// items (6/7, 5/6, 2/3, 6/8 by default). Pure: no I/O.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"

namespace lkip::rehabilitasi {

inline constexpr int kWhoqolItems = 26;
inline constexpr int kWhoqolDomains = 4;

enum WhoqolDomain { kPhysical = 0, kPsychological = 1, kSocial = 2, kEnvironment = 3 };
const std::array<std::string, kWhoqolDomains>& WhoqolDomainNames();
// The 1-based item numbers of each domain.
const std::array<std::vector<int>, kWhoqolDomains>& WhoqolDomainItems();

struct WhoqolForm {
  std::array<std::optional<int>, kWhoqolItems> items;  // items[0] is Q1; nullopt: missing
  bool pre_reversed = false;                           // Q3, Q4, Q26 already reversed on paper
};

struct WhoqolRules {
  int max_missing_items = 5;
  std::array<int, kWhoqolDomains> min_answered = {6, 5, 2, 6};
};

struct WhoqolScores {
  std::array<std::optional<Decimal>, kWhoqolDomains> raw;  // nullopt: too few items
  std::array<std::optional<Decimal>, kWhoqolDomains> transformed;
};

// INVALID_ARGUMENT naming `path` + ".items[i]" for an answer outside 1..5, and the form's
// discard reason (how many items are missing) when more than max_missing_items are missing.
absl::StatusOr<WhoqolScores> ScoreWhoqol(const WhoqolForm& form, const WhoqolRules& rules,
                                         const std::string& path);

// One client's intake and after-rehabilitation scores.
struct WhoqolPair {
  WhoqolScores intake;
  WhoqolScores after;
};

struct ImprovementResult {
  int clients = 0;  // clients with both assessments and a comparable mean
  int improved = 0;
  std::optional<Decimal> percentage;  // nullopt when no client is comparable
  std::array<int, kWhoqolDomains> domain_clients{};
  std::array<int, kWhoqolDomains> domain_improved{};
  std::array<std::optional<Decimal>, kWhoqolDomains> domain_percentage;
};

// A client improved when the mean transformed score (over the domains scored in both
// assessments) after rehabilitation exceeds the one at intake [default, domain-rules §6.1];
// per domain, when that domain's transformed score rose.
ImprovementResult ComputeImprovement(const std::vector<WhoqolPair>& clients);

}  // namespace lkip::rehabilitasi
