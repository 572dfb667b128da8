// Figures typed into the stored texts, found and tied to the data. A text people write (kata
// pengantar, faktor, hambatan, kesimpulan) may carry figures: a rupiah amount, a percentage, a
// count with its noun ("20 berkas", "19 indikator"), a value ("sebesar 87,93"). Each is tied to
// a figure of the data by its context: the text's IKK, the noun against the IKK's unit, the
// nearest word before it (target, realisasi, pagu, sisa, capaian, penyerapan) and the satker the
// sentence names. A tie made from the context that the data contradicts is a contradiction; a
// figure equal to a data figure agrees (and could be bound to it, bound_figures.h); any other is
// untied, listed for a reader to check. The rule that tied each figure is kept, so a reader can
// judge the tie. Conservative by design: a sentence about another year, or a count whose noun is
// not the IKK's unit, is never a contradiction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/aggregator/report/stated_refs.h"

namespace lkip::aggregator {

enum class FigureKind { kRupiah, kPercent, kCount, kValue };

struct TypedFigure {
  std::string text_key;
  size_t begin = 0, end = 0;                // the figure's bytes in the text, its unit included
  size_t number_begin = 0, number_end = 0;  // the number's bytes alone
  std::string written;                      // as typed: "Rp16.375.654.700", "25 berkas", "99,44%"
  std::string exact;                        // its value as a plain decimal: "16375654700", "25", "99.44"
  int places = 0;                           // decimals written
  FigureKind kind = FigureKind::kValue;
  std::string noun;        // a count's noun, lower case ("berkas")
  bool bracketed = false;  // written in brackets: "(167%)"
  std::string ikk;         // the IKK whose text it stands in; empty: read from text_key ("IKK-12.faktor")
  std::string sentence;    // the sentence it stands in
  std::string previous;    // the sentence before it, if any
  size_t in_sentence = 0;  // where the figure starts in it
};

// The figures of one text, in order: numbers with "Rp", "%" or "persen", a noun of the list
// (orang, berkas, kabupaten/kota, satker, indikator, IKK, sasaran, kawasan, lembaga, unit,
// petugas), or after "sebesar"/"senilai"/"nilai", and decimals with a comma. Left out: years,
// dates, numbers of regulations ("Nomor 8 Tahun 2006"), list markers, codes (P-21, a.1).
std::vector<TypedFigure> FindTypedFigures(const std::string& text_key, const std::string& text);

enum class TieOutcome { kAgrees, kContradicts, kUntied };

struct FigureTie {
  TieOutcome outcome = TieOutcome::kUntied;
  std::string ref;      // the data figure (stated_refs.h grammar); empty when untied
  StatedRefValue data;  // its exact value, what it is and where it comes from
  std::string rule;     // how the figure was tied, in Indonesian
};

// Ties the figures of one province's texts to its data; each data figure a tie compares with is
// resolved once, however many figures try it (a metode text's values each try the IKK's category
// bounds, realisasi, target and satker values).
class FigureTies {
 public:
  explicit FigureTies(const VerifyInputs& in);
  ~FigureTies();
  FigureTie Tie(const TypedFigure& figure);
  // The data figure `ref` names (stated_refs.h), resolved on first use.
  const std::optional<StatedRefValue>& Resolve(const std::string& ref);
  const VerifyInputs& inputs() const { return in_; }
  // `exact` divided by `scale`, rounded to `places` as it is printed, computed once; nullptr when
  // it is not a number.
  const std::string* Rounded(const std::string& exact, int places, long scale);
  // The province's names (satker, budget rows) folded for search, and the lists of refs a figure
  // is compared with, each built once (typed_figures.cc).
  struct Names;
  Names& names() { return *names_; }

 private:
  const VerifyInputs& in_;
  std::unordered_map<std::string, std::optional<StatedRefValue>> resolved_;
  std::unordered_map<std::string, std::optional<std::string>> rounded_;
  std::unique_ptr<Names> names_;
};

// One figure alone, nothing kept.
FigureTie TieFigure(const VerifyInputs& in, const TypedFigure& figure);

}  // namespace lkip::aggregator
