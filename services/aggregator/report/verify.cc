#include "services/aggregator/report/verify.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "common/validation/fields.h"
#include "services/aggregator/report/bound_figures.h"
#include "services/aggregator/report/stated_refs.h"
#include "services/aggregator/report/typed_figures.h"

namespace lkip::aggregator {
namespace {

using common::v1::Finding;
using common::v1::Severity;

// A figure a reader can read (verify.json, the report's list of findings): an exact value without
// a finite decimal expansion ("2975/39") to six places ("76.282051"), as no document prints a
// fraction; every other value as it is.
std::string ReadableValue(const std::string& value) {
  if (value.find('/') == std::string::npos) return value;
  absl::StatusOr<Decimal> exact = Decimal::Parse(value);
  if (!exact.ok()) return value;
  std::string decimal = exact->ToFixed(6);
  while (decimal.back() == '0') decimal.pop_back();
  if (decimal.back() == '.') decimal.pop_back();
  return decimal;
}

Finding Make(const std::string& code, Severity severity, const std::string& subject,
             const std::string& message, std::vector<std::array<std::string, 3>> values = {}) {
  Finding f;
  f.set_code(code);
  f.set_severity(severity);
  f.set_subject(subject);
  f.set_message(message);
  for (const auto& [label, value, source] : values) {
    auto* v = f.add_values();
    v->set_label(label);
    v->set_value(ReadableValue(value));
    v->set_source(source);
  }
  return f;
}

void CheckStated(const VerifyInputs& in, VerifyResult* out) {
  std::map<std::string, std::string> pk_names;
  for (const auto& s : in.data.pk.sasaran()) {
    for (const auto& i : s.indicators()) pk_names[i.code()] = i.name();
  }
  if (in.stated == nullptr) return;
  for (const auto& f : in.stated->figures()) {
    auto computed = ResolveStatedRef(in, f.ref());
    // A figure the data has no value for (a percentage of a zero pagu) cannot be compared; a
    // stated value that is not a number is refused by CheckStatedFigures.
    const absl::StatusOr<Decimal> exact =
        computed ? Decimal::Parse(computed->exact) : absl::StatusOr<Decimal>(absl::NotFoundError(f.ref()));
    const auto stated = Decimal::Parse(f.value());
    if (!stated.ok()) continue;
    if (!exact.ok()) computed.reset();
    if (!computed) {
      out->findings.push_back(
          Make("ANGKA_DINYATAKAN_TIDAK_DAPAT_DIPERIKSA", common::v1::SEVERITY_WARNING, f.ref(),
               absl::StrCat(f.where(), " menyatakan ", DisplayIndonesian(f.value()), " untuk ", f.ref(),
                            ", yang tidak ada dalam data (rujukan tidak dikenal atau data tidak tersedia)."),
               {{"dinyatakan", f.value(), absl::StrCat(in.stated->source_document(), ", ", f.where())},
                {"rujukan", f.ref(), "angka yang dinyatakan (ref)"}}));
      continue;
    }
    ++out->stated_checked;
    const int places = WrittenPlaces(f.value());
    // The stated value has `places` decimals: it agrees when the data rounds to it.
    if (exact->ToFixed(places) == stated->ToFixed(places)) {
      ++out->stated_agreeing;
    } else {
      const std::string subject = computed->ikk.empty() ? f.ref() : computed->ikk;
      out->findings.push_back(
          Make("ANGKA_DINYATAKAN_BERBEDA", common::v1::SEVERITY_ERROR, subject,
               // Both with the stated figure's decimals, as it was written ("76,60", not "76,6").
               absl::StrCat(f.where(), " menyatakan ", computed->label, " ", stated->ToIndonesian(places),
                            ", data menghasilkan ", exact->ToIndonesian(places), "."),
               {{"dinyatakan", f.value(), absl::StrCat(in.stated->source_document(), ", ", f.where())},
                {"dihitung", computed->exact, computed->source},
                {"rujukan", f.ref(), "angka yang dinyatakan (ref)"}}));
    }
    if (!f.name().empty() && !computed->ikk.empty() && pk_names.count(computed->ikk) &&
        FoldForSearch(f.name()) != FoldForSearch(pk_names[computed->ikk])) {
      out->findings.push_back(
          Make("NAMA_IKK_BERBEDA_DENGAN_PK", common::v1::SEVERITY_WARNING, computed->ikk,
               absl::StrCat(f.where(), " menamai ", computed->ikk, " \"", f.name(),
                            "\", Perjanjian Kinerja: \"", pk_names[computed->ikk], "\"."),
               {{"nama dinyatakan", f.name(), absl::StrCat(in.stated->source_document(), ", ", f.where())},
                {"nama dalam PK", pk_names[computed->ikk], in.data.pk.source_document()}}));
    }
  }
}

void CheckIndicators(const VerifyInputs& in, VerifyResult* out) {
  std::map<std::string, const rules::v1::IndicatorRule*> rules;
  for (const auto& r : in.rules.indicators()) rules[r.code()] = &r;
  std::map<std::string, const aggregator::v1::PkIndicator*> pk;
  for (const auto& s : in.data.pk.sasaran()) {
    for (const auto& i : s.indicators()) pk[i.code()] = &i;
  }
  for (const auto& ind : in.data.capaian.indicators()) {
    const std::string& code = ind.code();
    if (auto r = rules.find(code);
        r != rules.end() && FoldForSearch(r->second->name()) != FoldForSearch(ind.name())) {
      out->findings.push_back(
          Make("NAMA_IKK_BERBEDA_DENGAN_ATURAN", common::v1::SEVERITY_WARNING, code,
               absl::StrCat("Nama ", code, " dalam Perjanjian Kinerja berbeda dengan aturan ",
                            in.rules.version(), "."),
               {{"nama dalam PK", ind.name(), in.data.pk.source_document()},
                {"nama dalam aturan", r->second->name(), r->second->source()}}));
    }
    if (!ind.available()) {
      out->findings.push_back(
          Make("DATA_TIDAK_TERSEDIA", common::v1::SEVERITY_ERROR, code,
               absl::StrCat(code, " tidak mempunyai realisasi: ", ind.unavailable_reason(), ".")));
      continue;
    }
    // Satker targets that should add up to the PK's target (sums only).
    if (ind.aggregation().kind() == rules::v1::AGGREGATION_KIND_SUM && ind.target().has_value() &&
        !ind.satker_rows().empty() &&
        std::all_of(ind.satker_rows().begin(), ind.satker_rows().end(),
                    [](const auto& r) { return !r.target().value().empty(); })) {
      Decimal sum;
      bool numbers = true;
      for (const auto& r : ind.satker_rows()) {
        const auto t = Decimal::Parse(r.target().value());
        numbers = numbers && t.ok();
        if (t.ok()) sum = sum + *t;
      }
      const auto target = Decimal::Parse(ind.target().value().value());
      if (numbers && target.ok() && !(sum == *target)) {
        out->findings.push_back(
            Make("TARGET_SATKER_BERBEDA_DENGAN_PK", common::v1::SEVERITY_WARNING, code,
                 absl::StrCat("Jumlah target satker ", code, " (", sum.ToIndonesian(2),
                              ") tidak sama dengan target Perjanjian Kinerja (",
                              DisplayIndonesian(ind.target().value().value()), ")."),
                 {{"jumlah target satker", sum.ToExactString(), "nilai satker yang direkam"},
                  {"target PK", ind.target().value().value(), in.data.pk.source_document()}}));
      }
    }
    // The counting rule of a category indicator: units in a better category than the one
    // counted exactly are not counted; a reader should see which.
    const auto& a = ind.aggregation();
    if (a.kind() == rules::v1::AGGREGATION_KIND_COUNT_UNITS &&
        a.count_mode() == rules::v1::COUNT_MODE_EXACT_BAND) {
      int counted_index = -1;
      std::map<std::string, int> index;
      for (int i = 0; i < ind.categories_size(); ++i) index[ind.categories(i).label()] = i;
      if (index.count(a.category())) counted_index = index[a.category()];
      std::vector<std::string> better;
      for (const auto& r : ind.satker_rows()) {
        if (r.level() != a.scope() || r.counted()) continue;
        if (auto it = index.find(r.category()); it != index.end() && it->second > counted_index) {
          better.push_back(absl::StrCat(r.satker_name(), " (", r.category(), " ",
                                        DisplayIndonesian(r.value().value()), ")"));
        }
      }
      if (!better.empty() && counted_index >= 0) {
        out->findings.push_back(Make(
            "KATEGORI_LEBIH_TINGGI_TIDAK_DIHITUNG", common::v1::SEVERITY_INFO, code,
            absl::StrCat(code, " menghitung satker berkategori tepat \"", a.category(),
                         "\"; tidak dihitung karena kategorinya lebih tinggi: ", absl::StrJoin(better, ", "),
                         "."),
            {{"aturan", absl::StrCat("COUNT_MODE_EXACT_BAND ", a.category()), ind.rule_source()}}));
      }
    }
    for (const auto& r : ind.satker_rows()) {
      for (const auto& f : r.findings()) {
        Finding copy = f;
        copy.set_subject(
            absl::StrCat(code, " ", r.satker_code(), f.subject().empty() ? "" : ": ", f.subject()));
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
      const int places = rec->IsTerminating() ? WrittenPlaces(rec->ToExactString()) : 2;
      const auto rounded = Decimal::Parse(com->ToFixed(places));
      if (!rounded.ok() || !(*rounded == *rec)) {
        const auto& rec_p = used_recorded ? r.provenance() : r.alternative().provenance();
        const auto& com_p = used_recorded ? r.alternative().provenance() : r.provenance();
        out->findings.push_back(
            Make("NILAI_TERCATAT_BERBEDA_DENGAN_HITUNGAN", common::v1::SEVERITY_WARNING,
                 absl::StrCat(code, " ", r.satker_code()),
                 absl::StrCat(r.satker_name(), ": nilai tercatat ", DisplayIndonesian(recorded),
                              ", dihitung dari data mentah ", com->ToIndonesian(places), "."),
                 {{"tercatat", recorded, rec_p.source_document()},
                  {"dihitung", computed, com_p.source_document()}}));
      }
    }
  }
}

void CheckBudget(const VerifyInputs& in, VerifyResult* out) {
  if (!in.data.budget_available) {
    out->findings.push_back(
        Make("DATA_TIDAK_TERSEDIA", common::v1::SEVERITY_ERROR, "anggaran",
             in.data.budget_unavailable_reason == kNoDipa
                 ? absl::StrCat("Belum ada DIPA tahun ", in.data.capaian.fiscal_year(),
                                " yang dicatat untuk satker mana pun; tabel anggaran belum berisi angka.")
                 : "Tabel realisasi anggaran tidak dapat dibaca dari layanan keuangan."));
    return;
  }
  for (const auto& f : in.data.budget.findings()) out->findings.push_back(f);
  for (const auto& s : in.data.budget.satker_without_dipa()) {
    out->findings.push_back(
        Make("SATKER_TANPA_DIPA", common::v1::SEVERITY_WARNING, s,
             absl::StrCat(s, " tidak mempunyai DIPA tahun ", in.data.capaian.fiscal_year(),
                          "; tabel anggaran tanpa satker ini.")));
  }
}

// "Mataram, 12 Januari 2024" -> 2024-01-12.
std::optional<absl::CivilDay> IndonesianDate(const std::string& text) {
  static const std::vector<std::string> kMonths = {"januari",   "februari", "maret",    "april",
                                                   "mei",       "juni",     "juli",     "agustus",
                                                   "september", "oktober",  "november", "desember"};
  const std::vector<std::string> words = absl::StrSplit(FoldForSearch(text), ' ', absl::SkipEmpty());
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    int day = 0, year = 0;
    auto month = std::find(kMonths.begin(), kMonths.end(), words[i + 1]);
    if (absl::SimpleAtoi(words[i], &day) && month != kMonths.end() && words[i + 2].size() == 4 &&
        absl::SimpleAtoi(words[i + 2], &year)) {
      const absl::CivilDay date(year, static_cast<int>(month - kMonths.begin()) + 1, day);
      if (date.day() == day) return date;  // 31 Februari normalises to another day: not a date
    }
  }
  return std::nullopt;
}

void CheckTexts(const VerifyInputs& in, VerifyResult* out) {
  const int year = in.data.capaian.fiscal_year();
  std::map<std::string, const std::string*> texts;
  for (const auto& n : in.data.narratives.narratives()) texts[n.key()] = &n.text();
  const std::string date_key = "penandatangan.tempat_tanggal";
  if (auto it = texts.find(date_key); it != texts.end()) {
    const std::string& written = *it->second;
    auto date = IndonesianDate(written);
    if (!date) {
      out->findings.push_back(
          Make("TANGGAL_LAPORAN_TIDAK_TERBACA", common::v1::SEVERITY_WARNING, date_key,
               absl::StrCat("Tanggal laporan \"", written, "\" tidak terbaca (contoh: Mataram, 15 Januari ",
                            year + 1, ").")));
    } else if (*date <= absl::CivilDay(year, 12, 31)) {
      out->findings.push_back(
          Make("TANGGAL_LAPORAN_SEBELUM_TAHUN_ANGGARAN_BERAKHIR", common::v1::SEVERITY_ERROR, date_key,
               absl::StrCat("Laporan kinerja tahun ", year, " bertanggal ", written,
                            ", sebelum tahun anggaran ", year, " berakhir (31 Desember ", year, ")."),
               {{"tanggal laporan", absl::FormatCivilTime(*date), "teks penandatangan yang disimpan"},
                {"akhir tahun anggaran", absl::StrCat(year, "-12-31"), "tahun anggaran"}}));
    }
  }
  // Figures bound in the texts ({{ref}}): the data must hold each, or the text prints a gap.
  for (const auto& [key, text] : texts) {
    auto refs = FindBoundRefs(*text);
    if (!refs.ok()) continue;  // refused when stored
    for (const auto& r : *refs) {
      if (ResolveStatedRef(in, r.ref)) continue;
      out->findings.push_back(
          Make("ACUAN_ANGKA_TANPA_DATA", common::v1::SEVERITY_ERROR, key,
               absl::StrCat("Teks ", key, " mengacu angka {{", r.ref,
                            "}}, yang tidak ada dalam data: teks mencetak \"[belum ada data: ", r.ref,
                            "]\" sampai datanya direkam.")));
    }
  }
  std::map<std::string, std::string> folded_texts;
  for (const auto& [key, text] : texts) folded_texts[key] = FoldForSearch(*text);
  for (const auto& reg : in.rules.superseded_regulations()) {
    std::vector<std::string> folded_mentions;
    for (const auto& mention : reg.mentions()) folded_mentions.push_back(FoldForSearch(mention));
    for (const auto& [key, folded] : folded_texts) {
      for (int i = 0; i < reg.mentions_size(); ++i) {
        const std::string& mention = reg.mentions(i);
        // memmem: a folded mention starts with a space, which std::string::find stops at
        // every few bytes to compare from.
        if (memmem(folded.data(), folded.size(), folded_mentions[i].data(), folded_mentions[i].size()) ==
            nullptr)
          continue;
        out->findings.push_back(Make(
            "REGULASI_SUDAH_DIGANTI", common::v1::SEVERITY_WARNING, key,
            absl::StrCat("Teks ", key, " mengutip ", reg.name(), ", yang telah diganti dengan ",
                         reg.replaced_by(), reg.verified() ? "." : " (penggantian belum terverifikasi)."),
            {{"dikutip", mention, absl::StrCat("teks ", key)},
             {"pengganti", reg.replaced_by(), reg.source()}}));
        break;
      }
    }
  }
  // Texts the report expects and nobody wrote: one note listing them.
  const std::vector<std::string> missing = MissingTextKeys(in.report);
  if (!missing.empty()) {
    out->findings.push_back(
        Make("TEKS_BELUM_DIISI", common::v1::SEVERITY_INFO, "teks laporan",
             absl::StrCat(missing.size(), " teks laporan belum diisi: ", absl::StrJoin(missing, ", "), ".")));
  }
}

// Where typed figures stand, as the findings name it: a stored text, or a passage of the stated
// document.
struct TypedSource {
  std::string key;    // the finding's subject: the text's key, or the passage's where
  std::string named;  // "teks IKK-12.faktor", "dokumen LKIP ..., Ringkasan eksekutif (baris 61)"
  std::string ikk;    // the passage's IKK; a stored text's is read from its key
  bool stated = false;
};

std::string Capitalized(std::string phrase) {
  if (!phrase.empty()) phrase[0] = absl::ascii_toupper(static_cast<unsigned char>(phrase[0]));
  return phrase;
}

void CheckTypedText(FigureTies& ties, const TypedSource& src, const std::string& text, VerifyResult* out) {
  for (TypedFigure& f : FindTypedFigures(src.key, text)) {
    f.ikk = src.ikk;
    const FigureTie tie = ties.Tie(f);
    ++out->typed_figures;
    report::v1::TypedFigureCheck& check = out->typed.emplace_back();
    check.set_text_key(src.key);
    check.set_begin(static_cast<uint32_t>(f.number_begin));
    check.set_end(static_cast<uint32_t>(f.number_end));
    check.set_written(f.written);
    check.set_ref(tie.ref);
    check.set_data_value(ReadableValue(tie.data.exact));
    check.set_rule(tie.rule);
    check.set_stated(src.stated);
    check.set_outcome(tie.outcome == TieOutcome::kAgrees        ? report::v1::TYPED_FIGURE_OUTCOME_AGREES
                      : tie.outcome == TieOutcome::kContradicts ? report::v1::TYPED_FIGURE_OUTCOME_CONTRADICTS
                                                                : report::v1::TYPED_FIGURE_OUTCOME_UNTIED);
    // A binding only in a stored text, and where the document would print the same words.
    const bool bindable =
        !src.stated && tie.outcome == TieOutcome::kAgrees &&
        BoundFigureText(tie.data) == text.substr(f.number_begin, f.number_end - f.number_begin);
    if (bindable) check.set_binding(ShortestBoundRef(tie.ref));
    const std::string quoted = absl::StrCat("\"", f.sentence, "\"");
    const std::string data = tie.ref.empty() ? "" : DisplayIndonesian(tie.data.exact, std::max(f.places, 0));
    switch (tie.outcome) {
      case TieOutcome::kContradicts:
        ++out->typed_contradicting;
        out->findings.push_back(
            Make("ANGKA_TEKS_BERTENTANGAN", common::v1::SEVERITY_ERROR, src.key,
                 absl::StrCat(Capitalized(src.named), " menulis ", f.written, " dalam kalimat ", quoted,
                              ", sedangkan ", tie.data.label, " menurut data ", data, " (", tie.data.source,
                              "). Aturan pengikat: ", tie.rule, "."),
                 {{"ditulis", f.exact, src.named},
                  {tie.data.label, tie.data.exact, tie.data.source},
                  {"acuan", tie.ref, tie.rule}}));
        break;
      case TieOutcome::kAgrees:
        ++out->typed_agreeing;
        out->findings.push_back(
            Make("ANGKA_TEKS_SESUAI", common::v1::SEVERITY_INFO, src.key,
                 absl::StrCat(Capitalized(src.named), " menulis ", f.written, ", sesuai dengan ",
                              tie.data.label, " (", tie.data.source, ")",
                              bindable ? absl::StrCat("; dapat ditulis {{", check.binding(),
                                                      "}} agar selalu mengikuti data")
                                       : "",
                              ". Aturan pengikat: ", tie.rule, "."),
                 {{"ditulis", f.exact, src.named}, {"acuan", tie.ref, tie.rule}}));
        break;
      case TieOutcome::kUntied:
        out->findings.push_back(
            Make("ANGKA_TEKS_TIDAK_TERIKAT", common::v1::SEVERITY_INFO, src.key,
                 absl::StrCat("Angka ", f.written, " dalam ", src.named, " (kalimat ", quoted,
                              ") tidak dapat dikaitkan dengan data; periksa secara manual.")));
        break;
    }
  }
}

// Figures typed in the stored texts and in the stated document's passages (typed_figures.h):
// each tied to the data by its context.
void CheckTypedFigures(const VerifyInputs& in, VerifyResult* out) {
  FigureTies ties(in);
  for (const auto& n : in.data.narratives.narratives()) {
    CheckTypedText(ties, {n.key(), absl::StrCat("teks ", n.key()), "", false}, n.text(), out);
  }
  if (in.stated == nullptr) return;
  for (const auto& t : in.stated->texts()) {
    const std::string named = absl::StrCat("dokumen ", in.stated->source_document(), ", ", t.where());
    CheckTypedText(ties, {t.where(), named, t.ikk(), true}, t.text(), out);
  }
}

}  // namespace

absl::Status CheckStatedFigures(const report::v1::StatedFigures& stated, int year,
                                const std::string& province) {
  if (stated.fiscal_year() != year) {
    return absl::InvalidArgumentError(
        absl::StrCat("stated.fiscal_year: ", stated.fiscal_year(), " is not the year verified (", year, ")"));
  }
  if (stated.province_code() != province) {
    return absl::InvalidArgumentError(absl::StrCat("stated.province_code: \"", stated.province_code(),
                                                   "\" is not the province verified (", province, ")"));
  }
  for (int i = 0; i < stated.figures_size(); ++i) {
    const auto& f = stated.figures(i);
    const std::string path = absl::StrCat("stated.figures[", i, "]");
    for (const auto& [field, value] :
         {std::pair{"ref", &f.ref()}, std::pair{"value", &f.value()}, std::pair{"where", &f.where()}}) {
      if (value->empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".", field, ": is required"));
    }
    if (auto d = Decimal::Parse(f.value()); !d.ok() || f.value().find('/') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ".value: \"", f.value(), "\" is not a decimal with '.' (write 10833864605, 99.44)"));
    }
  }
  constexpr size_t kMaxStatedText = 64 * 1024;  // as a stored text
  for (int i = 0; i < stated.texts_size(); ++i) {
    const auto& t = stated.texts(i);
    const std::string path = absl::StrCat("stated.texts[", i, "]");
    if (t.where().empty()) return absl::InvalidArgumentError(absl::StrCat(path, ".where: is required"));
    if (t.text().empty() || t.text().size() > kMaxStatedText) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".text: ", t.text().size(), " bytes; a passage has 1 to ", kMaxStatedText));
    }
    if (!t.ikk().empty() && !absl::StartsWith(t.ikk(), "IKK-")) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".ikk: \"", t.ikk(), "\" is not an IKK code (IKK-01 ... IKK-19)"));
    }
  }
  return absl::OkStatus();
}

