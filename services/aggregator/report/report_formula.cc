#include "services/aggregator/report/report_formula.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"

namespace lkip::aggregator {
namespace {

using rules::v1::AggregationKind;

std::string ScopeName(common::v1::UnitLevel level) {
  switch (level) {
    case common::v1::UNIT_LEVEL_KABUPATEN_KOTA:
      return "BNNK";
    case common::v1::UNIT_LEVEL_PROVINSI:
      return "BNNP";
    default:
      return "satker";
  }
}

std::string CountCondition(const rules::v1::Aggregation& a) {
  switch (a.count_mode()) {
    case rules::v1::COUNT_MODE_EXACT_BAND:
      return absl::StrCat("berkategori \"", a.category(), "\"");
    case rules::v1::COUNT_MODE_AT_LEAST:
      return absl::StrCat("berkategori \"", a.category(), "\" atau lebih baik");
    case rules::v1::COUNT_MODE_THRESHOLD:
      return absl::StrCat("dengan nilai ≥ ", DisplayIndonesian(a.threshold()));
    default:
      return "yang memenuhi syarat";
  }
}

std::string RealisasiLine(const aggregator::v1::IndicatorResult& ind, const FigurePlaces& places) {
  const std::string r = DisplayIndonesian(ind.realisasi().value(), places.province);
  std::vector<std::string> values;
  std::vector<std::string> missing;
  for (const auto& row : ind.satker_rows()) {
    if (row.missing()) {
      missing.push_back(row.satker_name());
    } else {
      values.push_back(DisplayIndonesian(row.value().value(), places.satker));
    }
  }
  switch (ind.aggregation().kind()) {
    case rules::v1::AGGREGATION_KIND_SUM:
      return absl::StrCat("Realisasi = jumlah nilai seluruh satker = ",
                          values.empty() ? "0" : absl::StrJoin(values, " + "), " = ", r);
    case rules::v1::AGGREGATION_KIND_MEAN_OF_UNITS:
      return absl::StrCat("Realisasi = rata-rata nilai satker = (", absl::StrJoin(values, " + "), ") / ",
                          values.size(), " = ", r);
    case rules::v1::AGGREGATION_KIND_COUNT_UNITS: {
      std::vector<std::string> counted;
      for (const auto& row : ind.satker_rows()) {
        if (row.counted()) counted.push_back(row.satker_name());
      }
      return absl::StrCat(
          "Realisasi = jumlah ", ScopeName(ind.aggregation().scope()), " ", CountCondition(ind.aggregation()),
          " = ", r, counted.empty() ? "" : absl::StrCat(" (", absl::StrJoin(counted, ", "), ")"),
          missing.empty()
              ? ""
              : absl::StrCat("; belum ada nilai, tidak dihitung: ", absl::StrJoin(missing, ", ")));
    }
    case rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE:
      return absl::StrCat("Realisasi = nilai BNNP = ", r);
    default:
      return absl::StrCat("Realisasi = ", r);
  }
}

// The satker table's TOTAL row names the rule that makes the IKK's realisasi from its rows.
std::string TotalLabel(const aggregator::v1::IndicatorResult& ind) {
  switch (ind.aggregation().kind()) {
    case rules::v1::AGGREGATION_KIND_SUM:
      return "TOTAL (jumlah)";
    case rules::v1::AGGREGATION_KIND_MEAN_OF_UNITS:
      return "TOTAL (rata-rata)";
    case rules::v1::AGGREGATION_KIND_COUNT_UNITS:
      return absl::StrCat("TOTAL (jumlah ", ScopeName(ind.aggregation().scope()), " ",
                          CountCondition(ind.aggregation()), ")");
    case rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE:
      return "TOTAL (nilai BNNP)";
    default:
      return "TOTAL";
  }
}

std::string CapaianLine(const aggregator::v1::IndicatorResult& ind, int places) {
  const std::string capaian =
      ind.capaian_available()
          ? absl::StrCat(RoundedIndonesian(ind.capaian().value(), 2).value_or(ind.capaian().value()), "%")
          : "NA";
  const std::string note = ind.capaian_note().empty() ? "" : absl::StrCat(" (", ind.capaian_note(), ")");
  if (!ind.target().has_value()) return absl::StrCat("Capaian = ", capaian, note);
  const auto t = Decimal::Parse(ind.target().value().value());
  if (!t.ok() || t->Sign() == 0) return absl::StrCat("Capaian = ", capaian, note);
  const std::string ts = DisplayIndonesian(ind.target().value().value(), places);
  const std::string rs = DisplayIndonesian(ind.realisasi().value(), places);
  if (ind.polarity() == common::v1::POLARITY_LOWER_IS_BETTER) {
    return absl::StrCat("Capaian = (2 × Target − Realisasi) / Target × 100% = (2 × ", ts, " − ", rs, ") / ",
                        ts, " × 100% = ", capaian, note);
  }
  return absl::StrCat("Capaian = Realisasi / Target × 100% = ", rs, " / ", ts, " × 100% = ", capaian, note);
}

}  // namespace

FigurePlaces PlacesOf(const aggregator::v1::IndicatorResult& ind) {
  static constexpr int kMostPlaces = 2;
  auto widen = [](int* places, const std::string& exact) {
    if (!exact.empty()) *places = std::max(*places, std::min(DisplayPlaces(exact), kMostPlaces));
  };
  FigurePlaces out;
  const auto& t = ind.target();
  widen(&out.province, t.has_range() ? t.range().low().value() : t.value().value());
  if (t.has_range()) widen(&out.province, t.range().high().value());
  if (ind.available()) widen(&out.province, ind.realisasi().value());
  for (const auto& row : ind.satker_rows()) {
    if (!row.missing()) widen(&out.satker, row.value().value());
    widen(&out.satker, row.target().value());
    if (row.has_alternative()) widen(&out.satker, row.alternative().value().value());
  }
  if (ind.aggregation().kind() != rules::v1::AGGREGATION_KIND_COUNT_UNITS) {
    out.province = out.satker = std::max(out.province, out.satker);
  }
  return out;
}

std::string TargetDisplay(const common::v1::Target& t, int places) {
  if (t.has_range()) {
    return absl::StrCat(DisplayIndonesian(t.range().low().value(), places), " - ",
                        DisplayIndonesian(t.range().high().value(), places));
  }
  return DisplayIndonesian(t.value().value(), places);
}

report::v1::Computation ComputationOf(const aggregator::v1::IndicatorResult& ind) {
  report::v1::Computation out;
  if (!ind.available()) return out;
  const FigurePlaces places = PlacesOf(ind);
  out.set_realisasi(RealisasiLine(ind, places));
  out.set_capaian(CapaianLine(ind, places.province));
  out.set_total(TotalLabel(ind));
  return out;
}

report::v1::RincianTable RincianOf(const aggregator::v1::IndicatorResult& ind) {
  // id, label. A part first met in a later row goes right after the part its row gives before
  // it, so each row's order holds ("IKP pendidikan" beside "IKP pemerintah", not at the end); a
  // row's first part, when new, goes last.
  std::vector<std::pair<std::string, std::string>> columns;
  for (const auto& row : ind.satker_rows()) {
    size_t next = SIZE_MAX;  // where a new part of this row goes; SIZE_MAX: at the end
    for (const auto& d : row.details()) {
      auto it =
          std::find_if(columns.begin(), columns.end(), [&](const auto& c) { return c.first == d.id(); });
      if (it == columns.end()) {
        it = columns.insert(next == SIZE_MAX ? columns.end() : columns.begin() + static_cast<long>(next),
                            {d.id(), d.label()});
      }
      next = static_cast<size_t>(it - columns.begin()) + 1;
    }
  }
  report::v1::RincianTable out;
  if (columns.empty()) return out;
  for (const auto& [id, label] : columns) out.add_columns(label);
  std::vector<std::string> sources;
  for (const auto& row : ind.satker_rows()) {
    if (row.details().empty()) continue;
    auto* line = out.add_rows();
    line->set_satker(row.satker_name());
    const std::string& source = row.provenance().source_document();
    if (!source.empty() && std::find(sources.begin(), sources.end(), source) == sources.end()) {
      sources.push_back(source);
    }
    for (const auto& [id, label] : columns) {
      std::string cell = "-";
      for (const auto& d : row.details()) {
        if (d.id() == id) cell = DisplayIndonesian(d.value().value());
      }
      line->add_cells(cell);
    }
  }
  out.set_sumber(absl::StrJoin(sources, "; "));
  return out;
}

report::v1::CategoryTable CategoryTableOf(const aggregator::v1::IndicatorResult& ind) {
  report::v1::CategoryTable out;
  out.set_name(ind.category_scheme_name().empty() ? ind.measure_name() : ind.category_scheme_name());
  for (const auto& c : ind.categories()) {
    auto* row = out.add_rows();
    row->set_label(c.label());
    row->set_interval(c.display());
  }
  return out;
}

}  // namespace lkip::aggregator
