#include "services/keuangan/score_import.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/validation/fields.h"
#include "services/keuangan/scores.h"

namespace lkip::keuangan {
namespace {

constexpr int kMaxScores = 1000;

const char* SourceName(v1::ScoreSource source) {
  return source == v1::SCORE_SOURCE_SMART ? "SMART" : "OM-SPAN";
}

absl::StatusOr<Decimal> Percent(const std::string& path, const common::v1::Decimal& value,
                                bool bounded = true) {
  auto d = Decimal::Parse(value.value());
  if (!d.ok())
    return absl::InvalidArgumentError(absl::StrCat(path, ": \"", value.value(), "\" is not a number"));
  if (bounded && (d->Sign() < 0 || *d > Decimal(100))) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", value.value(), " is outside 0..100"));
  }
  return *d;
}

// Validates one score's components and fills the record's components and recomputation.
absl::Status Recompute(const KindRule& rule, const v1::BudgetScoreInput& in, const std::string& path,
                       storage::v1::BudgetScoreRecord* record) {
  if (in.has_nka()) {
    const auto& c = in.nka();
    ASSIGN_OR_RETURN(Decimal p, Percent(path + ".nka.penyerapan", c.penyerapan()));
    ASSIGN_OR_RETURN(Decimal k, Percent(path + ".nka.konsistensi", c.konsistensi()));
    ASSIGN_OR_RETURN(Decimal cro, Percent(path + ".nka.capaian_output", c.capaian_output()));
    Decimal ne;
    auto& comps = *record->mutable_components();
    if (c.has_efisiensi()) {
      ASSIGN_OR_RETURN(Decimal e, Percent(path + ".nka.efisiensi", c.efisiensi(), false));
      ne = EfficiencyScore(*rule.nka, *rule.numbers, e);
      comps["efisiensi"] = e.ToExactString();
    } else if (c.has_nilai_efisiensi()) {
      ASSIGN_OR_RETURN(ne, Percent(path + ".nka.nilai_efisiensi", c.nilai_efisiensi()));
    } else {
      return absl::InvalidArgumentError(absl::StrCat(path, ".nka: needs efisiensi or nilai_efisiensi"));
    }
    comps["penyerapan"] = p.ToExactString();
    comps["konsistensi"] = k.ToExactString();
    comps["capaian_output"] = cro.ToExactString();
    comps["nilai_efisiensi"] = ne.ToExactString();
    record->set_recomputed(ComputeNka(*rule.nka, *rule.numbers, p, k, cro, ne).ToExactString());
    record->set_rule_ref(absl::StrCat(
        rule.regulation, ": NKA = ", rule.nka->weight_penyerapan(), " P + ", rule.nka->weight_konsistensi(),
        " K + ", rule.nka->weight_capaian_output(), " CRO + ", rule.nka->weight_efisiensi(), " NE"));
    return absl::OkStatus();
  }
  if (in.has_ikpa()) {
    IkpaInput input;
    auto& comps = *record->mutable_components();
    for (int i = 0; i < in.ikpa().components_size(); ++i) {
      const auto& c = in.ikpa().components(i);
      const std::string cpath = absl::StrCat(path, ".ikpa.components[", i, "]");
      if (input.values.count(c.id()) > 0 || input.not_applicable.count(c.id()) > 0) {
        return absl::InvalidArgumentError(absl::StrCat(cpath, ".id: \"", c.id(), "\" appears twice"));
      }
      if (c.not_applicable()) {
        if (!c.value().value().empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat(cpath, ".value: set on a component marked not applicable"));
        }
        input.not_applicable.insert(c.id());
        record->add_not_applicable(c.id());
        continue;
      }
      ASSIGN_OR_RETURN(Decimal v, Percent(cpath + ".value", c.value()));
      input.values[c.id()] = v;
      comps[c.id()] = v.ToExactString();
    }
    if (!in.ikpa().dispensasi_deduction().value().empty()) {
      ASSIGN_OR_RETURN(input.deduction,
                       Percent(path + ".ikpa.dispensasi_deduction", in.ikpa().dispensasi_deduction()));
      record->set_deduction(input.deduction.ToExactString());
    }
    auto ikpa = ComputeIkpa(*rule.ikpa, *rule.numbers, input);
    if (!ikpa.ok())
      return absl::InvalidArgumentError(absl::StrCat(path, ".ikpa.", std::string(ikpa.status().message())));
    record->set_recomputed(ikpa->ToExactString());
    record->set_rule_ref(absl::StrCat(rule.regulation,
                                      ": IKPA = jumlah(nilai x bobot) / jumlah(bobot yang berlaku)",
                                      " - pengurangan dispensasi SPM, dibatasi 0..100"));
  }
  return absl::OkStatus();
}

}  // namespace

