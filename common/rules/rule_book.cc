#include "common/rules/rule_book.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/registry/bidang_registry.h"
#include "common/rules/rule_overlay.h"
#include "common/status/macros.h"
#include "common/validation/fields.h"

namespace lkip {
namespace {

using rules::v1::AggregationKind;
using rules::v1::CountMode;

absl::Status Bad(std::string_view path, std::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(std::string(path), ": ", std::string(problem)));
}

absl::StatusOr<std::optional<Decimal>> CheckDecimal(std::string_view path, const std::string& text,
                                                    bool required) {
  if (text.empty()) {
    if (required) return Bad(path, "is required");
    return std::optional<Decimal>();
  }
  auto d = Decimal::Parse(text);
  if (!d.ok()) return Bad(path, std::string(d.status().message()));
  return std::optional<Decimal>(*d);
}

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

using MeasureMap = std::map<std::string, const rules::v1::Measure*>;

absl::Status CheckMeasureRef(std::string_view path, const std::string& measure, const MeasureMap& measures) {
  if (!measure.empty() && measures.count(measure) == 0) {
    return Bad(path, absl::StrCat("\"", measure, "\" is not a measure of this rule set"));
  }
  return absl::OkStatus();
}

absl::Status ValidateBudgetRules(const rules::v1::BudgetRules& b, const MeasureMap& measures) {
  std::set<std::string> programs;
  for (int i = 0; i < b.programs_size(); ++i) {
    const auto& p = b.programs(i);
    const std::string path = absl::StrCat("instruments.budget.programs[", i, "]");
    if (!ValidCode(p.code())) return Bad(path + ".code", absl::StrCat("\"", p.code(), "\" is not a code"));
    if (!programs.insert(p.code()).second)
      return Bad(path + ".code", absl::StrCat("\"", p.code(), "\" is defined twice"));
    if (p.name().empty()) return Bad(path + ".name", "is required");
    if (p.kegiatan_size() == 0) return Bad(path + ".kegiatan", "is empty");
    std::set<std::string> kegiatan;
    for (int k = 0; k < p.kegiatan_size(); ++k) {
      const std::string kpath = absl::StrCat(path, ".kegiatan[", k, "]");
      if (!ValidCode(p.kegiatan(k).code())) {
        return Bad(kpath + ".code", absl::StrCat("\"", p.kegiatan(k).code(), "\" is not a code"));
      }
      if (!kegiatan.insert(p.kegiatan(k).code()).second) {
        return Bad(kpath + ".code", absl::StrCat("\"", p.kegiatan(k).code(), "\" is defined twice"));
      }
    }
  }
  if (b.has_nka()) {
    const auto& n = b.nka();
    RETURN_IF_ERROR(CheckMeasureRef("instruments.budget.nka.measure", n.measure(), measures));
    if (n.formula() != rules::v1::NKA_FORMULA_PMK_22_2021)
      return Bad("instruments.budget.nka.formula", "is required");
    for (const auto& [field, text] :
         {std::pair{"weight_penyerapan", &n.weight_penyerapan()},
          std::pair{"weight_konsistensi", &n.weight_konsistensi()},
          std::pair{"weight_capaian_output", &n.weight_capaian_output()},
          std::pair{"weight_efisiensi", &n.weight_efisiensi()},
          std::pair{"efficiency_clamp", &n.efficiency_clamp()}, std::pair{"tolerance", &n.tolerance()}}) {
      ASSIGN_OR_RETURN(auto d, CheckDecimal(absl::StrCat("instruments.budget.nka.", field), *text, true));
      if (d->Sign() < 0) return Bad(absl::StrCat("instruments.budget.nka.", field), "is negative");
    }
    if (Decimal::Parse(n.efficiency_clamp()).value_or(Decimal(1)).Sign() == 0)
      return Bad("instruments.budget.nka.efficiency_clamp", "is zero");
  }
  if (b.has_ikpa()) {
    const auto& k = b.ikpa();
    RETURN_IF_ERROR(CheckMeasureRef("instruments.budget.ikpa.measure", k.measure(), measures));
    if (k.components_size() == 0) return Bad("instruments.budget.ikpa.components", "is empty");
    ASSIGN_OR_RETURN(auto tol, CheckDecimal("instruments.budget.ikpa.tolerance", k.tolerance(), true));
    (void)tol;
    std::set<std::string> ids;
    for (int i = 0; i < k.components_size(); ++i) {
      const std::string path = absl::StrCat("instruments.budget.ikpa.components[", i, "]");
      if (!ValidCode(k.components(i).id())) return Bad(path + ".id", "is not a code");
      if (!ids.insert(k.components(i).id()).second) return Bad(path + ".id", "is defined twice");
      ASSIGN_OR_RETURN(auto w, CheckDecimal(path + ".weight", k.components(i).weight(), true));
      if (w->Sign() <= 0) return Bad(path + ".weight", "must be positive");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateZonaIntegritasRules(const rules::v1::ZonaIntegritasRules& z,
                                         const MeasureMap& measures) {
  if (z.areas_size() == 0 && z.measure().empty()) return absl::OkStatus();
  RETURN_IF_ERROR(CheckMeasureRef("instruments.zona_integritas.measure", z.measure(), measures));
  Decimal area_sum;
  std::set<std::string> ids;
  for (int i = 0; i < z.areas_size(); ++i) {
    const std::string path = absl::StrCat("instruments.zona_integritas.areas[", i, "]");
    if (!ValidCode(z.areas(i).id())) return Bad(path + ".id", "is not a code");
    if (!ids.insert(z.areas(i).id()).second) return Bad(path + ".id", "is defined twice");
    ASSIGN_OR_RETURN(auto w, CheckDecimal(path + ".weight", z.areas(i).weight(), true));
    if (w->Sign() <= 0) return Bad(path + ".weight", "must be positive");
    area_sum = area_sum + *w;
  }
  ASSIGN_OR_RETURN(auto pw,
                   CheckDecimal("instruments.zona_integritas.pemenuhan_weight", z.pemenuhan_weight(), true));
  ASSIGN_OR_RETURN(auto rw,
                   CheckDecimal("instruments.zona_integritas.reform_weight", z.reform_weight(), true));
  if (!(area_sum == *pw) || !(area_sum == *rw)) {
    return Bad("instruments.zona_integritas.areas",
               absl::StrCat("the weights sum to ", area_sum.ToExactString(),
                            ", not to pemenuhan_weight and reform_weight"));
  }
  for (int i = 0; i < z.hasil_size(); ++i) {
    const std::string path = absl::StrCat("instruments.zona_integritas.hasil[", i, "]");
    if (!ValidCode(z.hasil(i).id())) return Bad(path + ".id", "is not a code");
    if (!ids.insert(z.hasil(i).id()).second) return Bad(path + ".id", "is defined twice");
    ASSIGN_OR_RETURN(auto w, CheckDecimal(path + ".weight", z.hasil(i).weight(), true));
    if (w->Sign() <= 0) return Bad(path + ".weight", "must be positive");
  }
  std::set<std::string> scales;
  for (int i = 0; i < z.answer_scales_size(); ++i) {
    const auto& sc = z.answer_scales(i);
    const std::string path = absl::StrCat("instruments.zona_integritas.answer_scales[", i, "]");
    if (sc.id().empty() || !scales.insert(sc.id()).second)
      return Bad(path + ".id", "is empty or defined twice");
    if (sc.options_size() < 2) return Bad(path + ".options", "needs at least two answers");
    for (int o = 0; o < sc.options_size(); ++o) {
      ASSIGN_OR_RETURN(
          auto v, CheckDecimal(absl::StrCat(path, ".options[", o, "].value"), sc.options(o).value(), true));
      if (v->Sign() < 0 || *v > Decimal(1))
        return Bad(absl::StrCat(path, ".options[", o, "].value"), "is outside 0..1");
    }
  }
  for (int i = 0; i < z.verdicts_size(); ++i) {
    const auto& v = z.verdicts(i);
    const std::string path = absl::StrCat("instruments.zona_integritas.verdicts[", i, "]");
    if (v.label().empty()) return Bad(path + ".label", "is required");
    ASSIGN_OR_RETURN(auto t, CheckDecimal(path + ".min_total", v.min_total(), true));
    ASSIGN_OR_RETURN(auto f, CheckDecimal(path + ".min_area_fraction", v.min_area_fraction(), true));
    (void)t;
    if (f->Sign() < 0 || *f > Decimal(1)) return Bad(path + ".min_area_fraction", "is outside 0..1");
    for (const auto& [id, min] : v.min_hasil()) {
      bool known = false;
      for (const auto& h : z.hasil()) known = known || h.id() == id;
      if (!known) return Bad(path + ".min_hasil", absl::StrCat("\"", id, "\" is not a hasil component"));
      ASSIGN_OR_RETURN(auto m, CheckDecimal(absl::StrCat(path, ".min_hasil[", id, "]"), min, true));
      (void)m;
    }
  }
  return absl::OkStatus();
}

// A national aggregation (absent is allowed): MEAN and SUM name a quantity, COUNT_IN_BAND a band
// of one of the rule set's band sets.
absl::Status CheckNational(const std::string& path, const rules::v1::NationalAggregation& national,
                           const rules::v1::RuleSet& rs) {
  switch (national.kind()) {
    case rules::v1::NATIONAL_KIND_UNSPECIFIED:
      if (national.ByteSizeLong() != 0) return Bad(path + ".kind", "is required");
      return absl::OkStatus();
    case rules::v1::NATIONAL_KIND_MEAN:
    case rules::v1::NATIONAL_KIND_SUM:
      if (national.of() == rules::v1::NATIONAL_QUANTITY_UNSPECIFIED)
        return Bad(path + ".of", "is required for MEAN and SUM");
      return absl::OkStatus();
    case rules::v1::NATIONAL_KIND_COUNT_IN_BAND:
      for (const auto& set : rs.band_sets()) {
        if (set.id() != national.band_set()) continue;
        for (const auto& band : set.bands())
          if (band.label() == national.band()) return absl::OkStatus();
        return Bad(path + ".band", absl::StrCat("\"", national.band(), "\" is not a band of ", set.id()));
      }
      return Bad(path + ".band_set",
                 absl::StrCat("\"", national.band_set(), "\" is not a band set of this rule set"));
    default:
      return Bad(path + ".kind", absl::StrCat(static_cast<int>(national.kind()), " is not a kind"));
  }
}

}  // namespace

absl::Status ValidateRuleSet(const rules::v1::RuleSet& rs) {
  if (rs.fiscal_year() < 2000 || rs.fiscal_year() > 2100) {
    return Bad("fiscal_year", absl::StrCat(rs.fiscal_year(), " is outside 2000..2100"));
  }
  if (rs.version().empty()) return Bad("version", "is required");
  // Every field marked exact_decimal, by its path; the checks below add what each must be.
  RETURN_IF_ERROR(RuleNumbers::Parse(rs).status());
  if (!rs.extends().empty()) {
    return Bad("extends",
               absl::StrCat("\"", rs.extends(), "\": an overlay is loaded with the rule set it extends"));
  }
  for (int i = 0; i < rs.review_size(); ++i) {
    const std::string path = absl::StrCat("review[", i, "]");
    if (rs.review(i).path().empty()) return Bad(path + ".path", "is required");
    if (rs.review(i).reason().empty()) return Bad(path + ".reason", "is required");
  }
  for (int i = 0; i < rs.superseded_regulations_size(); ++i) {
    const auto& r = rs.superseded_regulations(i);
    const std::string path = absl::StrCat("superseded_regulations[", i, "]");
    if (r.name().empty()) return Bad(path + ".name", "is required");
    if (r.replaced_by().empty()) return Bad(path + ".replaced_by", "is required");
    if (r.mentions().empty()) return Bad(path + ".mentions", "needs at least one phrase");
    for (int m = 0; m < r.mentions_size(); ++m) {
      const std::string folded = FoldForSearch(r.mentions(m));
      if (std::count_if(folded.begin(), folded.end(), [](char c) { return c != ' '; }) < 6) {
        return Bad(absl::StrCat(path, ".mentions[", m, "]"),
                   absl::StrCat("\"", r.mentions(m), "\" has fewer than 6 letters or digits"));
      }
    }
  }
  std::map<std::string, const rules::v1::Measure*> measures;
  for (int i = 0; i < rs.measures_size(); ++i) {
    const auto& m = rs.measures(i);
    const std::string path = absl::StrCat("measures[", i, "]");
    if (!ValidCode(m.id())) return Bad(path + ".id", absl::StrCat("\"", m.id(), "\" is not a valid id"));
    if (!measures.emplace(m.id(), &m).second) {
      return Bad(path + ".id", absl::StrCat("\"", m.id(), "\" is defined twice"));
    }
    if (FindBidangService(m.service()) == nullptr) {
      return Bad(path + ".service", absl::StrCat("\"", m.service(), "\" is not a bidang service"));
    }
    if (m.kind() == rules::v1::MEASURE_KIND_UNSPECIFIED) return Bad(path + ".kind", "is required");
    ASSIGN_OR_RETURN(auto lo, CheckDecimal(path + ".scale_min", m.scale_min(), false));
    ASSIGN_OR_RETURN(auto hi, CheckDecimal(path + ".scale_max", m.scale_max(), false));
    if (lo && hi && !(*lo < *hi)) return Bad(path + ".scale_max", "must exceed scale_min");
    std::optional<Decimal> previous;
    std::set<std::string> labels;
    for (int c = 0; c < m.categories_size(); ++c) {
      const auto& cat = m.categories(c);
      const std::string cpath = absl::StrCat(path, ".categories[", c, "]");
      if (cat.label().empty()) return Bad(cpath + ".label", "is required");
      if (!labels.insert(cat.label()).second) {
        return Bad(cpath + ".label", absl::StrCat("\"", cat.label(), "\" is listed twice"));
      }
      ASSIGN_OR_RETURN(auto min, CheckDecimal(cpath + ".min", cat.min(), c > 0));
      if (c == 0 && min) return Bad(cpath + ".min", "the lowest category has no minimum");
      if (c > 1 && !(*previous < *min)) {
        return Bad(cpath + ".min", absl::StrCat(cat.min(), " does not exceed the previous minimum"));
      }
      previous = min;
    }
  }

  std::set<std::string> codes;
  for (int i = 0; i < rs.indicators_size(); ++i) {
    const auto& ind = rs.indicators(i);
    const std::string path = absl::StrCat("indicators[", i, "]");
    if (!ValidCode(ind.code()))
      return Bad(path + ".code", absl::StrCat("\"", ind.code(), "\" is not a valid code"));
    if (!codes.insert(ind.code()).second) {
      return Bad(path + ".code", absl::StrCat("\"", ind.code(), "\" is defined twice"));
    }
    if (ind.name().empty()) return Bad(path + ".name", "is required");
    if (ind.polarity() == common::v1::POLARITY_UNSPECIFIED) return Bad(path + ".polarity", "is required");
    auto m = measures.find(ind.measure());
    if (m == measures.end()) {
      return Bad(path + ".measure",
                 absl::StrCat("\"", ind.measure(), "\" is not a measure of this rule set"));
    }
    const auto& agg = ind.aggregation();
    switch (agg.kind()) {
      case rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE:
      case rules::v1::AGGREGATION_KIND_SUM:
      case rules::v1::AGGREGATION_KIND_MEAN_OF_UNITS:
        break;
      case rules::v1::AGGREGATION_KIND_COUNT_UNITS: {
        if (agg.scope() == common::v1::UNIT_LEVEL_UNSPECIFIED) {
          return Bad(path + ".aggregation.scope", "is required for COUNT_UNITS");
        }
        if (agg.count_mode() == rules::v1::COUNT_MODE_THRESHOLD) {
          ASSIGN_OR_RETURN(auto t, CheckDecimal(path + ".aggregation.threshold", agg.threshold(), true));
          (void)t;
        } else if (agg.count_mode() == rules::v1::COUNT_MODE_EXACT_BAND ||
                   agg.count_mode() == rules::v1::COUNT_MODE_AT_LEAST) {
          if (CategoryIndexByLabel(*m->second, agg.category()) < 0) {
            return Bad(path + ".aggregation.category",
                       absl::StrCat("\"", agg.category(), "\" is not a category of measure ", ind.measure()));
          }
        } else {
          return Bad(path + ".aggregation.count_mode", "is required for COUNT_UNITS");
        }
        break;
      }
      default:
        return Bad(path + ".aggregation.kind", "is required");
    }
    RETURN_IF_ERROR(CheckNational(path + ".national", ind.national(), rs));
    RETURN_IF_ERROR(CheckNational(path + ".national_comparison", ind.national_comparison(), rs));
    if (ind.has_national_comparison() && ind.national_comparison().label().empty())
      return Bad(path + ".national_comparison.label", "is required (the report names what is compared)");
  }

  std::set<std::string> band_ids;
  for (int i = 0; i < rs.band_sets_size(); ++i) {
    const auto& bs = rs.band_sets(i);
    const std::string path = absl::StrCat("band_sets[", i, "]");
    if (bs.id().empty()) return Bad(path + ".id", "is required");
    if (!band_ids.insert(bs.id()).second)
      return Bad(path + ".id", absl::StrCat("\"", bs.id(), "\" is defined twice"));
    if (bs.bands_size() == 0) return Bad(path + ".bands", "is empty");
    for (int b = 0; b < bs.bands_size(); ++b) {
      const auto& band = bs.bands(b);
      const std::string bpath = absl::StrCat(path, ".bands[", b, "]");
      if (band.label().empty()) return Bad(bpath + ".label", "is required");
      ASSIGN_OR_RETURN(auto lo, CheckDecimal(bpath + ".lower", band.lower(), false));
      ASSIGN_OR_RETURN(auto hi, CheckDecimal(bpath + ".upper", band.upper(), false));
      if (lo && hi && *hi < *lo) return Bad(bpath + ".upper", "is below lower");
    }
  }
  const auto& inst = rs.instruments();
  if (!inst.skm_weight().empty() && inst.skm_weight() != "1/9" && inst.skm_weight() != "0.11") {
    return Bad("instruments.skm_weight",
               absl::StrCat("\"", inst.skm_weight(), "\" is neither \"1/9\" nor \"0.11\""));
  }
  if (!inst.skm_measure().empty() && measures.count(inst.skm_measure()) == 0) {
    return Bad("instruments.skm_measure",
               absl::StrCat("\"", inst.skm_measure(), "\" is not a measure of this rule set"));
  }
  if (!inst.ikp_measure().empty() && measures.count(inst.ikp_measure()) == 0) {
    return Bad("instruments.ikp_measure",
               absl::StrCat("\"", inst.ikp_measure(), "\" is not a measure of this rule set"));
  }
  if (!inst.whoqol_measure().empty() && measures.count(inst.whoqol_measure()) == 0) {
    return Bad("instruments.whoqol_measure",
               absl::StrCat("\"", inst.whoqol_measure(), "\" is not a measure of this rule set"));
  }
  for (int i = 0; i < inst.respondent_mean_measures_size(); ++i) {
    if (measures.count(inst.respondent_mean_measures(i)) == 0) {
      return Bad(
          absl::StrCat("instruments.respondent_mean_measures[", i, "]"),
          absl::StrCat("\"", inst.respondent_mean_measures(i), "\" is not a measure of this rule set"));
    }
  }
  static const std::set<std::string> kKawasanStatuses = {"Bahaya", "Waspada", "Siaga", "Aman"};
  for (int i = 0; i < inst.kawasan_transitions_size(); ++i) {
    const auto& t = inst.kawasan_transitions(i);
    const std::string path = absl::StrCat("instruments.kawasan_transitions[", i, "]");
    if (measures.count(t.measure()) == 0) {
      return Bad(path + ".measure", absl::StrCat("\"", t.measure(), "\" is not a measure of this rule set"));
    }
    if (kKawasanStatuses.count(t.from_status()) == 0) {
      return Bad(path + ".from_status",
                 absl::StrCat("\"", t.from_status(), "\" is not Bahaya, Waspada, Siaga or Aman"));
    }
    if (kKawasanStatuses.count(t.to_status()) == 0) {
      return Bad(path + ".to_status",
                 absl::StrCat("\"", t.to_status(), "\" is not Bahaya, Waspada, Siaga or Aman"));
    }
    if (t.from_status() == t.to_status()) return Bad(path + ".to_status", "equals from_status");
  }
  if (!inst.ikkr_measure().empty() && measures.count(inst.ikkr_measure()) == 0) {
    return Bad("instruments.ikkr_measure",
               absl::StrCat("\"", inst.ikkr_measure(), "\" is not a measure of this rule set"));
  }
  std::set<std::string> register_measures;
  for (int i = 0; i < inst.registers_size(); ++i) {
    const auto& r = inst.registers(i);
    const std::string path = absl::StrCat("instruments.registers[", i, "]");
    if (measures.count(r.measure()) == 0) {
      return Bad(path + ".measure", absl::StrCat("\"", r.measure(), "\" is not a measure of this rule set"));
    }
    if (!register_measures.insert(r.measure()).second) {
      return Bad(path + ".measure", absl::StrCat("\"", r.measure(), "\" has two registers"));
    }
    if (r.attribute().empty() != (r.allowed_values_size() == 0)) {
      return Bad(path + ".allowed_values",
                 "an attribute needs its allowed values, and values need an attribute");
    }
  }
  for (int i = 0; i < inst.respondent_dimensions_size(); ++i) {
    const auto& d = inst.respondent_dimensions(i);
    const std::string path = absl::StrCat("instruments.respondent_dimensions[", i, "]");
    if (std::find(inst.respondent_mean_measures().begin(), inst.respondent_mean_measures().end(),
                  d.measure()) == inst.respondent_mean_measures().end()) {
      return Bad(path + ".measure",
                 absl::StrCat("\"", d.measure(), "\" is not one of respondent_mean_measures"));
    }
    if (d.names_size() == 0) return Bad(path + ".names", "is empty");
  }
  for (const auto& [field, measure] : {std::pair{"case_p21_measure", &inst.case_p21_measure()},
                                       std::pair{"detainee_measure", &inst.detainee_measure()},
                                       std::pair{"evidence_measure", &inst.evidence_measure()}}) {
    if (!measure->empty() && measures.count(*measure) == 0) {
      return Bad(absl::StrCat("instruments.", field),
                 absl::StrCat("\"", *measure, "\" is not a measure of this rule set"));
    }
  }
  if (!inst.detainee_measure().empty() &&
      inst.detainee_formula() == rules::v1::DETAINEE_FORMULA_UNSPECIFIED) {
    return Bad("instruments.detainee_formula", "is required with detainee_measure");
  }
  RETURN_IF_ERROR(ValidateBudgetRules(inst.budget(), measures));
  RETURN_IF_ERROR(ValidateZonaIntegritasRules(inst.zona_integritas(), measures));
  const auto& z = rs.zero_target_lower_is_better();
  ASSIGN_OR_RETURN(auto z1, CheckDecimal("zero_target_lower_is_better.capaian_when_realisasi_zero",
                                         z.capaian_when_realisasi_zero(), true));
  ASSIGN_OR_RETURN(
      auto z2, CheckDecimal("zero_target_lower_is_better.capaian_otherwise", z.capaian_otherwise(), true));
  (void)z1;
  (void)z2;
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const YearRules>> YearRules::Load(rules::v1::RuleSet rules) {
  RETURN_IF_ERROR(ValidateRuleSet(rules));
  ASSIGN_OR_RETURN(RuleNumbers numbers, RuleNumbers::Parse(rules));  // cannot fail once valid
  return std::shared_ptr<const YearRules>(new YearRules(std::move(rules), std::move(numbers)));
}

absl::StatusOr<std::shared_ptr<const YearRules>> YearRules::FromValidatedParts(rules::v1::RuleSet parts) {
  ASSIGN_OR_RETURN(RuleNumbers numbers, RuleNumbers::Parse(parts));
  return std::shared_ptr<const YearRules>(new YearRules(std::move(parts), std::move(numbers)));
}

YearRules::YearRules(rules::v1::RuleSet rules, RuleNumbers numbers)
    : rules_(std::move(rules)), numbers_(std::move(numbers)) {
  for (int i = 0; i < rules_.measures_size(); ++i) measures_[rules_.measures(i).id()] = i;
  for (int i = 0; i < rules_.indicators_size(); ++i) indicators_[rules_.indicators(i).code()] = i;
  for (int i = 0; i < rules_.band_sets_size(); ++i) band_sets_[rules_.band_sets(i).id()] = i;
}

const rules::v1::Measure* YearRules::FindMeasure(std::string_view id) const {
  auto it = measures_.find(id);
  return it == measures_.end() ? nullptr : &rules_.measures(it->second);
}
const rules::v1::IndicatorRule* YearRules::FindIndicator(std::string_view code) const {
  auto it = indicators_.find(code);
  return it == indicators_.end() ? nullptr : &rules_.indicators(it->second);
}
const rules::v1::BandSet* YearRules::FindBandSet(std::string_view id) const {
  auto it = band_sets_.find(id);
  return it == band_sets_.end() ? nullptr : &rules_.band_sets(it->second);
}

std::vector<const rules::v1::IndicatorRule*> YearRules::IndicatorsOf(std::string_view service) const {
  std::vector<const rules::v1::IndicatorRule*> out;
  for (const auto& ind : rules_.indicators()) {
    const auto* m = FindMeasure(ind.measure());
    if (m != nullptr && m->service() == service) out.push_back(&ind);
  }
  return out;
}

std::vector<const rules::v1::Measure*> YearRules::MeasuresOf(std::string_view service) const {
  std::vector<const rules::v1::Measure*> out;
  for (const auto& m : rules_.measures()) {
    if (m.service() == service) out.push_back(&m);
  }
  return out;
}

absl::StatusOr<RuleBook> RuleBook::FromRuleSets(std::vector<rules::v1::RuleSet> sets) {
  RuleBook book;
  for (auto& rs : sets) {
    const int year = rs.fiscal_year();
    if (book.years_.count(year) != 0) {
      return absl::InvalidArgumentError(absl::StrCat("two rule sets for fiscal year ", year));
    }
    ASSIGN_OR_RETURN(book.years_[year], YearRules::Load(std::move(rs)));
  }
  return book;
}

namespace {

struct RuleFile {
  std::string path;
  rules::v1::RuleSet set;
};

absl::StatusOr<std::vector<RuleFile>> ReadRuleFiles(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return absl::InvalidArgumentError(absl::StrCat("rules directory ", dir, " does not exist"));
  }
  // An empty folder is allowed (the package's /etc/lkip/rules.d before a province adds its own);
  // LoadDirectory refuses when all of them are empty.
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<RuleFile> files;
  for (const auto& path : paths) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path.string()));
    RuleFile& file = files.emplace_back(RuleFile{path.string(), {}});
    auto parsed = google::protobuf::util::JsonStringToMessage(text.str(), &file.set);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(file.path, ": ", std::string(parsed.message())));
    }
  }
  return files;
}

