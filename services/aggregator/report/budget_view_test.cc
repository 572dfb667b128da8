// The budget tables print as the seed does: Indonesian thousands and decimal marks, "-" for a
// sisa of 0, the rows numbered, the total row last.
#include "services/aggregator/report/budget_view.h"

#include <gtest/gtest.h>

namespace lkip::aggregator {
namespace {

TEST(BudgetViewTest, SatkerRowsInTheSeedsFormat) {
  keuangan::v1::BudgetTable t;
  auto* row = t.add_rows();
  row->set_label("BNN KOTA MATARAM");
  row->mutable_pagu()->set_amount(1710402000);
  row->mutable_realisasi()->set_amount(1710402000);
  row->mutable_realisasi_percent()->set_value("100");
  row->mutable_efisiensi_percent()->set_value("0");
  auto* total = t.mutable_total();
  total->set_label("TOTAL");
  total->mutable_pagu()->set_amount(16468319000);
  total->mutable_realisasi()->set_amount(16375654700);
  total->mutable_sisa()->set_amount(92664300);
  total->mutable_realisasi_percent()->set_value("99.4372...");  // not a decimal: printed as "-"
  const auto view = BudgetViewOf(t);
  ASSERT_EQ(view.rows_size(), 1);
  const auto& r = view.rows(0);
  EXPECT_EQ(r.no(), 1);
  EXPECT_EQ(r.label(), "BNN KOTA MATARAM");
  EXPECT_EQ(r.pagu(), "1.710.402.000");
  EXPECT_EQ(r.percent(), "100,00");
  EXPECT_EQ(r.sisa(), "-");
  EXPECT_EQ(r.efisiensi(), "0,00");
  EXPECT_EQ(view.total().no(), 0);
  EXPECT_EQ(view.total().pagu(), "16.468.319.000");
  EXPECT_EQ(view.total().realisasi(), "16.375.654.700");
  EXPECT_EQ(view.total().percent(), "-");
  EXPECT_EQ(view.total().sisa(), "92.664.300");
}

keuangan::v1::BudgetRow* Row(keuangan::v1::BudgetTable* t, const std::string& code, int64_t pagu) {
  auto* row = t->add_rows();
  row->set_code(code);
  row->set_label(code);
  row->mutable_pagu()->set_amount(pagu);
  return row;
}

// Lampiran 2: the PK's figure beside the DIPA's pagu and their difference, "-" where either has no
// line, a PK kegiatan without a DIPA line as its own row, the totals, and the sentence.
TEST(BudgetViewTest, PkKegiatanBesideTheDipa) {
  keuangan::v1::BudgetTable dipa;
  Row(&dipa, "P4GN/informasi-edukasi", 458957000);
  Row(&dipa, "P4GN/advokasi", 580813000);
  dipa.mutable_total()->mutable_pagu()->set_amount(458957000 + 580813000);
  aggregator::v1::PerjanjianKinerja pk;
  auto add = [&pk](const std::string& program, const std::string& kegiatan, const std::string& name,
                   int64_t amount) {
    auto* k = pk.add_kegiatan();
    k->set_program_code(program);
    k->set_kegiatan_code(kegiatan);
    k->set_name(name);
    k->mutable_anggaran()->set_amount(amount);
  };
  report::v1::Anggaran anggaran;
  *anggaran.mutable_per_kegiatan() = BudgetViewOf(dipa);
  AddPkKegiatan(pk, dipa, &anggaran);  // a PK without kegiatan budgets: nothing changes
  EXPECT_FALSE(anggaran.has_anggaran_pk());
  EXPECT_EQ(anggaran.per_kegiatan().rows(0).anggaran_pk(), "");

  add("P4GN", "informasi-edukasi", "Pengelolaan Informasi dan Edukasi", 403000000);
  add("P4GN", "intelijen-teknologi", "Pelaksanaan Intelijen Berbasis Teknologi", 75000000);
  AddPkKegiatan(pk, dipa, &anggaran);
  EXPECT_TRUE(anggaran.has_anggaran_pk());
  const auto& v = anggaran.per_kegiatan();
  ASSERT_EQ(v.rows_size(), 3);
  EXPECT_EQ(v.rows(0).anggaran_pk(), "403.000.000");
  EXPECT_EQ(v.rows(0).selisih_pk(), "55.957.000");
  EXPECT_EQ(v.rows(1).anggaran_pk(), "-");  // the PK does not budget advokasi
  EXPECT_EQ(v.rows(1).selisih_pk(), "-");
  EXPECT_EQ(v.rows(2).no(), 3);
  EXPECT_EQ(v.rows(2).label(), "Pelaksanaan Intelijen Berbasis Teknologi");
  EXPECT_EQ(v.rows(2).pagu(), "-");
  EXPECT_EQ(v.rows(2).anggaran_pk(), "75.000.000");
  EXPECT_EQ(v.total().anggaran_pk(), "478.000.000");
  EXPECT_EQ(v.total().selisih_pk(), "561.770.000");
  EXPECT_EQ(
      anggaran.kalimat_pk(),
      "Anggaran kegiatan dalam Perjanjian Kinerja berjumlah Rp478.000.000; pagu DIPA setelah revisi "
      "selama tahun berjalan berjumlah Rp1.039.770.000, selisih Rp561.770.000 (kolom Selisih: pagu DIPA "
      "dikurangi anggaran Perjanjian Kinerja).");
}

}  // namespace
}  // namespace lkip::aggregator
