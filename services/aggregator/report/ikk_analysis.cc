#include "services/aggregator/report/ikk_analysis.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/capaian/capaian.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "services/aggregator/report/budget_view.h"
#include "services/keuangan/budget_table.h"

namespace lkip::aggregator {

void WriteRenstra(const aggregator::v1::PkIndicator& pk_ind, int year, int places,
                  report::v1::IndicatorSection* ind) {
  if (!pk_ind.has_renstra()) return;
  const std::string& target = pk_ind.renstra().target().value();
  const int shown = places < 0 ? -1 : std::max(places, std::min(DisplayPlaces(target), 2));
  std::string sentence =
      absl::StrCat("Target jangka menengah ", pk_ind.code(), " dalam Renstra ", pk_ind.renstra().period(),
                   " sebesar ", DisplayIndonesian(target, shown), " ", pk_ind.unit());
  auto goal = Decimal::Parse(target);
  auto realisasi = Decimal::Parse(ind->realisasi().value());
  if (!ind->available() || !goal.ok() || !realisasi.ok()) {
    ind->set_kalimat_renstra(absl::StrCat(sentence, "; realisasi tahun ", year, " tidak tersedia."));
    return;
  }
  absl::StrAppend(&sentence, "; realisasi tahun ", year, " sebesar ",
                  DisplayIndonesian(ind->realisasi().value(), shown), " ", pk_ind.unit());
  // The year's capaian rule against the plan's target; a target of 0 has no percentage.
  const Capaian c = ComputeCapaian(ind->polarity(), TargetSpec::Single(*goal), *realisasi, ZeroTargetRule{});
  if (goal->Sign() > 0 && c.available) {
    absl::StrAppend(&sentence, " atau ", c.value.ToIndonesian(2), "% dari target akhir Renstra");
  }
  ind->set_kalimat_renstra(absl::StrCat(sentence, "."));
}

void WriteEfisiensi(const aggregator::v1::PerjanjianKinerja& pk,
                    const keuangan::v1::BudgetTable& per_kegiatan, const std::string& budget_reason,
                    report::v1::IndicatorSection* ind) {
  std::map<std::string, const keuangan::v1::BudgetRow*> dipa;
  for (const auto& row : per_kegiatan.rows()) dipa[row.code()] = &row;
  keuangan::v1::BudgetTable table;
  int64_t pagu = 0, realisasi = 0;
  bool shared = false;            // a kegiatan that serves other IKK too
  std::vector<int> without_dipa;  // rows of kegiatan no DIPA line funds
  for (const auto& k : pk.kegiatan()) {
    if (std::find(k.ikk_codes().begin(), k.ikk_codes().end(), ind->code()) == k.ikk_codes().end()) continue;
    shared = shared || k.ikk_codes_size() > 1;
    const std::string code = absl::StrCat(k.program_code(), "/", k.kegiatan_code());
    auto* row = table.add_rows();
    if (auto it = dipa.find(code); it != dipa.end()) {
      *row = *it->second;
      pagu += row->pagu().amount();
      realisasi += row->realisasi().amount();
    } else {
      row->set_code(code);
      row->set_label(k.name());
      without_dipa.push_back(table.rows_size() - 1);
    }
  }
  if (table.rows().empty()) return;
  const std::string lead = absl::StrCat(table.rows_size(), " kegiatan yang mendukung ", ind->code(),
                                        " menurut Perjanjian Kinerja");
  if (!budget_reason.empty()) {
    ind->set_kalimat_efisiensi(
        absl::StrCat("Realisasi anggaran ", lead, " tidak tersedia: ", budget_reason, "."));
    return;
  }
  keuangan::FillBudgetRow(pagu, realisasi, table.mutable_total());
  table.mutable_total()->set_code("TOTAL");
  table.mutable_total()->set_label("TOTAL");
  *ind->mutable_efisiensi() = BudgetViewOf(table);
  static const std::string kNone = "-";  // a kegiatan without a DIPA line has no budget figures
  for (int i : without_dipa) {
    auto* line = ind->mutable_efisiensi()->mutable_rows(i);
    line->set_pagu(kNone);
    line->set_realisasi(kNone);
    line->set_percent(kNone);
    line->set_sisa(kNone);
    line->set_efisiensi(kNone);
  }
  const auto& total = ind->efisiensi().total();
  std::string sentence =
      absl::StrCat("Anggaran ", lead, " terealisasi Rp", total.realisasi(), " dari pagu Rp", total.pagu());
  if (pagu > 0) absl::StrAppend(&sentence, " (", total.percent(), "%)");
  absl::StrAppend(&sentence, ind->capaian_available()
                                 ? absl::StrCat(", dengan capaian kinerja ", ind->capaian_display(), "%")
                                 : "");
  if (shared)
    absl::StrAppend(&sentence, "; kegiatan yang juga mendukung IKK lain dihitung penuh pada tiap IKK");
  ind->set_kalimat_efisiensi(absl::StrCat(sentence, "."));
}

}  // namespace lkip::aggregator
