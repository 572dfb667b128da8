#include "services/aggregator/report/budget_view.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"

namespace lkip::aggregator {
namespace {

std::string Percent(const common::v1::Decimal& d) { return RoundedIndonesian(d.value(), 2).value_or("-"); }

void Fill(const keuangan::v1::BudgetRow& r, int no, report::v1::BudgetLine* line) {
  line->set_no(no);
  line->set_code(r.code());
  line->set_label(r.label());
  line->set_pagu(IntegerIndonesian(r.pagu().amount()));
  line->set_realisasi(IntegerIndonesian(r.realisasi().amount()));
  line->set_percent(Percent(r.realisasi_percent()));
  line->set_sisa(r.sisa().amount() == 0 ? "-" : IntegerIndonesian(r.sisa().amount()));
  line->set_efisiensi(Percent(r.efisiensi_percent()));
}

}  // namespace

report::v1::BudgetView BudgetViewOf(const keuangan::v1::BudgetTable& table) {
  report::v1::BudgetView out;
  out.mutable_rows()->Reserve(table.rows_size());
  int no = 0;
  for (const auto& r : table.rows()) Fill(r, ++no, out.add_rows());
  Fill(table.total(), 0, out.mutable_total());
  return out;
}

void AddPkKegiatan(const aggregator::v1::PerjanjianKinerja& pk, const keuangan::v1::BudgetTable& dipa,
                   report::v1::Anggaran* anggaran) {
  if (pk.kegiatan().empty()) return;
  std::map<std::string, const aggregator::v1::PkKegiatan*> stated;
  int64_t pk_total = 0;
  for (const auto& k : pk.kegiatan()) {
    stated[absl::StrCat(k.program_code(), "/", k.kegiatan_code())] = &k;
    pk_total += k.anggaran().amount();
  }
  report::v1::BudgetView* view = anggaran->mutable_per_kegiatan();
  for (int i = 0; i < dipa.rows_size(); ++i) {
    report::v1::BudgetLine* line = view->mutable_rows(i);
    auto it = stated.find(dipa.rows(i).code());
    if (it == stated.end()) {
      line->set_anggaran_pk("-");
      line->set_selisih_pk("-");
      continue;
    }
    const int64_t amount = it->second->anggaran().amount();
    line->set_anggaran_pk(IntegerIndonesian(amount));
    line->set_selisih_pk(IntegerIndonesian(dipa.rows(i).pagu().amount() - amount));
    stated.erase(it);
  }
  // A kegiatan the PK budgets that no DIPA line funds: its own row, in the PK's order.
  for (const auto& k : pk.kegiatan()) {
    if (!stated.contains(absl::StrCat(k.program_code(), "/", k.kegiatan_code()))) continue;
    report::v1::BudgetLine* line = view->add_rows();
    line->set_no(view->rows_size());
    line->set_code(absl::StrCat(k.program_code(), "/", k.kegiatan_code()));
    line->set_label(k.name());
    line->set_pagu("-");
    line->set_realisasi("-");
    line->set_percent("-");
    line->set_sisa("-");
    line->set_efisiensi("-");
    line->set_selisih_pk("-");
    line->set_anggaran_pk(IntegerIndonesian(k.anggaran().amount()));
  }
  const int64_t dipa_total = dipa.total().pagu().amount();
  view->mutable_total()->set_anggaran_pk(IntegerIndonesian(pk_total));
  view->mutable_total()->set_selisih_pk(IntegerIndonesian(dipa_total - pk_total));
  anggaran->set_has_anggaran_pk(true);
  anggaran->set_kalimat_pk(absl::StrCat(
      "Anggaran kegiatan dalam Perjanjian Kinerja berjumlah Rp", IntegerIndonesian(pk_total),
      "; pagu DIPA setelah revisi selama tahun berjalan berjumlah Rp", IntegerIndonesian(dipa_total),
      dipa_total == pk_total
          ? ", sama dengan Perjanjian Kinerja."
          : absl::StrCat(", selisih Rp", IntegerIndonesian(dipa_total - pk_total),
                         " (kolom Selisih: pagu DIPA dikurangi anggaran Perjanjian Kinerja).")));
}

}  // namespace lkip::aggregator
