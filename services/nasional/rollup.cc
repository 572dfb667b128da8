#include "services/nasional/rollup.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/approval/state_name.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "common/status/macros.h"

namespace lkip::nasional {
namespace {

using rules::v1::NationalAggregation;

// A province's figures of one IKK, parsed once.
struct Figure {
  std::optional<Decimal> realisasi, capaian, measure_mean;
  std::string band;
};

absl::StatusOr<std::optional<Decimal>> ParseOptional(const common::v1::Decimal& d, const std::string& what) {
  if (d.value().empty()) return std::optional<Decimal>();
  absl::StatusOr<Decimal> v = Decimal::Parse(d.value());
  if (!v.ok())
    return absl::InvalidArgumentError(absl::StrCat(what, ": \"", d.value(), "\" is not a decimal"));
  return std::optional<Decimal>(*std::move(v));
}

common::v1::Decimal Exact(const Decimal& d) {
  common::v1::Decimal out;
  out.set_value(d.ToExactString());
  return out;
}

std::string Display(const Decimal& d) { return DisplayIndonesian(d.ToExactString()); }

const report::v1::IndicatorSection* FindSection(const report::v1::Report& report, const std::string& code) {
  for (const auto& s : report.sasaran())
    for (const auto& i : s.indicators())
      if (i.code() == code) return &i;
  return nullptr;
}

std::string BandOf(const report::v1::Report& report, const std::string& band_set, const std::string& code) {
  for (const auto& set : report.band_sets()) {
    if (set.band_set() != band_set) continue;
    for (const auto& row : set.rows())
      if (std::find(row.codes().begin(), row.codes().end(), code) != row.codes().end()) return row.label();
  }
  return "";
}

std::string QuantityName(rules::v1::NationalQuantity q) {
  switch (q) {
    case rules::v1::NATIONAL_QUANTITY_REALISASI:
      return "realisasi";
    case rules::v1::NATIONAL_QUANTITY_CAPAIAN:
      return "capaian";
    case rules::v1::NATIONAL_QUANTITY_MEASURE_MEAN:
      return "nilai rata-rata satker";
    default:
      return "?";
  }
}

const std::optional<Decimal>& Quantity(const Figure& f, rules::v1::NationalQuantity q) {
  static const std::optional<Decimal> kNone;
  switch (q) {
    case rules::v1::NATIONAL_QUANTITY_REALISASI:
      return f.realisasi;
    case rules::v1::NATIONAL_QUANTITY_CAPAIAN:
      return f.capaian;
    case rules::v1::NATIONAL_QUANTITY_MEASURE_MEAN:
      return f.measure_mean;
    default:
      return kNone;
  }
}

// The national value of `rule` over the provinces' figures (those with a snapshot).
v1::NationalValue Aggregate(const NationalAggregation& rule, const std::vector<const Figure*>& figures) {
  v1::NationalValue out;
  out.set_verified(rule.verified());
  out.set_source(rule.source());
  out.set_label(rule.label());
  if (rule.kind() == rules::v1::NATIONAL_KIND_UNSPECIFIED) {
    out.set_rule("tidak ada aturan nilai nasional untuk IKK ini");
    return out;
  }
  if (rule.kind() == rules::v1::NATIONAL_KIND_COUNT_IN_BAND) {
    long count = 0;
    for (const Figure* f : figures) count += f->band == rule.band() ? 1 : 0;
    out.set_available(true);
    *out.mutable_value() = Exact(Decimal(count));
    out.set_display(Display(Decimal(count)));
    out.set_provinces(static_cast<int>(figures.size()));
    out.set_rule(absl::StrCat("jumlah provinsi dengan capaian pada pita \"", rule.band(), "\" (",
                              rule.band_set(), ") dari ", figures.size(), " provinsi"));
    return out;
  }
  Decimal sum;
  long n = 0;
  for (const Figure* f : figures) {
    if (const auto& v = Quantity(*f, rule.of()); v.has_value()) {
      sum = sum + *v;
      ++n;
    }
  }
  const bool mean = rule.kind() == rules::v1::NATIONAL_KIND_MEAN;
  out.set_provinces(static_cast<int>(n));
  out.set_rule(absl::StrCat(mean ? "rata-rata " : "jumlah ", QuantityName(rule.of()), " ", n, " provinsi"));
  if (n == 0) return out;
  const Decimal value = mean ? sum / Decimal(n) : sum;
  out.set_available(true);
  *out.mutable_value() = Exact(value);
  out.set_display(Display(value));
  return out;
}

// 1 + the number of values strictly greater: equal values share a rank.
template <typename Get>
void Rank(std::vector<size_t>& order, Get value, const std::function<void(size_t, int)>& set_rank) {
  for (size_t i : order) {
    const std::optional<Decimal>* v = value(i);
    if (v == nullptr || !v->has_value()) continue;
    int rank = 1;
    for (size_t j : order) {
      const std::optional<Decimal>* w = value(j);
      if (w != nullptr && w->has_value() && **w > **v) ++rank;
    }
    set_rank(i, rank);
  }
}

}  // namespace

std::string FormatMicros(int64_t micros) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMicros(micros), absl::UTCTimeZone());
}

