// Indeks Kemandirian Partisipasi (domain-rules §5.3): six variables scored 1..4 per assessed
// institution; institution IKP = mean of the six [default]; satker IKP = mean of its
// institutions [seed: (3,36 + 3,25) / 2 = 3,305]. Pure: no I/O.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"

namespace lkip::pencegahan {

inline constexpr int kIkpVariables = 6;
const std::array<std::string, kIkpVariables>& IkpVariableNames();

enum class Lingkungan { kPemerintah, kSwasta, kMasyarakat, kPendidikan };
absl::StatusOr<Lingkungan> ParseLingkungan(const std::string& text);

struct IkpAssessment {
  std::string institution;
  Lingkungan lingkungan = Lingkungan::kPemerintah;
  std::array<int, kIkpVariables> scores{};  // SDM, Metode, Anggaran, Material, Sistem, Aktivitas
};

// INVALID_ARGUMENT naming `path` + field for an empty institution or a score outside 1..4.
absl::Status ValidateIkpAssessment(const IkpAssessment& a, const std::string& path);
Decimal InstitutionIkp(const IkpAssessment& a);
// The mean of the institutions' IKP values; FAILED_PRECONDITION for none.
absl::StatusOr<Decimal> SatkerIkp(const std::vector<Decimal>& institution_values);

// The institutions of one lingkungan: how many were assessed and their mean IKP.
struct IkpKind {
  Lingkungan lingkungan;
  int institutions = 0;
  Decimal mean;
};
// Per lingkungan in the order of the enum, those with at least one institution: the breakdown
// the report's rincian table prints beside the satker's IKP.
std::vector<IkpKind> IkpByKind(const std::vector<std::pair<Lingkungan, Decimal>>& institutions);

}  // namespace lkip::pencegahan
