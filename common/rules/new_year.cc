#include "common/rules/new_year.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"

namespace lkip {
namespace {

void Add(rules::v1::RuleSet* out, std::string path, std::string reason) {
  auto* item = out->add_review();
  item->set_path(std::move(path));
  item->set_reason(std::move(reason));
}

}  // namespace

absl::StatusOr<rules::v1::RuleSet> CarryOverRuleSet(const rules::v1::RuleSet& from, int year) {
  if (year <= from.fiscal_year()) {
    return absl::InvalidArgumentError(absl::StrCat("year: ", year,
                                                   " is not after the rule set's fiscal year ",
                                                   from.fiscal_year(), " it is carried over from"));
  }
  if (year > 2100) return absl::InvalidArgumentError(absl::StrCat("year: ", year, " is outside 2000..2100"));
  rules::v1::RuleSet out = from;
  out.set_fiscal_year(year);
  out.set_version(absl::StrCat(year, ".1"));
  out.clear_extends();
  out.clear_review();
  // The reasons are Indonesian: each open item is printed among the report's unverified rules.
  const std::string was =
      absl::StrCat(" (dibawa dari aturan ", from.fiscal_year(), " versi ", from.version(), ")");
  // Items the earlier year still had open stay open.
  for (const auto& item : from.review()) *out.add_review() = item;

  for (int i = 0; i < out.indicators_size(); ++i) {
    const auto& ind = out.indicators(i);
    Add(&out, absl::StrCat("indicators[", i, "] ", ind.code()),
        absl::StrCat("nama, satuan, ukuran dan cara agregasi belum dicocokkan dengan Perjanjian Kinerja ",
                     year, " (PK baru dapat mengubah, menambah atau menghapus IKK)", was));
    if (!ind.verified()) {
      Add(&out, absl::StrCat("indicators[", i, "] ", ind.code(), ".source"),
          absl::StrCat("masih belum terverifikasi: ", ind.source()));
    }
  }
  for (int i = 0; i < out.measures_size(); ++i) {
    const auto& m = out.measures(i);
    if (m.categories_size() == 0) continue;
    Add(&out, absl::StrCat("measures[", i, "] ", m.id(), ".categories"),
        absl::StrCat("batas kategori \"",
                     m.category_scheme_name().empty() ? m.name() : m.category_scheme_name(), "\" untuk ",
                     year, " belum diperiksa", was));
  }
  if (out.band_sets_size() > 0) {
    Add(&out, "band_sets",
        absl::StrCat("rentang capaian yang ditampilkan laporan ", year, " belum diperiksa", was));
  }
  if (!out.zero_target_lower_is_better().verified()) {
    Add(&out, "zero_target_lower_is_better", "masih belum terverifikasi: capaian untuk target nol");
  }
  const auto& budget = out.instruments().budget();
  if (budget.programs_size() > 0) {
    Add(&out, "instruments.budget.programs",
        absl::StrCat("program dan kegiatan DIPA ", year, " belum diperiksa", was));
  }
  if (budget.has_nka()) {
    Add(&out, "instruments.budget.nka",
        absl::StrCat("perhitungan ulang NKA mengikuti ", budget.nka().regulation(),
                     "; periksa peraturan yang diterapkan SMART untuk ", year,
                     " (PMK 62/2023: NKA = 50% nilai kinerja perencanaan + 50% IKPA)"));
  }
  if (budget.has_ikpa()) {
    Add(&out, "instruments.budget.ikpa",
        absl::StrCat("komponen dan bobot IKPA mengikuti ", budget.ikpa().regulation(),
                     "; periksa peraturan Ditjen Perbendaharaan tentang IKPA ", year));
  }
  if (out.instruments().has_zona_integritas()) {
    Add(&out, "instruments.zona_integritas",
        absl::StrCat("area, bobot dan predikat LKE mengikuti ",
                     out.instruments().zona_integritas().regulation(),
                     "; periksa apakah ada PermenPANRB zona integritas yang lebih baru"));
  }
  for (int i = 0; i < out.superseded_regulations_size(); ++i) {
    if (!out.superseded_regulations(i).verified()) {
      Add(&out, absl::StrCat("superseded_regulations[", i, "]"),
          absl::StrCat("masih belum terverifikasi: ", out.superseded_regulations(i).name()));
    }
  }
  Add(&out, "superseded_regulations",
      absl::StrCat("peraturan yang dicabut sejak ", from.fiscal_year(),
                   " dan mungkin masih dikutip teks laporan belum ditambahkan"));
  return out;
}

absl::StatusOr<std::string> RuleSetJson(const rules::v1::RuleSet& rules) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(rules, &json, options);
  if (!status.ok()) return absl::InternalError(std::string(status.message()));
  return json;
}

}  // namespace lkip