void DescribeReport(const report::v1::Report& report, v1::SnapshotInfo* info) {
  info->set_approval_state(report.approval().state());
  info->set_approval_label(ApprovalStateName(report.approval().state()));
  info->set_rule_set_version(report.rule_set_version());
  info->set_complete(report.complete());
  int errors = 0;
  for (const auto& f : report.findings()) errors += f.severity() == common::v1::SEVERITY_ERROR ? 1 : 0;
  info->set_verifier_errors(errors);
}

absl::StatusOr<v1::RollUp> BuildRollUp(const YearRules& rules,
                                       const std::vector<ProvinceSnapshot>& provinces) {
  v1::RollUp out;
  out.set_fiscal_year(rules.fiscal_year());
  out.set_rule_set_version(rules.version());
  const std::string band_set = rules.rules().band_sets().empty() ? "" : rules.rules().band_sets(0).id();
  out.set_band_set(band_set);
  int64_t newest = 0;
  std::vector<size_t> with_report;
  for (size_t p = 0; p < provinces.size(); ++p) {
    const ProvinceSnapshot& s = provinces[p];
    *out.add_provinces() = s.info;
    const std::string& code = s.info.province_code();
    if (s.info.stale()) out.add_stale(code);
    if (!s.report.has_value()) {
      out.add_missing(code);
      continue;
    }
    with_report.push_back(p);
    newest = std::max(newest, s.pulled_at_micros);
    if (s.info.approval_state() == approval::v1::APPROVAL_STATE_DITETAPKAN) out.add_ditetapkan(code);
    if (s.info.verifier_errors() > 0) out.add_verifier_disagrees(code);
    if (s.info.rule_set_version() != rules.version()) out.add_other_rule_set(code);
  }
  out.set_complete(out.stale().empty() && out.missing().empty());
  if (newest > 0) out.set_as_of(FormatMicros(newest));

  // Per province: the sum and count of its capaian, for the overall ranking.
  std::map<size_t, std::pair<Decimal, long>> capaian_totals;
  for (const rules::v1::IndicatorRule& rule : rules.rules().indicators()) {
    v1::NationalIndicator* ind = out.add_indicators();
    ind->set_code(rule.code());
    ind->set_name(rule.name());
    ind->set_unit(rule.unit());
    std::vector<Figure> figures(provinces.size());
    std::vector<v1::ProvinceFigure> rows(provinces.size());
    std::vector<const Figure*> counted;
    for (size_t p : with_report) {
      const report::v1::Report& report = *provinces[p].report;
      v1::ProvinceFigure& row = rows[p];
      row.set_province_code(provinces[p].info.province_code());
      row.set_name(provinces[p].info.name());
      row.set_stale(provinces[p].info.stale());
      const report::v1::IndicatorSection* section = FindSection(report, rule.code());
      if (section == nullptr) {
        row.set_unavailable_reason("IKK ini tidak ada dalam Perjanjian Kinerja provinsi");
        continue;
      }
      const std::string what = absl::StrCat(row.province_code(), " ", rule.code());
      Figure& f = figures[p];
      *row.mutable_target() = section->target();
      row.set_target_display(section->target_display());
      row.set_available(section->available());
      row.set_unavailable_reason(section->unavailable_reason());
      if (section->available()) {
        ASSIGN_OR_RETURN(f.realisasi, ParseOptional(section->realisasi(), what + " realisasi"));
        if (section->capaian_available()) {
          ASSIGN_OR_RETURN(f.capaian, ParseOptional(section->capaian(), what + " capaian"));
        }
        Decimal sum;
        long n = 0;
        for (const auto& line : section->satker_rows()) {
          ASSIGN_OR_RETURN(auto v, ParseOptional(line.row().value(), what + " " + line.row().satker_code()));
          if (v.has_value()) {
            sum = sum + *v;
            ++n;
          }
        }
        if (n > 0) f.measure_mean = sum / Decimal(n);
      }
      f.band = BandOf(report, band_set, rule.code());
      if (f.realisasi.has_value()) {
        *row.mutable_realisasi() = Exact(*f.realisasi);
        row.set_realisasi_display(section->realisasi_display());
      }
      row.set_capaian_available(f.capaian.has_value());
      if (f.capaian.has_value()) {
        *row.mutable_capaian() = Exact(*f.capaian);
        row.set_capaian_display(section->capaian_display());
        auto& [sum, n] = capaian_totals[p];
        sum = sum + *f.capaian;
        ++n;
      } else {
        row.set_capaian_display("NA");
      }
      if (f.measure_mean.has_value()) *row.mutable_measure_mean() = Exact(*f.measure_mean);
      row.set_band(f.band);
      counted.push_back(&f);
    }
    *ind->mutable_national() = Aggregate(rule.national(), counted);
    if (rule.has_national_comparison())
      *ind->mutable_comparison() = Aggregate(rule.national_comparison(), counted);
    Rank(
        with_report, [&](size_t p) { return &figures[p].capaian; },
        [&](size_t p, int rank) { rows[p].set_rank(rank); });
    std::vector<size_t> order = with_report;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      const int ra = rows[a].rank() == 0 ? INT32_MAX : rows[a].rank();
      const int rb = rows[b].rank() == 0 ? INT32_MAX : rows[b].rank();
      return ra < rb;
    });
    for (size_t p : order) *ind->add_provinces() = rows[p];
    if (const rules::v1::BandSet* set = rules.FindBandSet(band_set); set != nullptr) {
      for (const auto& band : set->bands()) {
        aggregator::v1::BandRow* row = ind->add_bands();
        row->set_label(band.label());
        for (size_t p : with_report) {
          if (figures[p].band == band.label()) row->add_codes(provinces[p].info.province_code());
        }
        row->set_count(row->codes_size());
      }
    }
  }

  std::vector<std::optional<Decimal>> means(provinces.size());
  for (const auto& [p, total] : capaian_totals) means[p] = total.first / Decimal(total.second);
  std::vector<v1::ProvinceRank> ranks(provinces.size());
  Rank(
      with_report, [&](size_t p) { return &means[p]; }, [&](size_t p, int rank) { ranks[p].set_rank(rank); });
  std::vector<size_t> order = with_report;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int ra = ranks[a].rank() == 0 ? INT32_MAX : ranks[a].rank();
    const int rb = ranks[b].rank() == 0 ? INT32_MAX : ranks[b].rank();
    return ra < rb;
  });
  for (size_t p : order) {
    v1::ProvinceRank& r = ranks[p];
    r.set_province_code(provinces[p].info.province_code());
    r.set_name(provinces[p].info.name());
    r.set_stale(provinces[p].info.stale());
    if (means[p].has_value()) {
      *r.mutable_mean_capaian() = Exact(*means[p]);
      r.set_mean_capaian_display(means[p]->ToIndonesian(2));
      r.set_ikk_counted(static_cast<int>(capaian_totals[p].second));
    }
    *r.mutable_band_sets() = provinces[p].report->band_sets();
    *out.add_ranking() = std::move(r);
  }
  return out;
}

