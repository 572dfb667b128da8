// Survei Kepuasan Masyarakat (PermenPANRB 14/2017, domain-rules §6.2): nine service elements,
// each answered 1..4 per questionnaire. NRR per element = mean over the questionnaires that
// answered it; index = sum of NRR x weight; converted = index x 25. Pure: no I/O.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"

namespace lkip::rehabilitasi {

inline constexpr int kSkmElements = 9;

// The element names, in the regulation's order (for messages and reports).
const std::array<std::string, kSkmElements>& SkmElementNames();

struct SkmQuestionnaire {
  std::array<std::optional<int>, kSkmElements> answers;  // nullopt: not answered
};

enum class SkmWeight {
  kExactNinth,  // 1/9: the index is the mean NRR
  kRounded011,  // 0,11: the rounded weight of the regulation's worked example
};

struct SkmResult {
  std::array<Decimal, kSkmElements> nrr;
  std::array<int, kSkmElements> answered{};
  Decimal index;      // on the 1..4 scale
  Decimal converted;  // index x 25, on the 25..100 scale
  int questionnaires = 0;
};

// INVALID_ARGUMENT naming `path` + ".answers[i]" (and the element) for an answer outside 1..4,
// or for a questionnaire without any answer.
absl::Status ValidateSkmQuestionnaire(const SkmQuestionnaire& q, const std::string& path);

// FAILED_PRECONDITION when an element has no answer at all (its NRR is undefined).
absl::StatusOr<SkmResult> ComputeSkm(const std::vector<SkmQuestionnaire>& questionnaires, SkmWeight weight);

// The index and converted value from the nine NRR (the regulation's worked example form).
SkmResult SkmFromNrr(const std::array<Decimal, kSkmElements>& nrr, SkmWeight weight);

}  // namespace lkip::rehabilitasi
