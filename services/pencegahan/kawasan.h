// Kawasan rawan (domain-rules §5.4): the dated status history of vulnerable areas, the count
// of IKK-04 (areas whose status moved from one named status to another within the fiscal year)
// with every transition that does not match reported instead of counted, and IKKR from the
// seven aspects scored 1..4 by several respondents. Pure: no I/O.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"

namespace lkip::pencegahan {

// Worst to best.
enum class KawasanStatus { kBahaya = 0, kWaspada = 1, kSiaga = 2, kAman = 3 };
absl::StatusOr<KawasanStatus> ParseKawasanStatus(const std::string& text);
std::string KawasanStatusName(KawasanStatus s);

struct StatusChange {
  std::string date;  // YYYY-MM-DD
  KawasanStatus status = KawasanStatus::kBahaya;
};

struct KawasanHistory {
  std::string kawasan_id;
  std::vector<StatusChange> changes;  // any order; sorted by date when evaluated
};

struct Transition {
  std::string kawasan_id;
  std::string date;
  KawasanStatus from, to;
};

using TransitionFinding = Transition;

struct TransitionCount {
  int counted = 0;
  std::vector<std::string> counted_kawasan;
  std::vector<TransitionFinding> not_matching;  // transitions in the year that the definition does not name
};

// INVALID_ARGUMENT for a malformed date or two changes of one kawasan on the same date.
absl::Status ValidateHistory(const KawasanHistory& h, const std::string& path);

// Every change of status dated in `fiscal_year` (a repeated status is no transition), in
// kawasan then date order.
std::vector<Transition> TransitionsInYear(const std::vector<KawasanHistory>& histories, int fiscal_year);

// Counts kawasan with at least one transition `from` -> `to` dated in `fiscal_year` (a
// kawasan counts once). Every other transition dated in the year is a finding.
TransitionCount CountTransitions(const std::vector<KawasanHistory>& histories, int fiscal_year,
                                 KawasanStatus from, KawasanStatus to);

inline constexpr int kIkkrAspects = 7;
const std::array<std::string, kIkkrAspects>& IkkrAspectNames();

struct IkkrResponse {
  std::string role;                        // kades/lurah, Bhabinkamtibmas, Babinsa, peserta, Kesbangpol
  std::array<int, kIkkrAspects> scores{};  // 1..4
};

absl::Status ValidateIkkrResponse(const IkkrResponse& r, const std::string& path);
// Mean over aspects and respondents [default]; FAILED_PRECONDITION for no response.
absl::StatusOr<Decimal> ComputeIkkr(const std::vector<IkkrResponse>& responses);

}  // namespace lkip::pencegahan
