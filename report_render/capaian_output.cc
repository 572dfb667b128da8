#include "report_render/capaian_output.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "report_render/json_object.h"
#include "report_render/proto_walk.h"
#include "services/aggregator/report/report_formula.h"

namespace lkip::render {
namespace {

using nlohmann::ordered_json;

ordered_json FindingsJson(const google::protobuf::RepeatedPtrField<common::v1::Finding>& findings) {
  ordered_json out = JsonArray(findings.size());
  for (const auto& f : findings) out.push_back(FindingJson(f));
  return out;
}

std::string TargetText(const common::v1::Target& t) {
  if (t.has_range()) return absl::StrCat(t.range().low().value(), "-", t.range().high().value());
  return t.value().value();
}

}  // namespace

ordered_json FindingJson(const common::v1::Finding& f) {
  ordered_json values = JsonArray(f.values_size());
  for (const auto& v : f.values()) {
    ordered_json value = JsonObject(3);
    value["label"] = v.label();
    value["value"] = v.value();
    value["source"] = v.source();
    values.push_back(std::move(value));
  }
  ordered_json out = JsonObject(5);
  out["code"] = f.code();
  out["severity"] = common::v1::Severity_Name(f.severity());
  out["subject"] = f.subject();
  out["message"] = f.message();
  out["values"] = std::move(values);
  return out;
}

namespace {

// `name`: the exact figure as a decimal; one without a finite expansion rounded as every JSON
// file writes it (proto_walk.h), with the fraction in `name`_fraction.
void AddDecimal(ordered_json& into, const std::string& name, const std::string& exact) {
  auto [decimal, fraction] = JsonDecimal(exact);
  into[name] = std::move(decimal);
  if (!fraction.empty()) into[name + "_fraction"] = std::move(fraction);
}

}  // namespace

ordered_json CapaianJson(const aggregator::v1::CapaianReport& report) {
  ordered_json out = JsonObject(16);  // room for every member below: growing would copy the indicators
  out["fiscal_year"] = report.fiscal_year();
  out["province_code"] = report.province_code();
  out["province_name"] = report.province_name();
  out["rule_set_version"] = report.rule_set_version();
  out["complete"] = report.complete();
  ordered_json indicators = JsonArray(report.indicators_size());
  for (const auto& ind : report.indicators()) {
    ordered_json j = JsonObject(40);  // ~18 members, and room for the ~10 the report's view adds
    j["code"] = ind.code();
    j["sasaran"] = ind.sasaran_number();
    j["name"] = ind.name();
    j["unit"] = ind.unit();
    j["service"] = ind.service();
    j["target"] = TargetText(ind.target());
    // The report's decimal convention: the IKK's figures with as many decimals as the most
    // precise of them (report_formula.h, PlacesOf).
    const int places = aggregator::PlacesOf(ind).province;
    j["target_display"] = aggregator::TargetDisplay(ind.target(), places);
    j["available"] = ind.available();
    if (!ind.available()) {
      j["unavailable_reason"] = ind.unavailable_reason();
      j["realisasi"] = nullptr;
      j["capaian"] = nullptr;
      j["display"] = "data tidak tersedia";
    } else {
      AddDecimal(j, "realisasi", ind.realisasi().value());
      j["realisasi_display"] = DisplayIndonesian(ind.realisasi().value(), places);
      if (ind.capaian_available()) {
        // The services send exact text; text that does not parse shows as sent.
        const std::string& c = ind.capaian().value();
        j["capaian"] = RoundedFixed(c, 2).value_or(c);
        AddDecimal(j, "capaian_exact", c);
        j["capaian_display"] = RoundedIndonesian(c, 2).value_or(c);
      } else {
        j["capaian"] = nullptr;
        j["capaian_display"] = "NA";
      }
      if (!ind.capaian_note().empty()) j["capaian_note"] = ind.capaian_note();
    }
    j["verified"] = ind.verified();
    j["rule_source"] = ind.rule_source();
    ordered_json rows = JsonArray(ind.satker_rows_size());
    for (const auto& r : ind.satker_rows()) {
      ordered_json row = JsonObject(10);
      row["satker_code"] = r.satker_code();
      row["satker_name"] = r.satker_name();
      if (r.missing()) {  // a unit the count could not count: no value yet
        row["value"] = nullptr;
        row["value_display"] = "belum ada nilai";
        row["missing"] = true;
      } else {
        AddDecimal(row, "value", r.value().value());
        row["value_display"] = DisplayIndonesian(r.value().value());
      }
      row["target"] = r.target().value().empty() ? ordered_json(nullptr) : ordered_json(r.target().value());
      row["category"] = r.category();
      row["counted"] = r.counted();
      row["source"] = r.provenance().source_document();
      if (r.has_alternative()) {
        // The value of the other source (computed from raw records, or recorded), for comparison.
        ordered_json alternative = JsonObject(5);
        AddDecimal(alternative, "value", r.alternative().value().value());
        alternative["value_display"] = DisplayIndonesian(r.alternative().value().value());
        alternative["kind"] = common::v1::ProvenanceKind_Name(r.alternative().provenance().kind());
        alternative["source"] = r.alternative().provenance().source_document();
        alternative["rule"] = r.alternative().provenance().rule_ref();
        row["alternative"] = std::move(alternative);
      }
      if (r.findings_size() > 0) row["findings"] = FindingsJson(r.findings());
      rows.push_back(std::move(row));
    }
    j["satker_rows"] = std::move(rows);
    if (ind.has_provenance()) j["rule_applied"] = ind.provenance().rule_ref();
    indicators.push_back(std::move(j));
  }
  out["indicators"] = std::move(indicators);
  ordered_json bands = ordered_json::object();
  ordered_json band_list = ordered_json::array();  // the same, as a list, for templates
  for (const auto& set : report.bands()) {
    ordered_json rows = ordered_json::array();
    for (const auto& r : set.rows()) {
      rows.push_back({{"label", r.label()}, {"count", r.count()}, {"codes", r.codes()}});
    }
    bands[set.band_set()] = rows;
    band_list.push_back(
        {{"id", set.band_set()}, {"title", set.title()}, {"rows", rows}, {"not_counted", set.not_counted()}});
  }
  out["bands"] = std::move(bands);
  out["band_sets"] = std::move(band_list);
  out["unverified_rules"] = report.unverified_rules();
  out["has_unverified_rules"] = report.unverified_rules_size() > 0;
  ordered_json services = ordered_json::array();
  for (const auto& s : report.services()) {
    services.push_back({{"service", s.service()}, {"available", s.available()}, {"reason", s.reason()}});
  }
  out["services"] = std::move(services);
  return out;
}

}  // namespace lkip::render