// Every overlay merged into the rule set it extends (which it then replaces); an overlay may
// extend another overlay.
absl::StatusOr<std::vector<RuleFile>> ResolveOverlays(std::vector<RuleFile> files) {
  std::map<std::string, size_t> by_version;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& version = files[i].set.version();
    if (version.empty()) continue;  // refused by validation below
    if (auto [it, added] = by_version.emplace(version, i); !added) {
      return absl::InvalidArgumentError(absl::StrCat(files[i].path, ": version \"", version,
                                                     "\" is also the version of ", files[it->second].path));
    }
  }
  std::map<size_t, size_t> extended_by;  // base index -> overlay index
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& base = files[i].set.extends();
    if (base.empty()) continue;
    auto it = by_version.find(base);
    if (it == by_version.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(files[i].path, ": extends: no rule set of version \"", base, "\" was loaded"));
    }
    if (auto [other, added] = extended_by.emplace(it->second, i); !added) {
      return absl::InvalidArgumentError(absl::StrCat(
          files[i].path, ": extends: \"", base, "\" is already extended by ", files[other->second].path));
    }
  }
  // Apply from the bottom up: an overlay is applied once the rule set it extends is complete.
  std::vector<bool> done(files.size(), false);
  for (size_t round = 0; round <= files.size(); ++round) {
    bool progress = false;
    for (size_t i = 0; i < files.size(); ++i) {
      if (done[i]) continue;
      if (files[i].set.extends().empty()) {
        done[i] = progress = true;
        continue;
      }
      const size_t base = by_version.at(files[i].set.extends());
      if (!done[base]) continue;
      auto merged = ApplyOverlay(files[base].set, files[i].set);
      if (!merged.ok())
        return absl::InvalidArgumentError(absl::StrCat(files[i].path, ": ", merged.status().message()));
      files[i].set = std::move(*merged);
      files[i].path = absl::StrCat(files[i].path, " (over ", files[base].path, ")");
      done[i] = progress = true;
    }
    if (!progress) break;
  }
  std::vector<RuleFile> effective;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!done[i])
      return absl::InvalidArgumentError(absl::StrCat(files[i].path, ": extends: a cycle of overlays"));
    if (extended_by.count(i) == 0) effective.push_back(std::move(files[i]));
  }
  return effective;
}

}  // namespace

