#include "services/aggregator/ingest/bundle_check.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/units/unit_tree.h"
#include "services/aggregator/pk_record.h"

namespace lkip::aggregator {
namespace {

absl::Status InFile(const std::string& path, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
}

}  // namespace

absl::Status CheckBundle(const std::string& path, const YearRules& rules, bundle::v1::Bundle* bundle) {
  if (bundle->fiscal_year() != rules.fiscal_year()) {
    return InFile(path, absl::InvalidArgumentError(
                            absl::StrCat("$.fiscal_year: ", bundle->fiscal_year(), " has no rule set")));
  }
  std::vector<common::v1::Unit> units(bundle->units().begin(), bundle->units().end());
  std::vector<std::string> paths;
  for (int i = 0; i < bundle->units_size(); ++i) paths.push_back(absl::StrCat("$.units[", i, "]"));
  auto tree = UnitTree::Build(units, paths);
  if (!tree.ok()) return InFile(path, tree.status());
  const auto* province = tree->Find(bundle->province_code());
  if (province == nullptr || province->level() != common::v1::UNIT_LEVEL_PROVINSI) {
    return InFile(path, absl::InvalidArgumentError(absl::StrCat(
                            "$.province_code: \"", bundle->province_code(), "\" is not a BNNP of $.units")));
  }
  if (bundle->has_perjanjian_kinerja()) {
    auto* pk = bundle->mutable_perjanjian_kinerja();
    if (pk->fiscal_year() == 0) pk->set_fiscal_year(bundle->fiscal_year());
    if (pk->province_code().empty()) pk->set_province_code(bundle->province_code());
    if (pk->fiscal_year() != bundle->fiscal_year() || pk->province_code() != bundle->province_code()) {
      return InFile(path, absl::InvalidArgumentError(
                              "$.perjanjian_kinerja: fiscal_year and province_code must match the bundle's"));
    }
    if (pk->source_document().empty()) pk->set_source_document(bundle->source_document());
    RETURN_IF_ERROR(InFile(path, ValidatePerjanjianKinerja(rules, *tree, pk, "$.perjanjian_kinerja")));
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < bundle->satker_values_size(); ++i) {
    auto* v = bundle->mutable_satker_values(i);
    const std::string vpath = absl::StrCat("$.satker_values[", i, "]");
    if (absl::Status s = ValidateSatkerValueInput(rules, "", *v, *tree, vpath).status(); !s.ok()) {
      // Inside a bundle an unknown satker is bad input, not a missing resource.
      return InFile(path, absl::InvalidArgumentError(s.message()));
    }
    if (tree->ProvinceOf(v->satker_code()) != bundle->province_code()) {
      return InFile(
          path, absl::InvalidArgumentError(absl::StrCat(vpath, ".satker_code: \"", v->satker_code(),
                                                        "\" is not in province ", bundle->province_code())));
    }
    if (!seen.emplace(v->measure(), v->satker_code()).second) {
      return InFile(
          path, absl::InvalidArgumentError(absl::StrCat(vpath, ": a second value for measure ", v->measure(),
                                                        " and satker ", v->satker_code())));
    }
    if (v->source_document().empty()) v->set_source_document(bundle->source_document());
  }
  // Kawasan records: the service checks every field; the bundle's own concern is that each
  // area belongs to a satker of this province.
  for (int i = 0; i < bundle->kawasan().areas_size(); ++i) {
    const auto& k = bundle->kawasan().areas(i);
    if (tree->Find(k.satker_code()) == nullptr ||
        tree->ProvinceOf(k.satker_code()) != bundle->province_code()) {
      return InFile(path, absl::InvalidArgumentError(
                              absl::StrCat("$.kawasan.areas[", i, "].satker_code: \"", k.satker_code(),
                                           "\" is not a satker of province ", bundle->province_code())));
    }
  }
  // Pemberantasan records: each names a satker of this province.
  std::vector<std::pair<std::string, std::string>> satkers;  // (path, code)
  const auto& p = bundle->pemberantasan();
  for (int i = 0; i < p.case_stages_size(); ++i) {
    satkers.emplace_back(absl::StrCat("$.pemberantasan.case_stages[", i, "].satker_code"),
                         p.case_stages(i).satker_code());
  }
  for (int i = 0; i < p.detainees_size(); ++i) {
    satkers.emplace_back(absl::StrCat("$.pemberantasan.detainees[", i, "].satker_code"),
                         p.detainees(i).satker_code());
  }
  for (int i = 0; i < p.berita_acara_size(); ++i) {
    satkers.emplace_back(absl::StrCat("$.pemberantasan.berita_acara[", i, "].satker_code"),
                         p.berita_acara(i).satker_code());
  }
  // Keuangan and zona integritas records: each names a satker of this province and the
  // bundle's fiscal year.
  std::vector<std::pair<std::string, int>> years;  // (path, fiscal_year)
  const auto& k = bundle->keuangan();
  for (int i = 0; i < k.dipa_size(); ++i) {
    satkers.emplace_back(absl::StrCat("$.keuangan.dipa[", i, "].satker_code"), k.dipa(i).satker_code());
    years.emplace_back(absl::StrCat("$.keuangan.dipa[", i, "].fiscal_year"), k.dipa(i).fiscal_year());
  }
  for (int i = 0; i < k.realisasi_size(); ++i) {
    satkers.emplace_back(absl::StrCat("$.keuangan.realisasi[", i, "].satker_code"),
                         k.realisasi(i).satker_code());
    years.emplace_back(absl::StrCat("$.keuangan.realisasi[", i, "].fiscal_year"),
                       k.realisasi(i).fiscal_year());
  }
  for (int i = 0; i < k.scores_size(); ++i) {
    years.emplace_back(absl::StrCat("$.keuangan.scores[", i, "].fiscal_year"), k.scores(i).fiscal_year());
    for (int j = 0; j < k.scores(i).scores_size(); ++j) {
      satkers.emplace_back(absl::StrCat("$.keuangan.scores[", i, "].scores[", j, "].satker_code"),
                           k.scores(i).scores(j).satker_code());
    }
  }
  const auto& z = bundle->zona_integritas();
  for (int i = 0; i < z.lke_assessments_size(); ++i) {
    satkers.emplace_back(absl::StrCat("$.zona_integritas.lke_assessments[", i, "].satker_code"),
                         z.lke_assessments(i).satker_code());
    years.emplace_back(absl::StrCat("$.zona_integritas.lke_assessments[", i, "].fiscal_year"),
                       z.lke_assessments(i).fiscal_year());
  }
  for (int i = 0; i < z.tpi_results_size(); ++i) {
    years.emplace_back(absl::StrCat("$.zona_integritas.tpi_results[", i, "].fiscal_year"),
                       z.tpi_results(i).fiscal_year());
    for (int j = 0; j < z.tpi_results(i).rows_size(); ++j) {
      satkers.emplace_back(absl::StrCat("$.zona_integritas.tpi_results[", i, "].rows[", j, "].satker_code"),
                           z.tpi_results(i).rows(j).satker_code());
    }
  }
  for (const auto& [ypath, year] : years) {
    if (year != bundle->fiscal_year()) {
      return InFile(path,
                    absl::InvalidArgumentError(absl::StrCat(
                        ypath, ": ", year, " is not the bundle's fiscal year ", bundle->fiscal_year())));
    }
  }
  for (const auto& [spath, code] : satkers) {
    if (tree->Find(code) == nullptr || tree->ProvinceOf(code) != bundle->province_code()) {
      return InFile(path,
                    absl::InvalidArgumentError(absl::StrCat(
                        spath, ": \"", code, "\" is not a satker of province ", bundle->province_code())));
    }
  }
  return absl::OkStatus();
}

}  // namespace lkip::aggregator
