#include "services/pencegahan/kawasan.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/validation/fields.h"

namespace lkip::pencegahan {

absl::StatusOr<KawasanStatus> ParseKawasanStatus(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "bahaya") return KawasanStatus::kBahaya;
  if (t == "waspada") return KawasanStatus::kWaspada;
  if (t == "siaga") return KawasanStatus::kSiaga;
  if (t == "aman") return KawasanStatus::kAman;
  return absl::InvalidArgumentError(
      absl::StrCat("\"", text, "\" is not a status (Bahaya, Waspada, Siaga, Aman)"));
}

std::string KawasanStatusName(KawasanStatus s) {
  switch (s) {
    case KawasanStatus::kBahaya:
      return "Bahaya";
    case KawasanStatus::kWaspada:
      return "Waspada";
    case KawasanStatus::kSiaga:
      return "Siaga";
    case KawasanStatus::kAman:
      return "Aman";
  }
  return "?";
}

absl::Status ValidateHistory(const KawasanHistory& h, const std::string& path) {
  if (h.kawasan_id.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".kawasan_id: is required"));
  std::set<std::string> dates;
  for (size_t i = 0; i < h.changes.size(); ++i) {
    if (!IsIsoDate(h.changes[i].date)) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".changes[", i, "].date: \"", h.changes[i].date,
                                                     "\" is not a date (YYYY-MM-DD)"));
    }
    if (!dates.insert(h.changes[i].date).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".changes[", i, "].date: a second status for ", h.changes[i].date));
    }
  }
  return absl::OkStatus();
}

std::vector<Transition> TransitionsInYear(const std::vector<KawasanHistory>& histories, int fiscal_year) {
  std::vector<Transition> out;
  const std::string year_start = absl::StrCat(fiscal_year, "-01-01");
  const std::string year_end = absl::StrCat(fiscal_year, "-12-31");
  for (const auto& h : histories) {
    std::vector<StatusChange> changes = h.changes;
    std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    for (size_t i = 1; i < changes.size(); ++i) {
      const auto& prev = changes[i - 1];
      const auto& cur = changes[i];
      if (cur.date < year_start || cur.date > year_end || prev.status == cur.status) continue;
      out.push_back({h.kawasan_id, cur.date, prev.status, cur.status});
    }
  }
  return out;
}

TransitionCount CountTransitions(const std::vector<KawasanHistory>& histories, int fiscal_year,
                                 KawasanStatus from, KawasanStatus to) {
  TransitionCount result;
  std::set<std::string> counted;
  for (const auto& t : TransitionsInYear(histories, fiscal_year)) {
    if (t.from == from && t.to == to) {
      if (counted.insert(t.kawasan_id).second) {
        ++result.counted;
        result.counted_kawasan.push_back(t.kawasan_id);
      }
    } else {
      result.not_matching.push_back(t);
    }
  }
  return result;
}

const std::array<std::string, kIkkrAspects>& IkkrAspectNames() {
  static const auto* names = new std::array<std::string, kIkkrAspects>{
      "pelaksanaan program",         "pelaksana program",     "keberlanjutan",
      "sinergi instansi pemerintah", "kemitraan dunia usaha", "pelibatan orsosmas",
      "hasil dirasakan masyarakat"};
  return *names;
}

absl::Status ValidateIkkrResponse(const IkkrResponse& r, const std::string& path) {
  if (r.role.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".role: is required"));
  for (int i = 0; i < kIkkrAspects; ++i) {
    if (r.scores[i] < 1 || r.scores[i] > 4) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".scores[", i, "] (", IkkrAspectNames()[i],
                                                     "): ", r.scores[i], " is outside 1..4"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Decimal> ComputeIkkr(const std::vector<IkkrResponse>& responses) {
  if (responses.empty()) return absl::FailedPreconditionError("no IKKR response");
  Decimal sum;
  for (const auto& r : responses) {
    for (int s : r.scores) sum = sum + Decimal(s);
  }
  return sum / Decimal(static_cast<long>(responses.size() * kIkkrAspects));
}

}  // namespace lkip::pencegahan
