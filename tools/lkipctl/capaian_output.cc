#include "tools/lkipctl/capaian_output.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"

namespace lkip::ctl {
namespace {

using nlohmann::ordered_json;

ordered_json FindingsJson(const google::protobuf::RepeatedPtrField<common::v1::Finding>& findings) {
  ordered_json out = ordered_json::array();
  for (const auto& f : findings) out.push_back(FindingJson(f));
  return out;
}

std::string TargetText(const common::v1::Target& t) {
  if (t.has_range()) return absl::StrCat(t.range().low().value(), "-", t.range().high().value());
  return t.value().value();
}

std::string TargetDisplay(const common::v1::Target& t) {
  if (t.has_range()) {
    return absl::StrCat(DisplayIndonesian(t.range().low().value()), " - ",
                        DisplayIndonesian(t.range().high().value()));
  }
  return DisplayIndonesian(t.value().value());
}

// nlohmann JSON -> Mustache data, so the template sees exactly the JSON contract.
// kainjow's set() and push_back() copy their argument, and copying a subtree at every level
// made this conversion cost more than fetching the report's data; so an empty value is inserted
// and the converted child moved into it (the element is owned by `d`, not const): each node is
// built once.
kainjow::mustache::data ToMustache(const ordered_json& j) {
  using kainjow::mustache::data;
  if (j.is_object()) {
    data d{data::type::object};
    for (auto it = j.begin(); it != j.end(); ++it) {
      d.set(it.key(), data{data::type::invalid});
      *const_cast<data*>(d.get(it.key())) = ToMustache(it.value());
    }
    return d;
  }
  if (j.is_array()) {
    data list{data::type::list};
    // Reserved: the element type's move is not noexcept, so a growing vector would copy.
    const_cast<kainjow::mustache::basic_list<std::string>&>(list.list_value()).reserve(j.size());
    for (const auto& e : j) {
      list.push_back(data{data::type::invalid});
      const_cast<data&>(list.list_value().back()) = ToMustache(e);
    }
    return list;
  }
  if (j.is_boolean()) return j.get<bool>() ? data{data::type::bool_true} : data{data::type::bool_false};
  if (j.is_string()) return data{j.get_ref<const std::string&>()};
  if (j.is_null()) return data{std::string()};
  if (j.is_number_integer()) return data{std::to_string(j.get<int64_t>())};
  if (j.is_number_unsigned()) return data{std::to_string(j.get<uint64_t>())};
  return data{j.dump()};
}

}  // namespace

ordered_json FindingJson(const common::v1::Finding& f) {
  ordered_json values = ordered_json::array();
  for (const auto& v : f.values()) values.push_back({{"label", v.label()}, {"value", v.value()}, {"source", v.source()}});
  return {{"code", f.code()},
          {"severity", common::v1::Severity_Name(f.severity())},
          {"subject", f.subject()},
          {"message", f.message()},
          {"values", values}};
}

std::string DisplayIndonesian(const std::string& exact) {
  // Fast path for a plain decimal with at most four decimals ("54.36", "16468319000", "-2.5"):
  // regrouped as text, the same result as below without building a rational (the report
  // formats thousands of these and the parse dominated building its view).
  {
    std::string_view s = exact;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) s.remove_prefix(1);
    const size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    auto digits = [](std::string_view t) {
      return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!s.empty() && s != "." && digits(whole) && digits(frac) && frac.size() <= 4 &&
        (dot == std::string_view::npos || !frac.empty())) {
      while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
      while (whole.size() > 1 && whole[0] == '0') whole.remove_prefix(1);
      const bool zero = (whole.empty() || whole == "0") && frac.empty();
      std::string out = negative && !zero ? "-" : "";
      out += GroupThousands(whole.empty() ? "0" : whole);
      if (!frac.empty()) out.append(",").append(frac);
      return out;
    }
  }
  auto d = Decimal::Parse(exact);
  if (!d.ok()) return exact;
  if (d->IsTerminating()) {
    std::string s = d->ToExactString();
    auto dot = s.find('.');
    const int places = dot == std::string::npos ? 0 : static_cast<int>(s.size() - dot - 1);
    if (places <= 4) return d->ToIndonesian(places);
  }
  return d->ToIndonesian(2);
}