const char* KindName(v1::ScoreKind kind) { return kind == v1::SCORE_KIND_NKA ? "NKA" : "IKPA"; }
absl::StatusOr<KindRule> RuleOf(const YearRules& rules, v1::ScoreKind kind) {
  if (kind != v1::SCORE_KIND_NKA && kind != v1::SCORE_KIND_IKPA) {
    return absl::InvalidArgumentError(absl::StrCat("kind: ", kind, " is neither NKA nor IKPA"));
  }
  const auto& b = rules.rules().instruments().budget();
  KindRule out;
  if (kind == v1::SCORE_KIND_NKA && b.has_nka()) {
    out = {b.nka().measure(), b.nka().regulation(), rules.numbers().Get(b.nka().tolerance()), &b.nka(),
           nullptr,           &rules.numbers()};
  } else if (kind == v1::SCORE_KIND_IKPA && b.has_ikpa()) {
    out = {b.ikpa().measure(), b.ikpa().regulation(), rules.numbers().Get(b.ikpa().tolerance()), nullptr,
           &b.ikpa(),          &rules.numbers()};
  }
  if (out.measure.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("kind: the ", rules.fiscal_year(), " rule set has no ",
                                                      KindName(kind), " rule (instruments.budget)"));
  }
  return out;
}

absl::StatusOr<ScoreImport> CheckScoreImport(const v1::ImportBudgetScoresRequest& request,
                                             const YearRules& rules) {
  ScoreImport out;
  out.fiscal_year = request.fiscal_year();
  out.kind = request.kind();
  ASSIGN_OR_RETURN(out.rule, RuleOf(rules, request.kind()));
  const v1::ScoreSource expected =
      request.kind() == v1::SCORE_KIND_NKA ? v1::SCORE_SOURCE_SMART : v1::SCORE_SOURCE_OM_SPAN;
  if (request.source() != expected) {
    return absl::InvalidArgumentError(absl::StrCat("source: ", v1::ScoreSource_Name(request.source()),
                                                   " does not publish ", KindName(request.kind()),
                                                   "; it comes from ", SourceName(expected)));
  }
  if (!IsPrintableText(request.source_document(), 300)) {
    return absl::InvalidArgumentError(
        "source_document: is required (1..300 printable characters: the export or letter)");
  }
  if (request.scores_size() == 0) return absl::InvalidArgumentError("scores: is empty");
  if (request.scores_size() > kMaxScores) {
    return absl::InvalidArgumentError(
        absl::StrCat("scores: ", request.scores_size(), " exceed the limit of ", kMaxScores));
  }
  out.source_document = absl::StrCat(SourceName(request.source()), ": ", request.source_document());
  std::set<std::string> seen;
  for (int i = 0; i < request.scores_size(); ++i) {
    const auto& in = request.scores(i);
    const std::string path = absl::StrCat("scores[", i, "]");
    if (!seen.insert(in.satker_code()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".satker_code: ", in.satker_code(), " appears twice"));
    }
    ASSIGN_OR_RETURN(Decimal value, Percent(path + ".value", in.value()));
    if ((request.kind() == v1::SCORE_KIND_NKA && in.has_ikpa()) ||
        (request.kind() == v1::SCORE_KIND_IKPA && in.has_nka())) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, ": carries the components of the other score; this import is ", KindName(request.kind())));
    }
    storage::v1::BudgetScoreRecord record;
    record.set_value(value.ToExactString());
    record.set_source(request.source());
    record.set_source_document(out.source_document);
    RETURN_IF_ERROR(Recompute(out.rule, in, path, &record));
    out.scores.emplace_back(in.satker_code(), std::move(record));
  }
  return out;
}

absl::StatusOr<std::vector<common::v1::Finding>> DifferenceFindings(v1::ScoreKind kind,
                                                                    const std::string& satker,
                                                                    const storage::v1::BudgetScoreRecord& r,
                                                                    const Decimal& tolerance) {
  if (r.recomputed().empty()) return std::vector<common::v1::Finding>{};
  ASSIGN_OR_RETURN(const Decimal published,
                   Decimal::ParseStored(r.value(), absl::StrCat("score of ", satker)));
  ASSIGN_OR_RETURN(const Decimal recomputed,
                   Decimal::ParseStored(r.recomputed(), absl::StrCat("recomputed score of ", satker)));
  Decimal diff = recomputed - published;
  if (diff.Sign() < 0) diff = Decimal(0) - diff;
  if (diff <= tolerance) return std::vector<common::v1::Finding>{};
  common::v1::Finding f;
  f.set_code(kind == v1::SCORE_KIND_NKA ? "NKA_HITUNG_ULANG_BERBEDA" : "IKPA_HITUNG_ULANG_BERBEDA");
  f.set_severity(common::v1::SEVERITY_WARNING);
  f.set_subject(satker);
  f.set_message(absl::StrCat(KindName(kind), " ", satker, " menurut ",
                             SourceName(static_cast<v1::ScoreSource>(r.source())), " ",
                             published.ToIndonesian(2), ", hasil hitung ulang dari komponennya ",
                             recomputed.ToIndonesian(2), " (selisih ", diff.ToIndonesian(2), ")."));
  auto* v = f.add_values();
  v->set_label("dipublikasikan");
  v->set_value(published.ToExactString());
  v->set_source(r.source_document());
  v = f.add_values();
  v->set_label("hitung ulang");
  v->set_value(recomputed.ToExactString());
  v->set_source(r.rule_ref());
  return std::vector<common::v1::Finding>{std::move(f)};
}

}  // namespace lkip::keuangan
