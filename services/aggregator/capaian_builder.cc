#include "services/aggregator/capaian_builder.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/capaian/capaian.h"
#include "common/status/macros.h"

namespace lkip::aggregator {

namespace {

// Each satker's target from the PK it signed (it replaces a target recorded with a published
// value: the PK is the signed one), and its capaian against that target by the IKK's polarity,
// computed as the province's is.
absl::Status SetSatkerTargets(const aggregator::v1::PkIndicator& ind, common::v1::Polarity polarity,
                              const ZeroTargetRule& zero_rule, aggregator::v1::IndicatorResult* out) {
  std::map<std::string, const common::v1::Decimal*> pk_targets;
  for (const auto& t : ind.satker_targets()) pk_targets[t.satker_code()] = &t.target();
  for (auto& row : *out->mutable_satker_rows()) {
    if (auto t = pk_targets.find(row.satker_code()); t != pk_targets.end()) {
      *row.mutable_target() = *t->second;
    }
    if (row.missing() || row.target().value().empty()) continue;
    ASSIGN_OR_RETURN(const Decimal target, Decimal::Parse(row.target().value()));
    ASSIGN_OR_RETURN(const Decimal value, Decimal::Parse(row.value().value()));
    const Capaian c = ComputeCapaian(polarity, TargetSpec::Single(target), value, zero_rule);
    if (c.available) row.mutable_capaian()->set_value(c.value.ToExactString());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<aggregator::v1::CapaianReport> BuildCapaianReport(const aggregator::v1::PerjanjianKinerja& pk,
                                                                 const UnitTree& units,
                                                                 const YearRules& rules,
                                                                 const std::vector<ServiceFetch>& fetched) {
  const ZeroTargetRule zero_rule =
      ZeroTargetRuleFromProto(rules.rules().zero_target_lower_is_better(), rules.numbers());
  aggregator::v1::CapaianReport report;
  report.set_fiscal_year(pk.fiscal_year());
  report.set_province_code(pk.province_code());
  if (const auto* unit = units.Find(pk.province_code()); unit != nullptr)
    report.set_province_name(unit->name());
  report.set_rule_set_version(rules.version());

  std::map<std::string, const ServiceFetch*> by_service;
  std::map<std::string, const indicator::v1::IndicatorValue*> by_code;
  for (const auto& f : fetched) {
    by_service[f.service] = &f;
    auto* status = report.add_services();
    status->set_service(f.service);
    status->set_address(f.address);
    status->set_available(f.status.ok());
    status->set_reason(f.status.ok() ? "" : std::string(f.status.message()));
    status->set_latency_micros(f.latency_micros);
    if (!f.status.ok()) continue;
    if (f.response.rule_set_version() != rules.version()) {
      return absl::FailedPreconditionError(
          absl::StrCat("service ", f.service, " computes with rule set ", f.response.rule_set_version(),
                       ", the aggregator with ", rules.version(), "; deploy the same rules to both"));
    }
    for (const auto& v : f.response.values()) by_code[v.code()] = &v;
  }

  struct Counted {
    std::string code;
    bool available;
    Capaian capaian;
  };
  std::vector<Counted> counted;
  std::set<std::string> unverified;
  bool complete = true;
  for (const auto& sasaran : pk.sasaran()) {
    for (const auto& ind : sasaran.indicators()) {
      const auto* rule = rules.FindIndicator(ind.code());
      if (rule == nullptr) {
        return absl::FailedPreconditionError(absl::StrCat("stored perjanjian kinerja names ", ind.code(),
                                                          ", which rule set ", rules.version(),
                                                          " does not define"));
      }
      auto* out = report.add_indicators();
      out->set_code(ind.code());
      out->set_name(ind.name());
      out->set_unit(ind.unit());
      out->set_sasaran_number(sasaran.number());
      out->set_service(ind.service());
      *out->mutable_target() = ind.target();
      out->set_polarity(rule->polarity());
      out->set_verified(rule->verified());
      out->set_rule_source(rule->source());
      *out->mutable_aggregation() = rule->aggregation();
      if (const auto* measure = rules.FindMeasure(rule->measure()); measure != nullptr) {
        out->set_measure_name(measure->name());
        out->set_category_scheme_name(measure->category_scheme_name());
        *out->mutable_categories() = measure->categories();
      }
      if (!rule->verified()) unverified.insert(absl::StrCat(rule->code(), ": ", rule->source()));

      std::string reason;
      auto svc = by_service.find(ind.service());
      if (svc == by_service.end()) {
        reason = absl::StrCat("layanan ", ind.service(), " tidak dikonfigurasi pada aggregator");
      } else if (!svc->second->status.ok()) {
        // What the reader needs; the call's code and message stay in the report's services[].
        reason = absl::StrCat("layanan ", ind.service(), " tidak dapat dihubungi saat laporan disusun");
      } else if (auto v = by_code.find(ind.code()); v == by_code.end()) {
        reason = absl::StrCat("layanan ", ind.service(), " tidak mengirim nilai ", ind.code());
      } else if (!v->second->available()) {
        reason = absl::StrCat("belum ada data: ", v->second->unavailable_reason());
      }
      if (!reason.empty()) {
        complete = false;
        out->set_available(false);
        out->set_unavailable_reason(reason);
        counted.push_back(Counted{ind.code(), false, Capaian{}});
        continue;
      }
      const indicator::v1::IndicatorValue& value = *by_code[ind.code()];
      out->set_available(true);
      *out->mutable_realisasi() = value.realisasi();
      *out->mutable_satker_rows() = value.satker_rows();
      RETURN_IF_ERROR(SetSatkerTargets(ind, rule->polarity(), zero_rule, out));
      *out->mutable_provenance() = value.provenance();
      ASSIGN_OR_RETURN(Decimal realisasi, Decimal::Parse(value.realisasi().value()));
      ASSIGN_OR_RETURN(TargetSpec target, TargetFromProto(ind.target()));
      Capaian c = ComputeCapaian(rule->polarity(), target, realisasi, zero_rule);
      out->set_capaian_available(c.available);
      if (c.available) out->mutable_capaian()->set_value(c.value.ToExactString());
      out->set_capaian_note(c.note);
      if (!c.verified) {
        out->set_verified(false);
        unverified.insert(absl::StrCat(ind.code(), ": ", c.note, " (ketentuan sementara)"));
      }
      counted.push_back(Counted{ind.code(), true, c});
    }
  }
  report.set_complete(complete);
  for (const auto& u : unverified) report.add_unverified_rules(u);
  // A rule set carried over to a new year (lkipctl rules new-year) until it is reviewed.
  for (const auto& item : rules.rules().review()) {
    report.add_unverified_rules(
        absl::StrCat("Aturan ", rules.version(), " belum ditinjau (", item.path(), "): ", item.reason()));
  }

  for (const auto& band_set : rules.rules().band_sets()) {
    auto* bands = report.add_bands();
    bands->set_band_set(band_set.id());
    bands->set_title(band_set.title());
    for (const auto& band : band_set.bands()) bands->add_rows()->set_label(band.label());
    for (const auto& c : counted) {
      // Missing data is not an NA capaian: it is listed, never counted into a band.
      std::optional<int> index =
          c.available ? AssignBand(band_set, rules.numbers(), c.capaian) : std::nullopt;
      if (!index) {
        bands->add_not_counted(c.code);
        continue;
      }
      auto* row = bands->mutable_rows(*index);
      row->set_count(row->count() + 1);
      row->add_codes(c.code);
    }
  }
  return report;
}

}  // namespace lkip::aggregator
