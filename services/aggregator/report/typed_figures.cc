#include "services/aggregator/report/typed_figures.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "common/validation/fields.h"

namespace lkip::aggregator {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)); }

// Where the next digit at or after `from` is, or text.size(). Most of a text is words: glibc's
// strcspn compares 16 bytes at a time (a NUL in the text is stepped over).
size_t NextDigit(const std::string& text, size_t from) {
  while (from < text.size()) {
    from += strcspn(text.c_str() + from, "0123456789");
    if (from >= text.size() || IsDigit(text[from])) return from;
    ++from;
  }
  return text.size();
}

// Nouns a count is read with; "kabupaten/kota" before its parts.
const std::vector<std::string>& CountNouns() {
  static const auto* const kNouns = new std::vector<std::string>{
      "bnn kabupaten/kota", "bnnk", "kabupaten/kota", "kabupaten", "kota",    "orang", "berkas", "satker",
      "indikator",          "ikk",  "sasaran",        "kawasan",   "lembaga", "unit",  "petugas"};
  return *kNouns;
}

// A number right after one of these words is a document's number, a year or an article.
bool NamesADocument(const std::string& word) {
  static const auto* const kWords =
      new std::set<std::string>{"nomor",  "no",  "pasal", "ayat",   "tahun", "pp",  "perpres",
                                "permen", "pmk", "kep",   "inpres", "uu",    "per", "bab"};
  return kWords->contains(word);
}

bool IsMonth(const std::string& word) {
  static const auto* const kMonths =
      new std::set<std::string>{"januari", "februari", "maret",     "april",   "mei",      "juni",
                                "juli",    "agustus",  "september", "oktober", "november", "desember"};
  return kMonths->contains(word);
}

// The word of letters that ends right before `at` (spaces skipped), lower case.
std::string WordBefore(const std::string& text, size_t at) {
  size_t end = at;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ':' || text[end - 1] == '\t')) --end;
  if (end > 0 && text[end - 1] == '.') --end;  // "No. 8"
  size_t begin = end;
  while (begin > 0 && absl::ascii_isalpha(static_cast<unsigned char>(text[begin - 1]))) --begin;
  return absl::AsciiStrToLower(text.substr(begin, end - begin));
}

// Where the word after `at` begins (spaces and a spelled-out number in brackets, "2 (dua)", skipped).
size_t NextWordAt(const std::string& text, size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  if (at < text.size() && text[at] == '(') {
    const size_t close = text.find(')', at);
    if (close != std::string::npos && close - at < 20) {
      at = close + 1;
      while (at < text.size() && text[at] == ' ') ++at;
    }
  }
  return at;
}

std::string WordAt(const std::string& text, size_t at) {
  size_t end = at;
  while (end < text.size() && absl::ascii_isalpha(static_cast<unsigned char>(text[end]))) ++end;
  return absl::AsciiStrToLower(text.substr(at, end - at));
}

// The sentence around [begin, end): back to a line break or a ". ", "; " or "? " whose stop is
// not inside a number, and on to the next. `*at` is where `begin` falls in it.
std::string SentenceAround(const std::string& text, size_t begin, size_t end, size_t* at) {
  auto is_stop = [&text](size_t i) {
    if (text[i] == '\n') return true;
    if (text[i] != '.' && text[i] != ';' && text[i] != '?' && text[i] != '!') return false;
    // "Rp. 10.885.113.000" and "No. 8": the point of an abbreviation ends no sentence.
    const absl::string_view two = i >= 2 ? absl::string_view(text).substr(i - 2, 2) : "";
    if (text[i] == '.' && (absl::EqualsIgnoreCase(two, "rp") || absl::EqualsIgnoreCase(two, "no")) &&
        (i == 2 || !absl::ascii_isalpha(static_cast<unsigned char>(text[i - 3]))))
      return false;
    return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n';
  };
  size_t from = begin;
  while (from > 0 && !is_stop(from - 1)) --from;
  size_t to = end;
  while (to < text.size() && !is_stop(to)) ++to;
  if (to < text.size() && text[to] != '\n') ++to;
  // Without the point's marker ("- ", "* ") it stands after.
  absl::string_view sentence = absl::StripAsciiWhitespace(absl::string_view(text).substr(from, to - from));
  while (!sentence.empty() && (sentence.front() == '-' || sentence.front() == '*' || sentence.front() == ' '))
    sentence.remove_prefix(1);
  *at = begin - static_cast<size_t>(sentence.data() - text.data());
  return std::string(sentence);
}