ordered_json CapaianJson(const aggregator::v1::CapaianReport& report) {
  ordered_json out;
  out["fiscal_year"] = report.fiscal_year();
  out["satker"] = report.province_code();
  out["satker_name"] = report.province_name();
  out["rule_set_version"] = report.rule_set_version();
  out["complete"] = report.complete();
  ordered_json indicators = ordered_json::array();
  for (const auto& ind : report.indicators()) {
    ordered_json j;
    j["code"] = ind.code();
    j["sasaran"] = ind.sasaran_number();
    j["name"] = ind.name();
    j["unit"] = ind.unit();
    j["service"] = ind.service();
    j["target"] = TargetText(ind.target());
    j["target_display"] = TargetDisplay(ind.target());
    j["available"] = ind.available();
    if (!ind.available()) {
      j["unavailable_reason"] = ind.unavailable_reason();
      j["realisasi"] = nullptr;
      j["capaian"] = nullptr;
      j["display"] = "data tidak tersedia";
    } else {
      j["realisasi"] = ind.realisasi().value();
      j["realisasi_display"] = DisplayIndonesian(ind.realisasi().value());
      if (ind.capaian_available()) {
        const Decimal c = *Decimal::Parse(ind.capaian().value());
        j["capaian"] = c.ToFixed(2);
        j["capaian_exact"] = ind.capaian().value();
        j["capaian_display"] = c.ToIndonesian(2);
      } else {
        j["capaian"] = nullptr;
        j["capaian_display"] = "NA";
      }
      if (!ind.capaian_note().empty()) j["capaian_note"] = ind.capaian_note();
    }
    j["verified"] = ind.verified();
    j["rule_source"] = ind.rule_source();
    ordered_json rows = ordered_json::array();
    for (const auto& r : ind.satker_rows()) {
      ordered_json row;
      row["satker"] = r.satker_code();
      row["name"] = r.satker_name();
      row["value"] = r.value().value();
      row["value_display"] = DisplayIndonesian(r.value().value());
      row["target"] = r.target().value().empty() ? ordered_json(nullptr) : ordered_json(r.target().value());
      row["category"] = r.category();
      row["counted"] = r.counted();
      row["source"] = r.provenance().source_document();
      if (r.has_alternative()) {
        // The value of the other source (computed from raw records, or recorded), for comparison.
        row["alternative"] = {{"value", r.alternative().value().value()},
                              {"value_display", DisplayIndonesian(r.alternative().value().value())},
                              {"kind", common::v1::ProvenanceKind_Name(r.alternative().provenance().kind())},
                              {"source", r.alternative().provenance().source_document()},
                              {"rule", r.alternative().provenance().rule_ref()}};
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
  ordered_json band_list = ordered_json::array();   // the same, as a list, for templates
  for (const auto& set : report.bands()) {
    ordered_json rows = ordered_json::array();
    for (const auto& r : set.rows()) {
      rows.push_back({{"label", r.label()}, {"count", r.count()}, {"codes", r.codes()}});
    }
    bands[set.band_set()] = rows;
    band_list.push_back({{"id", set.band_set()},
                         {"title", set.title()},
                         {"rows", rows},
                         {"not_counted", set.not_counted()}});
  }
  out["bands"] = bands;
  out["band_sets"] = band_list;
  out["unverified_rules"] = report.unverified_rules();
  out["has_unverified_rules"] = report.unverified_rules_size() > 0;
  ordered_json services = ordered_json::array();
  for (const auto& s : report.services()) {
    services.push_back({{"service", s.service()}, {"available", s.available()}, {"reason", s.reason()}});
  }
  out["services"] = std::move(services);
  return out;
}

absl::StatusOr<std::string> RenderTemplate(const ordered_json& view, const std::string& template_text) {
  kainjow::mustache::mustache tmpl(template_text);
  if (!tmpl.is_valid()) {
    return absl::InvalidArgumentError(absl::StrCat("template: ", tmpl.error_message()));
  }
  std::string out = tmpl.render(ToMustache(view));
  if (!tmpl.is_valid()) return absl::InvalidArgumentError(absl::StrCat("template: ", tmpl.error_message()));
  return out;
}

absl::StatusOr<std::string> RenderCapaianHtml(const aggregator::v1::CapaianReport& report,
                                              const std::string& template_text) {
  return RenderTemplate(CapaianJson(report), template_text);
}

}  // namespace lkip::ctl