VerifyResult Verify(const VerifyInputs& in) {
  VerifyResult out;
  CheckStated(in, &out);
  CheckIndicators(in, &out);
  CheckBudget(in, &out);
  CheckTexts(in, &out);
  CheckTypedFigures(in, &out);
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity() > b.severity(); });
  return out;
}

report::v1::VerifyReportResponse VerifyResponse(const VerifyInputs& in, VerifyResult result) {
  report::v1::VerifyReportResponse out;
  out.set_fiscal_year(in.data.capaian.fiscal_year());
  out.set_province_code(in.data.capaian.province_code());
  out.set_rule_set_version(in.rules.version());
  if (in.stated != nullptr) out.set_stated_source(in.stated->source_document());
  auto* summary = out.mutable_summary();
  for (auto& f : result.findings) {
    switch (f.severity()) {
      case common::v1::SEVERITY_ERROR:
        summary->set_error(summary->error() + 1);
        break;
      case common::v1::SEVERITY_WARNING:
        summary->set_warning(summary->warning() + 1);
        break;
      default:
        summary->set_info(summary->info() + 1);
        break;
    }
    *out.add_findings() = std::move(f);
  }
  summary->set_stated_checked(result.stated_checked);
  summary->set_stated_agreeing(result.stated_agreeing);
  summary->set_typed_figures(result.typed_figures);
  summary->set_typed_agreeing(result.typed_agreeing);
  summary->set_typed_contradicting(result.typed_contradicting);
  for (auto& t : result.typed) *out.add_typed_figures() = std::move(t);
  return out;
}

}  // namespace lkip::aggregator