long ScaleOf(const TypedFigure& f) {
  if (absl::EndsWith(f.written, " juta")) return 1000000;
  if (absl::EndsWith(f.written, " miliar") || absl::EndsWith(f.written, " milyar")) return 1000000000;
  return 1;
}

// The nearest word before the figure that says which figure it is, as the grammar names it:
// target, realisasi, capaian, pagu, sisa, persen (of a budget), efisiensi, nasional; "" if none.
std::string FieldWord(const TypedFigure& f) {
  const std::string before = FoldForSearch(f.sentence.substr(0, f.in_sentence));
  std::vector<absl::string_view> words = absl::StrSplit(before, ' ', absl::SkipEmpty());
  std::reverse(words.begin(), words.end());  // nearest first
  for (size_t i = 0; i < words.size() && i < 12; ++i) {
    const absl::string_view w = words[i];
    const absl::string_view previous = i + 1 < words.size() ? words[i + 1] : "";
    if (w == "target" || w == "ditargetkan") return "target";
    if (w == "capaian" || w == "capaiannya") return "capaian";
    if (w == "sisa") return "sisa";
    if (w == "efisiensi") return "efisiensi";
    if (w == "nasional") return "nasional";
    if (w == "penyerapan" || w == "terserap" || w == "serapan" || w == "menyerap")
      return f.kind == FigureKind::kPercent ? "persen" : "realisasi";
    if (w == "anggaran" || w == "pagu") {
      if (previous == "realisasi" || previous == "penyerapan" || previous == "serapan")
        return f.kind == FigureKind::kPercent ? "persen" : "realisasi";
      if (previous == "sisa") return "sisa";
      return "pagu";
    }
    if (w == "realisasi" || w == "terealisasi" || w == "tercapai" || w == "mencapai") return "realisasi";
  }
  return "";
}

// Words that name another year than the one reported: the figure may be that year's.
bool AboutAnotherYear(const std::string& folded, int year) {
  if (absl::StrContains(folded, " tahun lalu ") || absl::StrContains(folded, " sebelumnya ")) return true;
  for (absl::string_view w : absl::StrSplit(folded, ' ', absl::SkipEmpty())) {
    int y = 0;
    if (w.size() == 4 && absl::SimpleAtoi(w, &y) && y >= 1990 && y <= 2100 && y != year) return true;
  }
  return false;
}

// "Mataram" of "BNN Kota Mataram": how a sentence names a satker.
std::string ShortName(const std::string& name) {
  std::string folded = FoldForSearch(name);
  for (const char* prefix :
       {" bnn kabupaten ", " bnn kota ", " bnnk ", " bnnp ", " bnn provinsi ", " bnn "}) {
    if (absl::StartsWith(folded, prefix)) return absl::StrCat(" ", folded.substr(strlen(prefix)));
  }
  return folded;
}

const aggregator::v1::IndicatorResult* IndicatorOf(const VerifyInputs& in, const std::string& code) {
  for (const auto& i : in.data.capaian.indicators()) {
    if (i.code() == code) return &i;
  }
  return nullptr;
}

// Whether the IKK's unit is the count's noun ("Berkas Perkara" and "berkas").
bool UnitIsNoun(const std::string& unit, const std::string& noun) {
  const std::string folded_unit = FoldForSearch(unit), folded_noun = FoldForSearch(noun);
  return absl::StrContains(folded_unit, folded_noun);
}

bool IsPercentUnit(const std::string& unit) {
  return absl::StrContains(unit, "%") || absl::StrContains(FoldForSearch(unit), " persen ");
}

// The IKK's measure is a value, not a count: a contradiction of "sebesar 87,93" is meaningful.
bool MeasuresAValue(const aggregator::v1::IndicatorResult& ind) {
  const std::string unit = FoldForSearch(ind.unit());
  if (unit == " indeks " || unit == " nilai " || IsPercentUnit(ind.unit())) return true;
  return ind.available() && ind.realisasi().value().find('.') != std::string::npos;
}