absl::StatusOr<RuleBook> RuleBook::LoadDirectory(const std::string& dirs) {
  std::vector<RuleFile> files;
  for (absl::string_view dir : absl::StrSplit(dirs, ':', absl::SkipEmpty())) {
    ASSIGN_OR_RETURN(std::vector<RuleFile> more, ReadRuleFiles(std::string(dir)));
    for (auto& f : more) files.push_back(std::move(f));
  }
  if (files.empty()) return absl::InvalidArgumentError(absl::StrCat("no *.json rule sets in ", dirs));
  ASSIGN_OR_RETURN(files, ResolveOverlays(std::move(files)));
  RuleBook book;
  book.dirs_ = dirs;
  for (auto& file : files) {
    const int year = file.set.fiscal_year();
    auto loaded = YearRules::Load(std::move(file.set));
    if (!loaded.ok())
      return absl::InvalidArgumentError(absl::StrCat(file.path, ": ", loaded.status().message()));
    if (book.years_.count(year) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(file.path, ": a second rule set for fiscal year ", year));
    }
    book.years_[year] = *std::move(loaded);
  }
  return book;
}

absl::StatusOr<const YearRules*> RuleBook::ForYear(int fiscal_year) const {
  auto it = years_.find(fiscal_year);
  if (it == years_.end()) return absl::NotFoundError(MissingYearMessage(fiscal_year));
  return it->second.get();
}

