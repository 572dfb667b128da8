#include "services/aggregator/report/stated_refs.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "common/validation/fields.h"
#include "services/aggregator/report/report_formula.h"

namespace lkip::aggregator {
namespace {

using Computed = StatedRefValue;

std::string RupiahExact(const common::v1::Rupiah& r) { return absl::StrCat(r.amount()); }

std::optional<Computed> BudgetField(const keuangan::v1::BudgetRow& row, const std::string& field,
                                    const std::string& what) {
  const std::string src = "keuangan: DIPA dan realisasi bulanan";
  if (field == "pagu") return Computed{RupiahExact(row.pagu()), absl::StrCat("pagu ", what), src, "", 0};
  if (field == "realisasi")
    return Computed{RupiahExact(row.realisasi()), absl::StrCat("realisasi ", what), src, "", 0};
  if (field == "sisa") return Computed{RupiahExact(row.sisa()), absl::StrCat("sisa ", what), src, "", 0};
  if (field == "persen")
    return Computed{row.realisasi_percent().value(), absl::StrCat("% realisasi ", what), src, "", 2};
  if (field == "efisiensi")
    return Computed{row.efisiensi_percent().value(), absl::StrCat("efisiensi ", what), src, "", 2};
  return std::nullopt;
}

// The sum or mean over an IKK's satker rows of their values or targets (rows without one left
// out): what a per-satker table's TOTAL row states.
std::optional<Computed> SatkerTotal(const aggregator::v1::IndicatorResult& ind, const std::string& kind,
                                    const std::string& src) {
  const bool of_targets = absl::StartsWith(kind, "satker_target_");
  const bool mean = absl::EndsWith(kind, "_mean");
  Decimal sum;
  long n = 0;
  for (const auto& row : ind.satker_rows()) {
    if (row.missing()) continue;  // listed without a value
    const std::string& text = of_targets ? row.target().value() : row.value().value();
    if (text.empty()) continue;
    auto v = Decimal::Parse(text);
    if (!v.ok()) return std::nullopt;
    sum = sum + *v;
    ++n;
  }
  if (n == 0) return std::nullopt;
  if (mean) sum = sum / Decimal(n);
  return Computed{
      sum.ToExactString(),
      absl::StrCat(mean ? "rata-rata " : "jumlah ", of_targets ? "target " : "nilai ", n, " satker"),
      absl::StrCat(src, ", nilai per satker"), ind.code(), PlacesOf(ind).satker};
}

// A category's bounds as the rule set prints its interval ("45,98 - 49,73", "≤ 45,97",
// "> 50 - 60", "≥ 53,51"): two figures are the lower and the upper bound; one figure after "≤"
// or "<" is the upper bound, any other single figure the lower.
std::optional<Computed> CategoryBound(const aggregator::v1::IndicatorResult& ind, const std::string& label,
                                      const std::string& which, const std::string& version) {
  if (which != "bawah" && which != "atas") return std::nullopt;
  const std::string wanted = FoldForSearch(label);
  for (const auto& c : ind.categories()) {
    if (c.label() != label && FoldForSearch(c.label()) != wanted) continue;
    // Each bound with the decimals the rule set prints it with ("65,00" stays 65.00).
    std::vector<std::string> figures;
    for (absl::string_view token : absl::StrSplit(c.display(), ' ', absl::SkipEmpty())) {
      // Only a token that starts with a digit is tried: a refused parse builds an error message.
      if (!absl::ascii_isdigit(static_cast<unsigned char>(token.front()))) continue;
      if (auto plain = Decimal::LocalizedToPlain(std::string_view(token.data(), token.size())); plain.ok())
        figures.push_back(*std::move(plain));
    }
    const bool upper_only = absl::StartsWith(c.display(), "≤") || absl::StartsWith(c.display(), "<");
    std::optional<std::string> bound;
    if (figures.size() == 2) bound = which == "bawah" ? figures[0] : figures[1];
    if (figures.size() == 1 && (which == "atas") == upper_only) bound = figures[0];
    if (!bound) return std::nullopt;
    const int places = WrittenPlaces(*bound);
    return Computed{*bound, absl::StrCat("batas ", which, " kategori \"", c.label(), "\""),
                    absl::StrCat("aturan ", version, ", ", ind.category_scheme_name()), ind.code(), places};
  }
  return std::nullopt;
}

const report::v1::IndicatorSection* Section(const report::v1::Report& report, const std::string& code) {
  for (const auto& s : report.sasaran()) {
    for (const auto& i : s.indicators()) {
      if (i.code() == code) return &i;
    }
  }
  return nullptr;
}

// The stored comparison figures of an IKK: the previous year's realisasi and the national table.
std::optional<Computed> ComparisonFigure(const VerifyInputs& in, const std::string& code,
                                         const std::vector<std::string>& p) {
  const auto* section = Section(in.report, code);
  if (section == nullptr || !section->has_comparison()) return std::nullopt;
  const auto& c = section->comparison();
  const common::v1::Decimal* figure = nullptr;
  std::string label;
  std::string source = c.national_source();
  if (p.size() == 4 && p[2] == "pembanding" && p[3] == "sebelumnya") {
    figure = c.has_previous_value() ? &c.previous_value() : nullptr;
    label = absl::StrCat("realisasi tahun ", in.data.capaian.fiscal_year() - 1);
    source = c.previous_source();
  } else if (p.size() == 4 && p[2] == "nasional") {
    if (p[3] == "nilai") figure = c.has_national_value() ? &c.national_value() : nullptr;
    if (p[3] == "provinsi") figure = c.has_province_value() ? &c.province_value() : nullptr;
    if (p[3] == "target") figure = c.has_national_target() ? &c.national_target() : nullptr;
    if (p[3] == "target_provinsi") figure = c.has_province_target() ? &c.province_target() : nullptr;
    label = absl::StrCat(c.national_label(), " (", p[3], ")");
  }
  if (figure == nullptr || figure->value().empty()) return std::nullopt;
  return Computed{figure->value(), label, absl::StrCat("nilai pembanding: ", source), code};
}

std::optional<Computed> ResolveIkk(const VerifyInputs& in, const std::vector<std::string>& p) {
  const aggregator::v1::IndicatorResult* ind = nullptr;
  for (const auto& i : in.data.capaian.indicators()) {
    if (i.code() == p[1]) ind = &i;
  }
  if (ind == nullptr) return std::nullopt;
  const std::string src = ind->available() ? absl::StrCat("dihitung dari data layanan ", ind->service()) : "";
  const FigurePlaces places = PlacesOf(*ind);
  if (p[2] == "pembanding" || p[2] == "nasional") return ComparisonFigure(in, ind->code(), p);
  if (p.size() == 5 && p[2] == "kategori") return CategoryBound(*ind, p[3], p[4], in.rules.version());
  if (p.size() == 3 && ind->satker_rows_size() > 0 &&
      (p[2] == "satker_sum" || p[2] == "satker_mean" || p[2] == "satker_target_sum" ||
       p[2] == "satker_target_mean")) {
    return SatkerTotal(*ind, p[2], src);
  }
  if (p.size() == 3) {
    if (p[2] == "target" && ind->target().has_value()) {
      return Computed{ind->target().value().value(), "target", "Perjanjian Kinerja", ind->code(),
                      places.province};
    }
    if (!ind->available()) return std::nullopt;
    if (p[2] == "realisasi")
      return Computed{ind->realisasi().value(), "realisasi", src, ind->code(), places.province};
    if (p[2] == "capaian" && ind->capaian_available())
      return Computed{ind->capaian().value(), "capaian (%)", src, ind->code(), 2};
    return std::nullopt;
  }
  if ((p.size() == 5 || (p.size() == 6 && p[4] == "rincian")) && p[2] == "satker") {
    for (const auto& row : ind->satker_rows()) {
      if (row.missing() || row.satker_code() != p[3]) continue;
      const std::string where = absl::StrCat(row.satker_name(), ": ", row.provenance().source_document());
      if (p[4] == "value")
        return Computed{row.value().value(), absl::StrCat("nilai ", row.satker_name()), where, ind->code(),
                        places.satker};
      if (p[4] == "target" && !row.target().value().empty()) {
        return Computed{row.target().value(), absl::StrCat("target ", row.satker_name()),
                        "Perjanjian Kinerja satker", ind->code(), places.satker};
      }
      if (p.size() == 6 && p[4] == "rincian") {
        for (const auto& d : row.details()) {
          if (d.id() == p[5]) {
            return Computed{d.value().value(), absl::StrCat(d.label(), " ", row.satker_name()), where,
                            ind->code()};
          }
        }
        return std::nullopt;
      }
      if (p[4] == "capaian" && !row.capaian().value().empty()) {
        return Computed{row.capaian().value(), absl::StrCat("capaian ", row.satker_name(), " (%)"), where,
                        ind->code(), 2};
      }
    }
  }
  return std::nullopt;
}

std::optional<Computed> ResolveBudget(const VerifyInputs& in, const std::vector<std::string>& p) {
  const auto& b = in.data.budget;
  if (p.size() == 3 && p[1] == "total") return BudgetField(b.per_satker().total(), p[2], "total");
  if (p.size() != 4) return std::nullopt;
  const keuangan::v1::BudgetTable* table = p[1] == "program"    ? &b.per_program()
                                           : p[1] == "satker"   ? &b.per_satker()
                                           : p[1] == "kegiatan" ? &b.per_kegiatan()
                                                                : nullptr;
  if (table == nullptr) return std::nullopt;
  for (const auto& row : table->rows()) {
    if (row.code() == p[2]) return BudgetField(row, p[3], row.label());
  }
  return std::nullopt;
}

std::optional<Computed> ResolveBand(const VerifyInputs& in, const std::vector<std::string>& p) {
  int n = 0;
  if (!absl::SimpleAtoi(p[2], &n)) return std::nullopt;
  for (const auto& set : in.data.capaian.bands()) {
    if (set.band_set() != p[1] || n < 1 || n > set.rows_size()) continue;
    const auto& row = set.rows(n - 1);
    const std::string what = absl::StrCat("IKK ", set.band_set(), " \"", row.label(), "\"");
    const std::string source = absl::StrCat("capaian dihitung, ", set.title());
    if (p.size() == 3)
      return Computed{absl::StrCat(row.count()), absl::StrCat("jumlah ", what), source, "", 0};
    if (p.size() == 4 && p[3] == "persen") {
      int total = 0;
      for (const auto& r : set.rows()) total += r.count();
      if (total == 0) return std::nullopt;
      return Computed{(Decimal(row.count()) * Decimal(100) / Decimal(total)).ToExactString(),
                      absl::StrCat("persentase ", what), source, "", 2};
    }
  }
  return std::nullopt;
}

std::optional<Computed> ResolveCount(const VerifyInputs& in, const std::vector<std::string>& p) {
  const std::string pk = "Perjanjian Kinerja";
  if (p.size() == 2 && p[1] == "ikk") {
    int n = 0;
    for (const auto& s : in.data.pk.sasaran()) n += s.indicators_size();
    return Computed{absl::StrCat(n), "jumlah IKK", pk, "", 0};
  }
  if (p.size() == 2 && p[1] == "sasaran") {
    return Computed{absl::StrCat(in.data.pk.sasaran_size()), "jumlah sasaran", pk, "", 0};
  }
  if (p.size() == 3 && p[1] == "ikk_bidang") {
    for (const auto& b : in.report.ringkasan().bidang()) {
      if (FoldForSearch(b.label()) == FoldForSearch(p[2])) {
        return Computed{absl::StrCat(b.ikk_size()), absl::StrCat("jumlah IKK ", b.label()),
                        "Perjanjian Kinerja, IKK menurut layanan bidang", "", 0};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::vector<std::string>>& StatedRefShapes() {
  static const auto* const kShapes = new std::vector<std::vector<std::string>>{
      {"ikk", "<IKK>", "target|realisasi|capaian"},
      {"ikk", "<IKK>", "satker", "<SATKER>", "value|target|capaian"},
      {"ikk", "<IKK>", "satker", "<SATKER>", "rincian", "<part>"},
      {"ikk", "<IKK>", "satker_sum|satker_mean|satker_target_sum|satker_target_mean"},
      {"ikk", "<IKK>", "kategori", "<label>", "bawah|atas"},
      {"ikk", "<IKK>", "pembanding", "sebelumnya"},
      {"ikk", "<IKK>", "nasional", "nilai|provinsi|target|target_provinsi"},
      {"anggaran", "program|satker|kegiatan", "<code>", "pagu|realisasi|sisa|persen|efisiensi"},
      {"anggaran", "total", "pagu|realisasi|sisa|persen|efisiensi"},
      {"pk", "kegiatan", "<kegiatan>", "anggaran"},
      {"pita", "S1|S2|S3", "<row>"},
      {"pita", "S1|S2|S3", "<row>", "persen"},
      {"jumlah", "ikk|sasaran"},
      {"jumlah", "ikk_bidang", "<heading>"},
  };
  return *kShapes;
}

std::string RefShapeError(const std::string& ref, const RefNames& names) {
  const std::vector<std::string> p = absl::StrSplit(ref, '.');
  for (const auto& shape : StatedRefShapes()) {
    if (shape.size() != p.size()) continue;
    std::string unknown;  // a code of the right place that names nothing
    bool fits = true;
    for (size_t i = 0; i < p.size() && fits; ++i) {
      const std::string& want = shape[i];
      if (want == "<IKK>" || want == "<SATKER>") {
        const bool known = want == "<IKK>" ? names.is_ikk(p[i]) : names.is_satker(p[i]);
        if (!known && unknown.empty())
          unknown = absl::StrCat("\"", p[i], "\" is not ",
                                 want == "<IKK>" ? "an IKK of the rule set" : "a satker of the province");
      } else if (absl::StartsWith(want, "<")) {
        fits = !p[i].empty();
      } else {
        const std::vector<absl::string_view> words = absl::StrSplit(want, '|');
        fits = std::find(words.begin(), words.end(), p[i]) != words.end();
      }
    }
    if (fits) return unknown;
  }
  return "is not a figure lkip knows (docs/bundle-format.md, \"Stated figures\", lists them)";
}

std::optional<StatedRefValue> ResolveStatedRef(const VerifyInputs& in, const std::string& ref) {
  const std::vector<std::string> p = absl::StrSplit(ref, '.');
  if (p.size() >= 3 && p[0] == "ikk") return ResolveIkk(in, p);
  if (p.size() >= 3 && p[0] == "anggaran" && in.data.budget_available) return ResolveBudget(in, p);
  if (p.size() == 4 && p[0] == "pk" && p[1] == "kegiatan" && p[3] == "anggaran") {
    for (const auto& k : in.data.pk.kegiatan()) {
      if (k.kegiatan_code() != p[2]) continue;
      return Computed{RupiahExact(k.anggaran()), absl::StrCat("anggaran PK ", k.name()),
                      "Perjanjian Kinerja, lampiran anggaran kegiatan", "", 0};
    }
    return std::nullopt;
  }
  if ((p.size() == 3 || p.size() == 4) && p[0] == "pita") return ResolveBand(in, p);
  if (p.size() >= 2 && p[0] == "jumlah") return ResolveCount(in, p);
  return std::nullopt;
}

}  // namespace lkip::aggregator