// What the words around a figure say, read once per figure: several rules consult each.
struct Reading {
  const TypedFigure& f;
  const aggregator::v1::IndicatorResult* ind;  // the text's IKK, if the text is one's
  std::string folded;                          // the sentence, folded for search
  std::string field;                           // FieldWord
  bool other_year;
};

}  // namespace

struct FigureTies::Names {
  // A budget row as a sentence names it: "Mataram" for a satker, the label for the others.
  struct BudgetRow {
    std::string scope;  // "anggaran.kegiatan.P4GN/advokasi"
    std::string label;
    std::string folded;
  };
  std::vector<BudgetRow> budget_rows;
  // Each IKK's satker rows as a sentence names them, in the order of satker_rows().
  std::unordered_map<std::string, std::vector<std::string>> satker_names;
  // Lists of refs a figure is compared with, by what they list ("ikk:IKK-02:kategori").
  std::unordered_map<std::string, std::vector<std::string>> ref_lists;

  explicit Names(const VerifyInputs& in) {
    const auto& b = in.data.budget;
    for (const auto& [table, rows] :
         {std::pair{"program", &b.per_program()}, std::pair{"satker", &b.per_satker()},
          std::pair{"kegiatan", &b.per_kegiatan()}}) {
      for (const auto& row : rows->rows()) {
        budget_rows.push_back(
            {absl::StrCat("anggaran.", table, ".", row.code()), row.label(),
             std::string(table) == "satker" ? ShortName(row.label()) : FoldForSearch(row.label())});
      }
    }
    for (const auto& ind : in.data.capaian.indicators()) {
      auto& names = satker_names[ind.code()];
      for (const auto& row : ind.satker_rows()) names.push_back(ShortName(row.satker_name()));
    }
  }

  template <typename Build>
  const std::vector<std::string>& RefList(const std::string& key, Build build) {
    auto [it, inserted] = ref_lists.try_emplace(key);
    if (inserted) it->second = build();
    return it->second;
  }
};

