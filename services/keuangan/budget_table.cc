#include "services/keuangan/budget_table.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"

namespace lkip::keuangan {
namespace {

using Key = std::pair<std::string, std::string>;  // program, kegiatan

struct Sums {
  int64_t pagu = 0;
  int64_t realisasi = 0;
};

std::string Rp(int64_t amount) { return absl::StrCat("Rp", IntegerIndonesian(amount)); }

// Pagu and realisasi through the month, per (program, kegiatan) of one satker.
std::map<Key, Sums> LineSums(const SatkerBudget& s, int through_month) {
  std::map<Key, Sums> out;
  for (const auto& l : s.pagu) out[{l.program, l.kegiatan}].pagu += l.amount;
  for (int m = 0; m < through_month; ++m) {
    for (const auto& l : s.realisasi[m]) out[{l.program, l.kegiatan}].realisasi += l.amount;
  }
  return out;
}

const rules::v1::BudgetKegiatan* FindKegiatan(const rules::v1::BudgetRules& rules, const Key& key) {
  for (const auto& p : rules.programs()) {
    if (p.code() != key.first) continue;
    for (const auto& k : p.kegiatan()) {
      if (k.code() == key.second) return &k;
    }
  }
  return nullptr;
}

void SetTotal(keuangan::v1::BudgetTable* table) {
  int64_t pagu = 0, realisasi = 0;
  for (const auto& r : table->rows()) {
    pagu += r.pagu().amount();
    realisasi += r.realisasi().amount();
  }
  auto* total = table->mutable_total();
  total->set_code("TOTAL");
  total->set_label("TOTAL");
  FillBudgetRow(pagu, realisasi, total);
}

}  // namespace

void FillBudgetRow(int64_t pagu, int64_t realisasi, keuangan::v1::BudgetRow* row) {
  row->mutable_pagu()->set_amount(pagu);
  row->mutable_realisasi()->set_amount(realisasi);
  row->mutable_sisa()->set_amount(pagu - realisasi);
  if (pagu != 0) {
    row->mutable_realisasi_percent()->set_value(
        (Decimal(realisasi) * Decimal(100) / Decimal(pagu)).ToExactString());
    row->mutable_efisiensi_percent()->set_value(
        (Decimal(pagu - realisasi) * Decimal(100) / Decimal(pagu)).ToExactString());
  }
}

std::vector<common::v1::Finding> AbovePaguFindings(const rules::v1::BudgetRules& rules,
                                                   const SatkerBudget& satker, int through_month) {
  std::vector<common::v1::Finding> out;
  for (const auto& [key, sums] : LineSums(satker, through_month)) {
    if (sums.realisasi <= sums.pagu) continue;
    const auto* kegiatan = FindKegiatan(rules, key);
    common::v1::Finding f;
    f.set_code("REALISASI_MELEBIHI_PAGU");
    f.set_severity(common::v1::SEVERITY_WARNING);
    f.set_subject(absl::StrCat(satker.code, " ", key.first, "/", key.second));
    f.set_message(absl::StrCat("Realisasi kegiatan ", kegiatan != nullptr ? kegiatan->name() : key.second,
                               " pada ", satker.name.empty() ? satker.code : satker.name, " sampai bulan ke-",
                               through_month, " sebesar ", Rp(sums.realisasi), " melebihi pagu DIPA ",
                               Rp(sums.pagu), " (selisih ", Rp(sums.realisasi - sums.pagu), ")."));
    auto* v = f.add_values();
    v->set_label("pagu");
    v->set_value(absl::StrCat(sums.pagu));
    v->set_source("DIPA");
    v = f.add_values();
    v->set_label("realisasi");
    v->set_value(absl::StrCat(sums.realisasi));
    v->set_source(absl::StrCat("realisasi bulan 1..", through_month));
    out.push_back(std::move(f));
  }
  return out;
}

keuangan::v1::BudgetTables BuildBudgetTables(const rules::v1::BudgetRules& rules,
                                             const std::vector<SatkerBudget>& satker, int through_month) {
  keuangan::v1::BudgetTables out;
  out.set_through_month(through_month);
  std::map<Key, Sums> per_kegiatan;
  std::map<std::string, Sums> per_program;
  std::array<int64_t, 12> monthly{};
  int64_t total_pagu = 0;
  for (const auto& s : satker) {
    if (!s.has_dipa) out.add_satker_without_dipa(s.code);
    Sums satker_sums;
    for (const auto& [key, sums] : LineSums(s, through_month)) {
      per_kegiatan[key].pagu += sums.pagu;
      per_kegiatan[key].realisasi += sums.realisasi;
      per_program[key.first].pagu += sums.pagu;
      per_program[key.first].realisasi += sums.realisasi;
      satker_sums.pagu += sums.pagu;
      satker_sums.realisasi += sums.realisasi;
    }
    total_pagu += satker_sums.pagu;
    for (int m = 0; m < through_month; ++m) {
      for (const auto& l : s.realisasi[m]) monthly[m] += l.amount;
    }
    auto* row = out.mutable_per_satker()->add_rows();
    row->set_code(s.code);
    row->set_label(s.name);
    FillBudgetRow(satker_sums.pagu, satker_sums.realisasi, row);
    for (auto& f : AbovePaguFindings(rules, s, through_month)) *out.add_findings() = std::move(f);
  }
  for (const auto& p : rules.programs()) {
    auto it = per_program.find(p.code());
    if (it == per_program.end()) continue;
    auto* row = out.mutable_per_program()->add_rows();
    row->set_code(p.code());
    row->set_label(p.name());
    FillBudgetRow(it->second.pagu, it->second.realisasi, row);
    for (const auto& k : p.kegiatan()) {
      auto kt = per_kegiatan.find({p.code(), k.code()});
      if (kt == per_kegiatan.end()) continue;
      auto* krow = out.mutable_per_kegiatan()->add_rows();
      krow->set_code(absl::StrCat(p.code(), "/", k.code()));
      krow->set_label(k.name());
      FillBudgetRow(kt->second.pagu, kt->second.realisasi, krow);
    }
  }
  SetTotal(out.mutable_per_program());
  SetTotal(out.mutable_per_satker());
  SetTotal(out.mutable_per_kegiatan());
  int64_t cumulative = 0;
  for (int m = 0; m < through_month; ++m) {
    cumulative += monthly[m];
    auto* row = out.add_monthly();
    row->set_month(m + 1);
    row->mutable_realisasi()->set_amount(monthly[m]);
    row->mutable_cumulative()->set_amount(cumulative);
    if (total_pagu != 0) {
      row->mutable_cumulative_percent()->set_value(
          (Decimal(cumulative) * Decimal(100) / Decimal(total_pagu)).ToExactString());
    }
  }
  return out;
}

}  // namespace lkip::keuangan
