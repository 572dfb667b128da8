#include "services/rehabilitasi/skm.h"

#include "absl/strings/str_cat.h"

namespace lkip::rehabilitasi {

const std::array<std::string, kSkmElements>& SkmElementNames() {
  static const auto* names = new std::array<std::string, kSkmElements>{
      "persyaratan",        "sistem, mekanisme dan prosedur",          "waktu penyelesaian",
      "biaya/tarif",        "produk spesifikasi jenis pelayanan",      "kompetensi pelaksana",
      "perilaku pelaksana", "penanganan pengaduan, saran dan masukan", "sarana dan prasarana"};
  return *names;
}

absl::Status ValidateSkmQuestionnaire(const SkmQuestionnaire& q, const std::string& path) {
  int answered = 0;
  for (int i = 0; i < kSkmElements; ++i) {
    if (!q.answers[i]) continue;
    ++answered;
    if (*q.answers[i] < 1 || *q.answers[i] > 4) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".answers[", i, "] (", SkmElementNames()[i],
                                                     "): ", *q.answers[i], " is outside 1..4"));
    }
  }
  if (answered == 0) return absl::InvalidArgumentError(absl::StrCat(path, ".answers: no element answered"));
  return absl::OkStatus();
}

SkmResult SkmFromNrr(const std::array<Decimal, kSkmElements>& nrr, SkmWeight weight) {
  SkmResult r;
  r.nrr = nrr;
  Decimal sum;
  for (const auto& n : nrr) sum = sum + n;
  r.index =
      weight == SkmWeight::kExactNinth ? sum / Decimal(kSkmElements) : sum * Decimal(mpq_class(11, 100));
  r.converted = r.index * Decimal(25);
  return r;
}

absl::StatusOr<SkmResult> ComputeSkm(const std::vector<SkmQuestionnaire>& questionnaires, SkmWeight weight) {
  std::array<Decimal, kSkmElements> sums;
  std::array<int, kSkmElements> counts{};
  for (const auto& q : questionnaires) {
    for (int i = 0; i < kSkmElements; ++i) {
      if (!q.answers[i]) continue;
      sums[i] = sums[i] + Decimal(*q.answers[i]);
      ++counts[i];
    }
  }
  std::array<Decimal, kSkmElements> nrr;
  for (int i = 0; i < kSkmElements; ++i) {
    if (counts[i] == 0) {
      return absl::FailedPreconditionError(absl::StrCat("element ", i, " (", SkmElementNames()[i],
                                                        ") has no answer in ", questionnaires.size(),
                                                        " questionnaires"));
    }
    nrr[i] = sums[i] / Decimal(counts[i]);
  }
  SkmResult r = SkmFromNrr(nrr, weight);
  r.answered = counts;
  r.questionnaires = static_cast<int>(questionnaires.size());
  return r;
}

}  // namespace lkip::rehabilitasi