std::string RuleBook::MissingYearMessage(int fiscal_year) const {
  std::string message = absl::StrCat("no rule set for fiscal year ", fiscal_year);
  if (years_.empty()) return message;
  // The nearest earlier year is the one to carry over (the latest when none is earlier).
  auto from = years_.lower_bound(fiscal_year);
  if (from != years_.begin()) --from;
  std::vector<absl::string_view> dirs = absl::StrSplit(dirs_, ':', absl::SkipEmpty());
  const std::string target = dirs.empty() ? std::string("/etc/lkip/rules.d") : std::string(dirs.back());
  absl::StrAppend(
      &message, " (loaded: ", absl::StrJoin(Years(), ", "),
      dirs_.empty() ? "" : absl::StrCat(" from ", dirs_), "). Add one: lkipctl rules new-year ", fiscal_year,
      " --from ", from->first, " --rules-dir ", dirs_.empty() ? target : dirs_, " --out ", target, "/",
      fiscal_year,
      ".json, review what it lists, then restart the services (docs/operations.md, \"Rule sets\")");
  return message;
}

std::vector<int> RuleBook::Years() const {
  std::vector<int> out;
  for (const auto& [year, _] : years_) out.push_back(year);
  return out;
}

int YearRules::CategoryIndex(const rules::v1::Measure& measure, const Decimal& value) const {
  int index = -1;
  for (int i = 0; i < measure.categories_size(); ++i) {
    const auto& category = measure.categories(i);
    const auto min = numbers_.Optional(category.min());
    if (!min || (category.min_exclusive() ? value > *min : value >= *min)) index = i;
  }
  return index;
}

int CategoryIndexByLabel(const rules::v1::Measure& measure, std::string_view label) {
  for (int i = 0; i < measure.categories_size(); ++i) {
    if (measure.categories(i).label() == label) return i;
  }
  return -1;
}

absl::StatusOr<const rules::v1::BudgetKegiatan*> FindBudgetKegiatan(const rules::v1::BudgetRules& budget,
                                                                    int year, absl::string_view path,
                                                                    absl::string_view program_code,
                                                                    absl::string_view kegiatan_code) {
  for (const auto& p : budget.programs()) {
    if (p.code() != program_code) continue;
    for (const auto& k : p.kegiatan()) {
      if (k.code() == kegiatan_code) return &k;
    }
    return absl::InvalidArgumentError(absl::StrCat(path, ".kegiatan_code: \"", kegiatan_code,
                                                   "\" is not a kegiatan of program ", program_code));
  }
  return absl::InvalidArgumentError(absl::StrCat(path, ".program_code: \"", program_code,
                                                 "\" is not a program of the ", year, " rule set"));
}

}  // namespace lkip
