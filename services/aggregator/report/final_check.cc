#include "services/aggregator/report/final_check.h"

#include "absl/strings/str_cat.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {

std::vector<std::string> RemainingForFinal(const report::v1::Report& report) {
  std::vector<std::string> remaining;
  if (report.approval().state() != approval::v1::APPROVAL_STATE_DITETAPKAN) {
    remaining.push_back("Laporan belum ditetapkan oleh Kepala (diajukan, direviu, lalu ditetapkan).");
  }
  for (const auto& s : report.services()) {
    if (!s.available()) {
      remaining.push_back(
          absl::StrCat("Data layanan ", s.service(),
                       " tidak dapat dibaca saat laporan disusun; IKK-nya belum berisi realisasi."));
    }
  }
  if (!report.anggaran().available()) {
    remaining.push_back(
        "Data anggaran (DIPA dan realisasi) tidak tersedia; tabel anggaran belum berisi angka.");
  }
  for (const report::v1::Text* text : MissingTexts(report)) {
    remaining.push_back(absl::StrCat("Teks belum diisi: ", text->label(), "."));
  }
  for (const std::string& rule : report.unverified_rules()) {
    remaining.push_back(absl::StrCat("Aturan belum terverifikasi: ", rule));
  }
  for (const auto& f : report.findings()) {
    // The message says what it is about; the subject can be a key ("penandatangan.tempat_tanggal").
    if (f.severity() == common::v1::SEVERITY_ERROR) {
      remaining.push_back(absl::StrCat("Temuan kesalahan data: ", f.message()));
    }
  }
  return remaining;
}

}  // namespace lkip::aggregator
