#include "tools/lkipctl/verify.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "common/numeric/decimal.h"
#include "common/validation/fields.h"
#include "tools/lkipctl/capaian_output.h"

namespace lkip::ctl {
namespace {

using common::v1::Finding;
using common::v1::Severity;
using ordered_json = nlohmann::ordered_json;

Finding Make(const std::string& code, Severity severity, const std::string& subject, const std::string& message,
             std::vector<std::array<std::string, 3>> values = {}) {
  Finding f;
  f.set_code(code);
  f.set_severity(severity);
  f.set_subject(subject);
  f.set_message(message);
  for (const auto& [label, value, source] : values) {
    auto* v = f.add_values();
    v->set_label(label);
    v->set_value(value);
    v->set_source(source);
  }
  return f;
}

// Decimals written after the point: "87.93" -> 2, "102" -> 0.
int Places(const std::string& plain) {
  const auto dot = plain.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(plain.size() - dot - 1);
}

// What a stated figure refers to, as computed from the data.
struct Computed {
  std::string exact;    // exact decimal or fraction
  std::string label;    // what it is, for the message
  std::string source;   // where the computed figure comes from
  std::string ikk;      // the IKK it belongs to, if any
};

std::string RupiahExact(const common::v1::Rupiah& r) { return absl::StrCat(r.amount()); }

std::optional<Computed> BudgetField(const keuangan::v1::BudgetRow& row, const std::string& field, const std::string& what) {
  const std::string src = "keuangan: DIPA dan realisasi bulanan";
  if (field == "pagu") return Computed{RupiahExact(row.pagu()), absl::StrCat("pagu ", what), src, ""};
  if (field == "realisasi") return Computed{RupiahExact(row.realisasi()), absl::StrCat("realisasi ", what), src, ""};
  if (field == "sisa") return Computed{RupiahExact(row.sisa()), absl::StrCat("sisa ", what), src, ""};
  if (field == "persen") return Computed{row.realisasi_percent().value(), absl::StrCat("% realisasi ", what), src, ""};
  if (field == "efisiensi") return Computed{row.efisiensi_percent().value(), absl::StrCat("efisiensi ", what), src, ""};
  return std::nullopt;
}

std::optional<Computed> Resolve(const VerifyInputs& in, const std::string& ref) {
  const std::vector<std::string> p = absl::StrSplit(ref, '.');
  const auto& capaian = in.report.capaian;
  if (p.size() >= 3 && p[0] == "ikk") {
    const aggregator::v1::IndicatorResult* ind = nullptr;
    for (const auto& i : capaian.indicators()) {
      if (i.code() == p[1]) ind = &i;
    }
    if (ind == nullptr) return std::nullopt;
    const std::string src = ind->available() ? absl::StrCat("dihitung dari data layanan ", ind->service()) : "";
    if (p.size() == 3 && (p[2] == "satker_sum" || p[2] == "satker_mean") && ind->satker_rows_size() > 0) {
      Decimal sum;
      for (const auto& row : ind->satker_rows()) {
        auto v = Decimal::Parse(row.value().value());
        if (!v.ok()) return std::nullopt;
        sum = sum + *v;
      }
      const bool mean = p[2] == "satker_mean";
      if (mean) sum = sum / Decimal(static_cast<long>(ind->satker_rows_size()));
      return Computed{sum.ToExactString(),
                      absl::StrCat(mean ? "rata-rata" : "jumlah", " nilai ", ind->satker_rows_size(), " satker"),
                      absl::StrCat(src, ", nilai per satker"), ind->code()};
    }
    if (p.size() == 3) {
      if (p[2] == "target" && ind->target().has_value()) {
        return Computed{ind->target().value().value(), "target", "Perjanjian Kinerja", ind->code()};
      }
      if (!ind->available()) return std::nullopt;
      if (p[2] == "realisasi") return Computed{ind->realisasi().value(), "realisasi", src, ind->code()};
      if (p[2] == "capaian" && ind->capaian_available()) return Computed{ind->capaian().value(), "capaian (%)", src, ind->code()};
      return std::nullopt;
    }
    if (p.size() == 5 && p[2] == "satker") {
      for (const auto& row : ind->satker_rows()) {
        if (row.satker_code() != p[3]) continue;
        const std::string where = absl::StrCat(row.satker_name(), ": ", row.provenance().source_document());
        if (p[4] == "value") return Computed{row.value().value(), absl::StrCat("nilai ", row.satker_name()), where, ind->code()};
        if (p[4] == "target" && !row.target().value().empty()) {
          return Computed{row.target().value(), absl::StrCat("target ", row.satker_name()), where, ind->code()};
        }
      }
    }
    return std::nullopt;
  }
  if (p.size() >= 3 && p[0] == "anggaran" && in.report.budget_available) {
    const auto& b = in.report.budget;
    if (p.size() == 3 && p[1] == "total") return BudgetField(b.per_satker().total(), p[2], "total");
    if (p.size() != 4) return std::nullopt;
    const keuangan::v1::BudgetTable* table = p[1] == "program" ? &b.per_program()
                                             : p[1] == "satker" ? &b.per_satker()
                                             : p[1] == "kegiatan" ? &b.per_kegiatan()
                                                                  : nullptr;
    if (table == nullptr) return std::nullopt;
    for (const auto& row : table->rows()) {
      if (row.code() == p[2]) return BudgetField(row, p[3], row.label());
    }
    return std::nullopt;
  }
  if (p.size() == 3 && p[0] == "pita") {
    int n = 0;
    if (!absl::SimpleAtoi(p[2], &n)) return std::nullopt;
    for (const auto& set : capaian.bands()) {
      if (set.band_set() != p[1] || n < 1 || n > set.rows_size()) continue;
      const auto& row = set.rows(n - 1);
      return Computed{absl::StrCat(row.count()), absl::StrCat("jumlah IKK ", set.band_set(), " \"", row.label(), "\""),
                      absl::StrCat("capaian dihitung, ", set.title()), ""};
    }
  }
  return std::nullopt;
}

void CheckStated(const VerifyInputs& in, VerifyResult* out) {
  std::map<std::string, std::string> pk_names;
  for (const auto& s : in.report.pk.sasaran()) {
    for (const auto& i : s.indicators()) pk_names[i.code()] = i.name();
  }
  for (const auto& f : in.stated.figures) {
    auto computed = Resolve(in, f.ref);
    // A figure the data has no value for (a percentage of a zero pagu) cannot be compared.
    if (computed && !Decimal::Parse(computed->exact).ok()) computed.reset();
    if (!computed) {
      out->findings.push_back(Make("ANGKA_DINYATAKAN_TIDAK_DAPAT_DIPERIKSA", common::v1::SEVERITY_WARNING, f.ref,
                                   absl::StrCat(f.where, " menyatakan ", DisplayIndonesian(f.value), " untuk ", f.ref,
                                                ", yang tidak ada dalam data (rujukan tidak dikenal atau data tidak tersedia)."),
                                   {{"dinyatakan", f.value, absl::StrCat(in.stated.source_document, ", ", f.where)}}));
      continue;
    }
    ++out->stated_checked;
    const Decimal exact = *Decimal::Parse(computed->exact);
    const int places = Places(f.value);
    const std::string rounded = exact.ToFixed(places);
    const Decimal stated = *Decimal::Parse(f.value);
    if (*Decimal::Parse(rounded) == stated) {
      ++out->stated_agreeing;
    } else {
      const std::string subject = computed->ikk.empty() ? f.ref : computed->ikk;
      out->findings.push_back(Make(
          "ANGKA_DINYATAKAN_BERBEDA", common::v1::SEVERITY_ERROR, subject,
          absl::StrCat(f.where, " menyatakan ", computed->label, " ", DisplayIndonesian(f.value), ", data menghasilkan ",
                       exact.ToIndonesian(places), "."),
          {{"dinyatakan", f.value, absl::StrCat(in.stated.source_document, ", ", f.where)},
           {"dihitung", computed->exact, computed->source}}));
    }
    if (!f.name.empty() && !computed->ikk.empty() && pk_names.count(computed->ikk) &&
        FoldForSearch(f.name) != FoldForSearch(pk_names[computed->ikk])) {
      out->findings.push_back(Make(
          "NAMA_IKK_BERBEDA_DENGAN_PK", common::v1::SEVERITY_WARNING, computed->ikk,
          absl::StrCat(f.where, " menamai ", computed->ikk, " \"", f.name, "\", Perjanjian Kinerja: \"",
                       pk_names[computed->ikk], "\"."),
          {{"nama dinyatakan", f.name, absl::StrCat(in.stated.source_document, ", ", f.where)},
           {"nama dalam PK", pk_names[computed->ikk], in.report.pk.source_document()}}));
    }
  }
}

void CheckIndicators(const VerifyInputs& in, VerifyResult* out) {
  std::map<std::string, const rules::v1::IndicatorRule*> rules;
  for (const auto& r : in.rules.indicators()) rules[r.code()] = &r;
  std::map<std::string, const aggregator::v1::PkIndicator*> pk;
  for (const auto& s : in.report.pk.sasaran()) {
    for (const auto& i : s.indicators()) pk[i.code()] = &i;
  }
  for (const auto& ind : in.report.capaian.indicators()) {
    const std::string& code = ind.code();
    if (auto r = rules.find(code); r != rules.end() && FoldForSearch(r->second->name()) != FoldForSearch(ind.name())) {
      out->findings.push_back(Make("NAMA_IKK_BERBEDA_DENGAN_ATURAN", common::v1::SEVERITY_WARNING, code,
                                   absl::StrCat("Nama ", code, " dalam Perjanjian Kinerja berbeda dengan aturan ",
                                                in.rules.version(), "."),
                                   {{"nama dalam PK", ind.name(), in.report.pk.source_document()},
                                    {"nama dalam aturan", r->second->name(), r->second->source()}}));
    }
    if (!ind.available()) {
      out->findings.push_back(Make("DATA_TIDAK_TERSEDIA", common::v1::SEVERITY_ERROR, code,
                                   absl::StrCat(code, " tidak mempunyai realisasi: ", ind.unavailable_reason(), ".")));
      continue;
    }
    // Satker targets that should add up to the PK's target (sums only).
    if (ind.aggregation().kind() == rules::v1::AGGREGATION_KIND_SUM && ind.target().has_value() &&
        !ind.satker_rows().empty() &&
        std::all_of(ind.satker_rows().begin(), ind.satker_rows().end(),
                    [](const auto& r) { return !r.target().value().empty(); })) {
      Decimal sum;
      for (const auto& r : ind.satker_rows()) sum = sum + *Decimal::Parse(r.target().value());
      const Decimal target = *Decimal::Parse(ind.target().value().value());
      if (!(sum == target)) {
        out->findings.push_back(Make("TARGET_SATKER_BERBEDA_DENGAN_PK", common::v1::SEVERITY_WARNING, code,
                                     absl::StrCat("Jumlah target satker ", code, " (", sum.ToIndonesian(2),
                                                  ") tidak sama dengan target Perjanjian Kinerja (",
                                                  DisplayIndonesian(ind.target().value().value()), ")."),
                                     {{"jumlah target satker", sum.ToExactString(), "nilai satker yang direkam"},
                                      {"target PK", ind.target().value().value(), in.report.pk.source_document()}}));
      }
    }
    // The counting rule of a category indicator: units in a better category than the one
    // counted exactly are not counted; a reader should see which.
    const auto& a = ind.aggregation();
    if (a.kind() == rules::v1::AGGREGATION_KIND_COUNT_UNITS && a.count_mode() == rules::v1::COUNT_MODE_EXACT_BAND) {
      int counted_index = -1;
      std::map<std::string, int> index;
      for (int i = 0; i < ind.categories_size(); ++i) index[ind.categories(i).label()] = i;
      if (index.count(a.category())) counted_index = index[a.category()];
      std::vector<std::string> better;
      for (const auto& r : ind.satker_rows()) {
        if (r.level() != a.scope() || r.counted()) continue;
        if (auto it = index.find(r.category()); it != index.end() && it->second > counted_index) {
          better.push_back(absl::StrCat(r.satker_name(), " (", r.category(), " ", DisplayIndonesian(r.value().value()), ")"));
        }
      }
      if (!better.empty() && counted_index >= 0) {
        out->findings.push_back(Make(
            "KATEGORI_LEBIH_TINGGI_TIDAK_DIHITUNG", common::v1::SEVERITY_INFO, code,
            absl::StrCat(code, " menghitung satker berkategori tepat \"", a.category(), "\"; tidak dihitung karena kategorinya lebih tinggi: ",
                         absl::StrJoin(better, ", "), "."),
            {{"aturan", absl::StrCat("COUNT_MODE_EXACT_BAND ", a.category()), ind.rule_source()}}));
      }
    }
    for (const auto& r : ind.satker_rows()) {
      for (const auto& f : r.findings()) {
        Finding copy = f;
        copy.set_subject(absl::StrCat(code, " ", r.satker_code(), f.subject().empty() ? "" : ": ", f.subject()));
        out->findings.push_back(copy);
      }
      // A recorded value and its recomputation (or the other way round) that disagree at the
      // precision the recorded one is written with: an LKE total against the TPI's letter, a
      // recomputed NKA against SMART's.
      if (!r.has_alternative() || r.alternative().value().value().empty()) continue;
      const bool used_recorded = r.provenance().kind() != common::v1::PROVENANCE_KIND_COMPUTED;
      const std::string& recorded = used_recorded ? r.value().value() : r.alternative().value().value();
      const std::string& computed = used_recorded ? r.alternative().value().value() : r.value().value();
      const auto rec = Decimal::Parse(recorded);
      const auto com = Decimal::Parse(computed);
      if (!rec.ok() || !com.ok()) continue;
      const int places = rec->IsTerminating() ? Places(rec->ToExactString()) : 2;
      if (!(*Decimal::Parse(com->ToFixed(places)) == *rec)) {
        const auto& rec_p = used_recorded ? r.provenance() : r.alternative().provenance();
        const auto& com_p = used_recorded ? r.alternative().provenance() : r.provenance();
        out->findings.push_back(Make(
            "NILAI_TERCATAT_BERBEDA_DENGAN_HITUNGAN", common::v1::SEVERITY_WARNING, absl::StrCat(code, " ", r.satker_code()),
            absl::StrCat(r.satker_name(), ": nilai tercatat ", DisplayIndonesian(recorded), ", dihitung dari data mentah ",
                         com->ToIndonesian(places), "."),
            {{"tercatat", recorded, rec_p.source_document()}, {"dihitung", computed, com_p.source_document()}}));
      }
    }
  }
}

void CheckBudget(const VerifyInputs& in, VerifyResult* out) {
  if (!in.report.budget_available) {
    out->findings.push_back(Make("DATA_TIDAK_TERSEDIA", common::v1::SEVERITY_ERROR, "anggaran",
                                 "Tabel realisasi anggaran tidak dapat dibaca dari layanan keuangan."));
    return;
  }
  for (const auto& f : in.report.budget.findings()) out->findings.push_back(f);
  for (const auto& s : in.report.budget.satker_without_dipa()) {
    out->findings.push_back(Make("SATKER_TANPA_DIPA", common::v1::SEVERITY_WARNING, s,
                                 absl::StrCat(s, " tidak mempunyai DIPA tahun ", in.report.capaian.fiscal_year(),
                                              "; tabel anggaran tanpa satker ini.")));
  }
}

// "Mataram, 12 Januari 2024" -> 2024-01-12.
std::optional<absl::CivilDay> IndonesianDate(const std::string& text) {
  static const std::vector<std::string> kMonths = {"januari", "februari", "maret",     "april",   "mei",      "juni",
                                                   "juli",    "agustus",  "september", "oktober", "november", "desember"};
  const std::vector<std::string> words = absl::StrSplit(FoldForSearch(text), ' ', absl::SkipEmpty());
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    int day = 0, year = 0;
    auto month = std::find(kMonths.begin(), kMonths.end(), words[i + 1]);
    if (absl::SimpleAtoi(words[i], &day) && month != kMonths.end() && words[i + 2].size() == 4 &&
        absl::SimpleAtoi(words[i + 2], &year)) {
      const absl::CivilDay date(year, static_cast<int>(month - kMonths.begin()) + 1, day);
      if (date.day() == day) return date;   // 31 Februari normalises to another day: not a date
    }
  }
  return std::nullopt;
}

void CheckTexts(const VerifyInputs& in, VerifyResult* out) {
  const int year = in.report.capaian.fiscal_year();
  std::map<std::string, std::string> texts;
  for (const auto& n : in.report.narratives.narratives()) texts[n.key()] = n.text();
  const std::string date_key = "penandatangan.tempat_tanggal";
  if (auto it = texts.find(date_key); it != texts.end()) {
    auto date = IndonesianDate(it->second);
    if (!date) {
      out->findings.push_back(Make("TANGGAL_LAPORAN_TIDAK_TERBACA", common::v1::SEVERITY_WARNING, date_key,
                                   absl::StrCat("Tanggal laporan \"", it->second, "\" tidak terbaca (contoh: Mataram, 15 Januari ",
                                                year + 1, ").")));
    } else if (*date <= absl::CivilDay(year, 12, 31)) {
      out->findings.push_back(Make(
          "TANGGAL_LAPORAN_SEBELUM_TAHUN_ANGGARAN_BERAKHIR", common::v1::SEVERITY_ERROR, date_key,
          absl::StrCat("Laporan kinerja tahun ", year, " bertanggal ", it->second, ", sebelum tahun anggaran ", year,
                       " berakhir (31 Desember ", year, ")."),
          {{"tanggal laporan", absl::FormatCivilTime(*date), "teks penandatangan yang disimpan"},
           {"akhir tahun anggaran", absl::StrCat(year, "-12-31"), "tahun anggaran"}}));
    }
  }
  std::map<std::string, std::string> folded_texts;
  for (const auto& [key, text] : texts) folded_texts[key] = FoldForSearch(text);
  for (const auto& reg : in.rules.superseded_regulations()) {
    for (const auto& [key, folded] : folded_texts) {
      for (const auto& mention : reg.mentions()) {
        const std::string m = FoldForSearch(mention);
        if (folded.find(m) == std::string::npos) continue;
        out->findings.push_back(Make(
            "REGULASI_SUDAH_DIGANTI", common::v1::SEVERITY_WARNING, key,
            absl::StrCat("Teks ", key, " mengutip ", reg.name(), ", yang telah diganti dengan ", reg.replaced_by(),
                         reg.verified() ? "." : " (penggantian belum terverifikasi)."),
            {{"dikutip", mention, absl::StrCat("teks ", key)}, {"pengganti", reg.replaced_by(), reg.source()}}));
        break;
      }
    }
  }
  // Texts the report expects and nobody wrote: one note listing them.
  std::vector<std::string> missing;
  const nlohmann::ordered_json view = ReportJson(in.report);
  std::function<void(const nlohmann::ordered_json&)> walk = [&](const nlohmann::ordered_json& j) {
    if (j.is_object()) {
      if (j.contains("placeholder") && j.value("missing", false)) missing.push_back(j["key"].get<std::string>());
      for (const auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(view);
  if (!missing.empty()) {
    out->findings.push_back(Make("TEKS_BELUM_DIISI", common::v1::SEVERITY_INFO, "teks laporan",
                                 absl::StrCat(missing.size(), " teks laporan belum diisi: ", absl::StrJoin(missing, ", "), ".")));
  }
}

}  // namespace

absl::StatusOr<StatedFigures> ParseStatedFigures(const nlohmann::json& doc, int year, const std::string& province) {
  if (!doc.is_object() || !doc.contains("figures") || !doc["figures"].is_array()) {
    return absl::InvalidArgumentError("$: not a stated-figures file ({\"fiscal_year\", \"province_code\", \"figures\": [...]})");
  }
  if (!doc.contains("fiscal_year") || doc["fiscal_year"] != year) {
    return absl::InvalidArgumentError(absl::StrCat("$.fiscal_year: ", doc.value("fiscal_year", nlohmann::json()).dump(),
                                                   " is not the year verified (", year, ")"));
  }
  if (!doc.contains("province_code") || !doc["province_code"].is_string() || doc["province_code"] != province) {
    return absl::InvalidArgumentError(absl::StrCat("$.province_code: ", doc.value("province_code", nlohmann::json()).dump(),
                                                   " is not the province verified (", province, ")"));
  }
  if (doc.contains("source_document") && !doc["source_document"].is_string()) {
    return absl::InvalidArgumentError("$.source_document: is not a text");
  }
  StatedFigures out;
  out.source_document = doc.value("source_document", "");
  for (size_t i = 0; i < doc["figures"].size(); ++i) {
    const auto& f = doc["figures"][i];
    const std::string path = absl::StrCat("$.figures[", i, "]");
    for (const char* field : {"ref", "value", "where"}) {
      if (!f.contains(field) || !f[field].is_string() || f[field].get<std::string>().empty()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ".", field, ": is required (a text)"));
      }
    }
    if (f.contains("name") && !f["name"].is_string()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".name: is not a text"));
    }
    StatedFigure s{f["ref"], f["value"], f["where"], f.value("name", "")};
    if (auto d = Decimal::Parse(s.value); !d.ok() || s.value.find('/') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".value: \"", s.value,
                                                     "\" is not a decimal with '.' (write 10833864605, 99.44)"));
    }
    out.figures.push_back(std::move(s));
  }
  return out;
}

