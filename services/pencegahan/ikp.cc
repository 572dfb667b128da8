#include "services/pencegahan/ikp.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/numeric/statistics.h"

namespace lkip::pencegahan {

const std::array<std::string, kIkpVariables>& IkpVariableNames() {
  static const auto* names = new std::array<std::string, kIkpVariables>{
      "SDM", "Metode", "Anggaran", "Material", "Sistem (kebijakan)", "Aktivitas"};
  return *names;
}

absl::StatusOr<Lingkungan> ParseLingkungan(const std::string& text) {
  const std::string t = absl::AsciiStrToLower(text);
  if (t == "pemerintah") return Lingkungan::kPemerintah;
  if (t == "swasta") return Lingkungan::kSwasta;
  if (t == "masyarakat") return Lingkungan::kMasyarakat;
  if (t == "pendidikan") return Lingkungan::kPendidikan;
  return absl::InvalidArgumentError(
      absl::StrCat("\"", text, "\" is not a lingkungan (pemerintah, swasta, masyarakat, pendidikan)"));
}

absl::Status ValidateIkpAssessment(const IkpAssessment& a, const std::string& path) {
  if (a.institution.empty())
    return absl::InvalidArgumentError(absl::StrCat(path, ".institution: is required"));
  for (int i = 0; i < kIkpVariables; ++i) {
    if (a.scores[i] < 1 || a.scores[i] > 4) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".scores[", i, "] (", IkpVariableNames()[i],
                                                     "): ", a.scores[i], " is outside 1..4"));
    }
  }
  return absl::OkStatus();
}

Decimal InstitutionIkp(const IkpAssessment& a) {
  Decimal sum;
  for (int s : a.scores) sum = sum + Decimal(s);
  return sum / Decimal(kIkpVariables);
}

std::vector<IkpKind> IkpByKind(const std::vector<std::pair<Lingkungan, Decimal>>& institutions) {
  std::vector<IkpKind> out;
  for (Lingkungan l :
       {Lingkungan::kPemerintah, Lingkungan::kSwasta, Lingkungan::kMasyarakat, Lingkungan::kPendidikan}) {
    std::vector<Decimal> values;
    for (const auto& [kind, value] : institutions) {
      if (kind == l) values.push_back(value);
    }
    if (auto mean = Mean(values); mean) out.push_back(IkpKind{l, static_cast<int>(values.size()), *mean});
  }
  return out;
}

absl::StatusOr<Decimal> SatkerIkp(const std::vector<Decimal>& institution_values) {
  auto mean = Mean(institution_values);
  if (!mean) return absl::FailedPreconditionError("no institution assessed");
  return *mean;
}

}  // namespace lkip::pencegahan
