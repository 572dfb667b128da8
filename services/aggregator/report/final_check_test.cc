// What stands between a report and its final document: each kind of item, in order, in
// Indonesian; a WARNING or INFO finding is no obstacle; a ditetapkan report with nothing else
// left has nothing remaining.
#include "services/aggregator/report/final_check.h"

#include <gtest/gtest.h>

namespace lkip::aggregator {
namespace {

report::v1::Report Final() {
  report::v1::Report r;
  r.mutable_approval()->set_state(approval::v1::APPROVAL_STATE_DITETAPKAN);
  r.mutable_anggaran()->set_available(true);
  auto* s = r.add_services();
  s->set_service("pencegahan");
  s->set_available(true);
  auto* text = r.mutable_kata_pengantar();
  text->set_label("Kata Pengantar");
  text->add_paragraphs("Puji syukur.");
  auto* warning = r.add_findings();
  warning->set_severity(common::v1::SEVERITY_WARNING);
  warning->set_message("boleh tetap");
  return r;
}

TEST(FinalCheckTest, NothingRemainsOfAnApprovedCompleteReport) {
  EXPECT_TRUE(RemainingForFinal(Final()).empty());
}

TEST(FinalCheckTest, EachKindIsListedInOrder) {
  report::v1::Report r = Final();
  r.mutable_approval()->set_state(approval::v1::APPROVAL_STATE_DIREVIU);
  r.mutable_services(0)->set_available(false);
  r.mutable_anggaran()->set_available(false);
  auto* missing = r.add_bab1();
  missing->set_key("bab1.latar_belakang");
  missing->set_label("Latar Belakang");
  missing->set_missing(true);
  r.add_unverified_rules("IKK-05: rumus belum dipublikasikan");
  auto* error = r.add_findings();
  error->set_severity(common::v1::SEVERITY_ERROR);
  error->set_subject("penandatangan.tempat_tanggal");
  error->set_message("tanggal laporan sebelum tahun anggaran berakhir");
  const std::vector<std::string> expected = {
      "Laporan belum ditetapkan oleh Kepala (diajukan, direviu, lalu ditetapkan).",
      "Data layanan pencegahan tidak dapat dibaca saat laporan disusun; IKK-nya belum berisi realisasi.",
      "Data anggaran (DIPA dan realisasi) tidak tersedia; tabel anggaran belum berisi angka.",
      "Teks belum diisi: Latar Belakang.",
      "Aturan belum terverifikasi: IKK-05: rumus belum dipublikasikan",
      "Temuan kesalahan data: tanggal laporan sebelum tahun anggaran berakhir",
  };
  EXPECT_EQ(RemainingForFinal(r), expected);
  for (const std::string& item : RemainingForFinal(r)) {
    EXPECT_EQ(item.find("bab1."), std::string::npos) << "no internal key: " << item;
    EXPECT_EQ(item.find("penandatangan."), std::string::npos) << "no internal key: " << item;
  }
}

}  // namespace
}  // namespace lkip::aggregator