std::vector<aggregator::v1::Comparison> NationalComparisons(const YearRules& rules, const v1::RollUp& roll_up,
                                                            const std::string& province) {
  std::vector<aggregator::v1::Comparison> out;
  for (const v1::NationalIndicator& ind : roll_up.indicators()) {
    if (!ind.has_comparison() || !ind.comparison().available()) continue;
    const rules::v1::IndicatorRule* rule = rules.FindIndicator(ind.code());
    if (rule == nullptr) continue;
    for (const v1::ProvinceFigure& f : ind.provinces()) {
      if (f.province_code() != province) continue;
      common::v1::Decimal own;
      switch (rule->national_comparison().of()) {
        case rules::v1::NATIONAL_QUANTITY_REALISASI:
          own = f.realisasi();
          break;
        case rules::v1::NATIONAL_QUANTITY_CAPAIAN:
          own = f.capaian();
          break;
        case rules::v1::NATIONAL_QUANTITY_MEASURE_MEAN:
          own = f.measure_mean();
          break;
        default:
          break;
      }
      if (own.value().empty()) break;
      aggregator::v1::Comparison c;
      c.set_code(ind.code());
      c.set_national_label(ind.comparison().label());
      *c.mutable_national_value() = ind.comparison().value();
      *c.mutable_province_value() = own;
      c.set_national_source(absl::StrCat("layanan nasional lkip (BNN RI): ", ind.comparison().rule(),
                                         ", laporan ditarik s.d. ", roll_up.as_of(),
                                         roll_up.complete() ? "" : "; sebagian provinsi belum mutakhir"));
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace lkip::nasional