namespace {

// The satker row of `ind` the sentence names (the longest name found), or nullptr.
const indicator::v1::SatkerRow* SatkerNamed(FigureTies& ties, const aggregator::v1::IndicatorResult& ind,
                                            const std::string& folded) {
  const std::vector<std::string>& names = ties.names().satker_names[ind.code()];
  const indicator::v1::SatkerRow* best = nullptr;
  size_t longest = 0;
  for (int i = 0; i < ind.satker_rows_size() && i < static_cast<int>(names.size()); ++i) {
    if (names[i].size() > longest && absl::StrContains(folded, names[i])) {
      best = &ind.satker_rows(i);
      longest = names[i].size();
    }
  }
  return best;
}

// A data figure a typed figure may be tied to, and the rule that points at it.
struct Candidate {
  std::string ref;
  std::string rule;
};

FigureTie Resolved(FigureTies& ties, const TypedFigure& f, const Candidate& tie, bool strong) {
  FigureTie out;
  const std::optional<StatedRefValue>& value = ties.Resolve(tie.ref);
  if (!value) return out;
  const long scale = ScaleOf(f);
  const std::string* data = ties.Rounded(value->exact, f.places, scale);
  const std::string* typed = ties.Rounded(f.exact, f.places, 1);
  if (data != nullptr && typed != nullptr && *data == *typed) {
    out.outcome = TieOutcome::kAgrees;
  } else if (strong) {
    out.outcome = TieOutcome::kContradicts;
  } else {
    return out;
  }
  out.ref = tie.ref;
  out.data = *value;
  out.rule = tie.rule;
  return out;
}

// The first of `refs` the figure equals.
FigureTie AnyEqual(FigureTies& ties, const TypedFigure& f, const std::vector<std::string>& refs) {
  for (const auto& ref : refs) {
    FigureTie t = Resolved(ties, f, {ref, ""}, false);
    if (t.outcome == TieOutcome::kAgrees) {
      t.rule = absl::StrCat("sama dengan ", t.data.label);
      return t;
    }
  }
  return {};
}

// The budget's figures of the total and of every row, `fields` of each.
std::vector<std::string> BudgetRefs(FigureTies& ties, const std::vector<std::string>& fields) {
  std::vector<std::string> refs;
  for (const auto& field : fields) refs.push_back(absl::StrCat("anggaran.total.", field));
  for (const auto& row : ties.names().budget_rows) {
    for (const auto& field : fields) refs.push_back(absl::StrCat(row.scope, ".", field));
  }
  return refs;
}

// The budget row a sentence names (a satker, program or kegiatan, the longest name found): its
// ref prefix "anggaran.kegiatan.P4GN/advokasi" and label; "anggaran.total" when it speaks of the
// units together; nullopt when it names none.
std::optional<std::pair<std::string, std::string>> NamedBudgetScope(FigureTies& ties,
                                                                    const std::string& folded) {
  // "BNNP ... beserta BNNK jajarannya": the province's units together.
  if (absl::StrContains(folded, " beserta ") || absl::StrContains(folded, " jajarannya "))
    return std::pair<std::string, std::string>{"anggaran.total", "total"};
  std::optional<std::pair<std::string, std::string>> best;
  size_t longest = 0;
  for (const auto& row : ties.names().budget_rows) {
    if (row.folded.size() > longest && row.folded.size() > 3 && absl::StrContains(folded, row.folded)) {
      best = {row.scope, row.label};
      longest = row.folded.size();
    }
  }
  return best;
}

// The budget a figure speaks of: the row its sentence names, else the row the sentence before it
// names when the sentence refers back to it ("Program Dukungan Manajemen ..., dengan pagu ..."
// then "Dari pagu ... telah terealisasi ..."), else the total.
std::pair<std::string, std::string> BudgetScope(FigureTies& ties, const Reading& r) {
  if (auto named = NamedBudgetScope(ties, r.folded)) return *named;
  // Only a sentence that refers back ("Dari pagu ...", "... anggaran tersebut ...") takes the
  // scope of the one before: a new paragraph about the total follows one about a satker.
  const bool refers_back = absl::StartsWith(r.folded, " dari ") || absl::StrContains(r.folded, " tersebut ");
  if (refers_back && !r.f.previous.empty()) {
    if (auto named = NamedBudgetScope(ties, FoldForSearch(r.f.previous))) return *named;
  }
  return {"anggaran.total", "total"};
}

FigureTie TieRupiah(FigureTies& ties, const Reading& r) {
  const TypedFigure& f = r.f;
  if (r.field == "pagu" || r.field == "realisasi" || r.field == "sisa") {
    const auto [scope, label] = BudgetScope(ties, r);
    FigureTie t = Resolved(ties, f,
                           {absl::StrCat(scope, ".", r.field),
                            absl::StrCat("Rp setelah kata \"", r.field, "\", lingkup ", label)},
                           !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  const VerifyInputs& in = ties.inputs();
  return AnyEqual(ties, f, ties.names().RefList("rupiah", [&] {
    std::vector<std::string> refs = BudgetRefs(ties, {"pagu", "realisasi", "sisa"});
    for (const auto& k : in.data.pk.kegiatan())
      refs.push_back(absl::StrCat("pk.kegiatan.", k.kegiatan_code(), ".anggaran"));
    return refs;
  }));
}

FigureTie TiePercent(FigureTies& ties, const Reading& r) {
  const TypedFigure& f = r.f;
  const aggregator::v1::IndicatorResult* ind = r.ind;
  if (ind != nullptr && r.field == "capaian") {
    FigureTie t = Resolved(ties, f,
                           {absl::StrCat("ikk.", ind->code(), ".capaian"),
                            absl::StrCat("% setelah kata \"capaian\" dalam teks ", ind->code())},
                           !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  // "target 12 tercapai sebesar 20 (167%)": the percentage in brackets after the IKK's realisasi
  // is its capaian.
  if (ind != nullptr && r.field == "realisasi" && f.bracketed) {
    FigureTie t = Resolved(ties, f,
                           {absl::StrCat("ikk.", ind->code(), ".capaian"),
                            absl::StrCat("% dalam kurung setelah realisasi, teks ", ind->code())},
                           !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  if (r.field == "persen" || r.field == "efisiensi") {
    const auto [scope, label] = BudgetScope(ties, r);
    FigureTie t = Resolved(ties, f,
                           {absl::StrCat(scope, ".", r.field),
                            absl::StrCat("% setelah kata penyerapan/realisasi anggaran, lingkup ", label)},
                           !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  if (ind != nullptr && IsPercentUnit(ind->unit()) && (r.field == "realisasi" || r.field == "target")) {
    FigureTie t =
        Resolved(ties, f,
                 {absl::StrCat("ikk.", ind->code(), ".", r.field),
                  absl::StrCat("% setelah kata \"", r.field, "\" dalam teks ", ind->code(), " (satuan %)")},
                 !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  const VerifyInputs& in = ties.inputs();
  return AnyEqual(ties, f, ties.names().RefList(absl::StrCat("persen:", ind ? ind->code() : ""), [&] {
    std::vector<std::string> refs = BudgetRefs(ties, {"persen", "efisiensi"});
    for (const auto& i : in.data.capaian.indicators()) {
      if (ind != nullptr && i.code() != ind->code()) continue;
      for (const char* field_name : {"capaian", "realisasi", "target"})
        refs.push_back(absl::StrCat("ikk.", i.code(), ".", field_name));
    }
    return refs;
  }));
}

// An IKK's figure the sentence points at: its target, a satker's value or target, its realisasi.
Candidate IkkCandidate(FigureTies& ties, const aggregator::v1::IndicatorResult& ind, const Reading& r,
                       const std::string& why) {
  if (const auto* row = SatkerNamed(ties, ind, r.folded); row != nullptr) {
    const std::string which = r.field == "target" ? "target" : "value";
    return {absl::StrCat("ikk.", ind.code(), ".satker.", row->satker_code(), ".", which),
            absl::StrCat(why, ", satker ", row->satker_name(), " disebut dalam kalimat")};
  }
  const std::string which = r.field == "target" ? "target" : "realisasi";
  return {
      absl::StrCat("ikk.", ind.code(), ".", which),
      absl::StrCat(why, r.field == "target" ? ", setelah kata \"target\"" : ", dibaca sebagai realisasi")};
}

// The IKK's figures a typed figure may equal; a value is compared with the category bounds
// first, as the texts that print them quote the rule set's intervals.
const std::vector<std::string>& IkkRefs(FigureTies& ties, const aggregator::v1::IndicatorResult& ind,
                                        bool with_categories) {
  return ties.names().RefList(absl::StrCat("ikk:", ind.code(), with_categories ? ":kategori" : ""), [&] {
    std::vector<std::string> refs;
    for (const auto& c : ind.categories()) {
      if (!with_categories) break;
      for (const char* f : {"bawah", "atas"})
        refs.push_back(absl::StrCat("ikk.", ind.code(), ".kategori.", c.label(), ".", f));
    }
    for (const char* f : {"realisasi", "target", "pembanding.sebelumnya", "nasional.nilai",
                          "nasional.provinsi", "nasional.target", "nasional.target_provinsi"}) {
      refs.push_back(absl::StrCat("ikk.", ind.code(), ".", f));
    }
    for (const auto& row : ind.satker_rows()) {
      for (const char* f : {"value", "target"}) {
        refs.push_back(absl::StrCat("ikk.", ind.code(), ".satker.", row.satker_code(), ".", f));
      }
    }
    return refs;
  });
}

FigureTie TieCount(FigureTies& ties, const Reading& r) {
  const TypedFigure& f = r.f;
  const aggregator::v1::IndicatorResult* ind = r.ind;
  const VerifyInputs& in = ties.inputs();
  if (f.noun == "indikator" || f.noun == "ikk" || f.noun == "sasaran") {
    const std::string ref = f.noun == "sasaran" ? "jumlah.sasaran" : "jumlah.ikk";
    FigureTie t =
        Resolved(ties, f, {ref, absl::StrCat("bilangan dengan kata \"", f.noun, "\"")}, !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  std::vector<const aggregator::v1::IndicatorResult*> measured;  // IKK counted in the noun
  if (ind != nullptr) {
    if (UnitIsNoun(ind->unit(), f.noun)) measured.push_back(ind);
  } else {
    for (const auto& i : in.data.capaian.indicators()) {
      if (UnitIsNoun(i.unit(), f.noun)) measured.push_back(&i);
    }
  }
  if (measured.size() == 1) {
    const std::string why = absl::StrCat("bilangan \"", f.noun, "\" = satuan ", measured[0]->code());
    FigureTie t =
        Resolved(ties, f, IkkCandidate(ties, *measured[0], r, why), ind != nullptr && !r.other_year);
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  for (const auto* i : measured) {
    FigureTie t = AnyEqual(ties, f, IkkRefs(ties, *i, false));
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  return {};
}

FigureTie TieValue(FigureTies& ties, const Reading& r) {
  const TypedFigure& f = r.f;
  const aggregator::v1::IndicatorResult* ind = r.ind;
  if (ind != nullptr && f.noun != "rentang") {
    if (r.field == "nasional") {
      FigureTie t = Resolved(
          ties, f, {absl::StrCat("ikk.", ind->code(), ".nasional.nilai"), "nilai setelah kata \"nasional\""},
          !r.other_year);
      if (t.outcome != TieOutcome::kUntied) return t;
    } else if (r.field == "target" || r.field == "realisasi" ||
               SatkerNamed(ties, *ind, r.folded) != nullptr || absl::StrContains(r.folded, " sebesar ")) {
      const bool strong = !r.other_year && MeasuresAValue(*ind);
      FigureTie t = Resolved(
          ties, f, IkkCandidate(ties, *ind, r, absl::StrCat("nilai dalam teks ", ind->code())), strong);
      if (t.outcome != TieOutcome::kUntied) return t;
    }
  }
  for (const auto& i : ties.inputs().data.capaian.indicators()) {
    if (ind != nullptr && i.code() != ind->code()) continue;
    FigureTie t = AnyEqual(ties, f, IkkRefs(ties, i, true));
    if (t.outcome != TieOutcome::kUntied) return t;
  }
  return {};
}

}  // namespace

std::vector<TypedFigure> FindTypedFigures(const std::string& text_key, const std::string& text) {
  std::vector<TypedFigure> out;
  size_t i = 0;
  while ((i = NextDigit(text, i)) < text.size()) {
    const size_t start = i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    while (i + 3 < text.size() && text[i] == '.' && IsDigit(text[i + 1]) && IsDigit(text[i + 2]) &&
           IsDigit(text[i + 3]) && (i + 4 >= text.size() || !IsDigit(text[i + 4]))) {
      i += 4;
    }
    int places = 0;
    if (i + 1 < text.size() && text[i] == ',' && IsDigit(text[i + 1])) {
      ++i;
      while (i < text.size() && IsDigit(text[i])) {
        ++i;
        ++places;
      }
    }
    const size_t end = i;
    const std::string number = text.substr(start, end - start);
    // "Rp", "Rp." or "Rp " right before.
    size_t k = start;
    if (k > 0 && text[k - 1] == ' ') --k;
    if (k > 0 && text[k - 1] == '.') --k;
    const bool rupiah = k >= 2 && absl::EqualsIgnoreCase(text.substr(k - 2, 2), "rp");
    const char prev = start > 0 ? text[start - 1] : ' ';
    const char next = end < text.size() ? text[end] : ' ';
    if (!rupiah &&
        (IsWordChar(prev) || prev == '.' || prev == ',' || prev == '-' || prev == '/' || prev == '_'))
      continue;
    if (IsWordChar(next) || (next == '.' && end + 1 < text.size() && IsWordChar(text[end + 1]))) continue;
    // A list marker: first on its line, then "." or ")".
    const void* newline = memrchr(text.data(), '\n', start);
    const size_t line = newline == nullptr ? 0 : static_cast<const char*>(newline) - text.data() + 1;
    const bool first_on_line =
        absl::string_view(text).substr(line, start - line).find_first_not_of(" -*(\t") ==
        absl::string_view::npos;
    if (first_on_line && (next == '.' || next == ')')) continue;
    if (prev == '(' && next == ')') continue;  // "(1)"
    const std::string before = WordBefore(text, rupiah ? k - 2 : start);
    const size_t next_word_at = NextWordAt(text, end);
    const std::string after = WordAt(text, next_word_at);
    if (!rupiah && (NamesADocument(before) || after == "tahun" || IsMonth(after))) continue;

    TypedFigure f;
    f.text_key = text_key;
    f.begin = rupiah ? k - 2 : start;
    f.end = end;
    f.number_begin = start;
    f.number_end = end;
    f.places = places;
    std::string plain;
    for (char c : number) {
      if (c == ',')
        plain += '.';
      else if (c != '.')
        plain += c;
    }
    f.exact = plain;
    if (rupiah) {
      f.kind = FigureKind::kRupiah;
      if (after == "juta" || after == "miliar" || after == "milyar") f.end = next_word_at + after.size();
    } else if (next == '%' || (next == ' ' && end + 1 < text.size() && text[end + 1] == '%')) {
      f.kind = FigureKind::kPercent;
      f.end = text.find('%', end) + 1;
    } else if (after == "persen") {
      f.kind = FigureKind::kPercent;
      f.end = next_word_at + after.size();
    } else {
      const std::string rest = absl::AsciiStrToLower(text.substr(next_word_at, 24));
      for (const auto& noun : CountNouns()) {
        if (places == 0 && absl::StartsWith(rest, noun) &&
            (rest.size() == noun.size() || !IsWordChar(rest[noun.size()]))) {
          f.kind = FigureKind::kCount;
          f.noun = noun;
          f.end = next_word_at + noun.size();
          break;
        }
      }
      if (f.noun.empty()) {
        const bool value_word =
            before == "sebesar" || before == "senilai" || before == "nilai" || before == "nilainya";
        int year = 0;
        if (places == 0 && !value_word) continue;  // a bare whole number: a year, a page, an ordinal
        if (places == 0 && absl::SimpleAtoi(number, &year) && year >= 1900 && year <= 2100) continue;
        f.kind = FigureKind::kValue;
        if (next == '-' || after == "s" || after == "sampai" || after == "hingga") f.noun = "rentang";
      }
    }
    f.bracketed = f.begin > 0 && text[f.begin - 1] == '(' && f.end < text.size() && text[f.end] == ')';
    f.written = text.substr(f.begin, f.end - f.begin);
    f.sentence = SentenceAround(text, f.begin, f.end, &f.in_sentence);
    // The sentence before, back over the spaces and line breaks between them.
    size_t before_at = f.begin - f.in_sentence;
    while (before_at > 0 && absl::ascii_isspace(static_cast<unsigned char>(text[before_at - 1]))) --before_at;
    if (before_at > 0) {
      size_t unused = 0;
      f.previous = SentenceAround(text, before_at - 1, before_at - 1, &unused);
    }
    i = std::max(i, f.end);
    out.push_back(std::move(f));
  }
  return out;
}

const std::optional<StatedRefValue>& FigureTies::Resolve(const std::string& ref) {
  auto [it, inserted] = resolved_.try_emplace(ref);
  if (inserted) it->second = ResolveStatedRef(in_, ref);
  return it->second;
}

const std::string* FigureTies::Rounded(const std::string& exact, int places, long scale) {
  auto [it, inserted] = rounded_.try_emplace(absl::StrCat(exact, "@", places, "/", scale));
  if (inserted) {
    absl::StatusOr<std::string> fixed = absl::InvalidArgumentError("not a number");
    if (scale == 1) {
      fixed = RoundedFixed(exact, places);
    } else if (auto value = Decimal::Parse(exact); value.ok()) {
      fixed = RoundedFixed((*value / Decimal(scale)).ToExactString(), places);
    }
    if (fixed.ok()) it->second = *std::move(fixed);
  }
  return it->second ? &*it->second : nullptr;
}

FigureTies::FigureTies(const VerifyInputs& in) : in_(in), names_(std::make_unique<Names>(in)) {}
FigureTies::~FigureTies() = default;

FigureTie TieFigure(const VerifyInputs& in, const TypedFigure& figure) { return FigureTies(in).Tie(figure); }

FigureTie FigureTies::Tie(const TypedFigure& f) {
  const aggregator::v1::IndicatorResult* ind = nullptr;
  if (!f.ikk.empty()) {
    ind = IndicatorOf(in_, f.ikk);
  } else if (absl::StartsWith(f.text_key, "IKK-")) {
    ind = IndicatorOf(in_, f.text_key.substr(0, f.text_key.find('.')));
  }
  std::string folded = FoldForSearch(f.sentence);
  const bool other_year = AboutAnotherYear(folded, in_.data.capaian.fiscal_year());
  const Reading r{f, ind, std::move(folded), FieldWord(f), other_year};
  switch (f.kind) {
    case FigureKind::kRupiah:
      return TieRupiah(*this, r);
    case FigureKind::kPercent:
      return TiePercent(*this, r);
    case FigureKind::kCount:
      return TieCount(*this, r);
    case FigureKind::kValue:
      return TieValue(*this, r);
  }
  return {};
}

}  // namespace lkip::aggregator
