#include "common/rules/aggregate.h"

#include "absl/strings/str_cat.h"
#include "common/numeric/statistics.h"
#include "common/rules/rule_book.h"

namespace lkip {

Aggregated Aggregate(const YearRules& year, const rules::v1::IndicatorRule& rule,
                     const rules::v1::Measure& measure, const std::string& province_code,
                     const std::vector<SatkerFigure>& rows) {
  Aggregated out;
  out.rows.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const int cat = year.CategoryIndex(measure, rows[i].value);
    if (cat >= 0) out.rows[i].category = measure.categories(cat).label();
  }
  if (rows.empty()) {
    out.unavailable_reason = absl::StrCat("belum ada nilai satker yang dicatat untuk ", measure.name());
    return out;
  }
  const auto& agg = rule.aggregation();
  switch (agg.kind()) {
    case rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE: {
      for (const auto& row : rows) {
        if (row.satker_code == province_code) {
          out.available = true;
          out.realisasi = row.value;
          out.explanation = absl::StrCat("nilai satker provinsi ", province_code);
          return out;
        }
      }
      out.unavailable_reason = absl::StrCat("belum ada nilai kantor BNNP (", province_code,
                                            ") yang dicatat untuk ", measure.name());
      return out;
    }
    case rules::v1::AGGREGATION_KIND_SUM: {
      Decimal sum;
      for (const auto& row : rows) sum = sum + row.value;
      out.available = true;
      out.realisasi = sum;
      out.explanation = absl::StrCat("jumlah ", rows.size(), " satker");
      return out;
    }
    case rules::v1::AGGREGATION_KIND_MEAN_OF_UNITS: {
      std::vector<Decimal> values;
      for (const auto& row : rows) values.push_back(row.value);
      out.available = true;
      out.realisasi = *Mean(values);  // rows is not empty
      out.explanation = absl::StrCat("rata-rata ", rows.size(), " satker");
      return out;
    }
    case rules::v1::AGGREGATION_KIND_COUNT_UNITS: {
      const int wanted = CategoryIndexByLabel(measure, agg.category());
      const auto threshold = year.numbers().Optional(agg.threshold());
      long count = 0, in_scope = 0;
      for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].level != agg.scope()) continue;
        ++in_scope;
        bool hit = false;
        switch (agg.count_mode()) {
          case rules::v1::COUNT_MODE_EXACT_BAND:
            hit = year.CategoryIndex(measure, rows[i].value) == wanted;
            break;
          case rules::v1::COUNT_MODE_AT_LEAST:
            hit = year.CategoryIndex(measure, rows[i].value) >= wanted;
            break;
          case rules::v1::COUNT_MODE_THRESHOLD:
            hit = threshold && rows[i].value >= *threshold;
            break;
          default:
            break;
        }
        out.rows[i].counted = hit;
        count += hit;
      }
      if (in_scope == 0) {
        out.unavailable_reason = absl::StrCat(
            "belum ada nilai satker pada tingkat yang dihitung yang dicatat untuk ", measure.name());
        return out;
      }
      out.available = true;
      out.realisasi = Decimal(count);
      switch (agg.count_mode()) {
        case rules::v1::COUNT_MODE_EXACT_BAND:
          out.explanation = absl::StrCat("jumlah satker berkategori \"", agg.category(), "\" (tepat)");
          break;
        case rules::v1::COUNT_MODE_AT_LEAST:
          out.explanation = absl::StrCat("jumlah satker berkategori minimal \"", agg.category(), "\"");
          break;
        default:
          out.explanation = absl::StrCat("jumlah satker dengan nilai >= ", agg.threshold());
      }
      absl::StrAppend(&out.explanation, " dari ", in_scope, " satker");
      return out;
    }
    default:
      out.unavailable_reason = "aturan agregasi IKK ini belum ditetapkan";
      return out;
  }
}

}  // namespace lkip