VerifyResult Verify(const VerifyInputs& in) {
  VerifyResult out;
  CheckStated(in, &out);
  CheckIndicators(in, &out);
  CheckBudget(in, &out);
  CheckTexts(in, &out);
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity() > b.severity(); });
  return out;
}

ordered_json VerifyJson(const VerifyInputs& in, const VerifyResult& result) {
  ordered_json findings = ordered_json::array();
  std::map<Severity, int> counts;
  for (const auto& f : result.findings) {
    ++counts[f.severity()];
    findings.push_back(FindingJson(f));
  }
  return {{"fiscal_year", in.report.capaian.fiscal_year()},
          {"province", in.report.capaian.province_code()},
          {"rule_set_version", in.rules.version()},
          {"stated_source", in.stated.source_document},
          {"summary",
           {{"error", counts[common::v1::SEVERITY_ERROR]},
            {"warning", counts[common::v1::SEVERITY_WARNING]},
            {"info", counts[common::v1::SEVERITY_INFO]},
            {"stated_checked", result.stated_checked},
            {"stated_agreeing", result.stated_agreeing}}},
          {"findings", std::move(findings)}};
}

std::string VerifyText(const VerifyResult& result) {
  std::string out;
  for (const auto& f : result.findings) {
    const std::string severity = f.severity() == common::v1::SEVERITY_ERROR     ? "ERROR"
                                 : f.severity() == common::v1::SEVERITY_WARNING ? "WARNING"
                                                                                : "INFO";
    absl::StrAppend(&out, severity, "  ", f.code(), "  [", f.subject(), "]\n  ", f.message(), "\n");
    for (const auto& v : f.values()) absl::StrAppend(&out, "    ", v.label(), ": ", v.value(), "  (", v.source(), ")\n");
  }
  return out;
}

}  // namespace lkip::ctl
