#include "services/keuangan/score_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/keuangan/scores.h"

namespace lkip::keuangan {
namespace {

constexpr int kMaxScores = 1000;

std::string ScoreKey(int year, v1::ScoreKind kind, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagBudgetScore)
      .AddInt32(year)
      .AddInt32(kind)
      .AddString(province)
      .AddString(satker)
      .Build();
}

const char* KindName(v1::ScoreKind kind) { return kind == v1::SCORE_KIND_NKA ? "NKA" : "IKPA"; }
const char* SourceName(v1::ScoreSource source) {
  return source == v1::SCORE_SOURCE_SMART ? "SMART" : "OM-SPAN";
}

// The rule of the kind: measure, formula and tolerance of the fiscal year.
struct KindRule {
  std::string measure;
  std::string regulation;
  Decimal tolerance;
  const rules::v1::NkaRule* nka = nullptr;
  const rules::v1::IkpaRule* ikpa = nullptr;
  const RuleNumbers* numbers = nullptr;  // the weights, parsed with the rule set
};

absl::StatusOr<KindRule> RuleOf(const YearRules& rules, v1::ScoreKind kind) {
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

}  // namespace

absl::StatusOr<v1::ImportBudgetScoresResponse> ScoreStore::Import(
    const WriteContext& context, const v1::ImportBudgetScoresRequest& request) {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(request.fiscal_year()));
  if (request.kind() != v1::SCORE_KIND_NKA && request.kind() != v1::SCORE_KIND_IKPA) {
    return absl::InvalidArgumentError(absl::StrCat("kind: ", request.kind(), " is neither NKA nor IKPA"));
  }
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
  ASSIGN_OR_RETURN(KindRule rule, RuleOf(*rules, request.kind()));
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  const std::string source_document =
      absl::StrCat(SourceName(request.source()), ": ", request.source_document());
  std::set<std::string> seen;
  std::vector<storage::v1::BudgetScoreRecord> records;
  std::vector<std::string> keys;
  for (int i = 0; i < request.scores_size(); ++i) {
    const auto& in = request.scores(i);
    const std::string path = absl::StrCat("scores[", i, "]");
    RETURN_IF_ERROR(CheckSatkerCode(units, path + ".satker_code", in.satker_code()));
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
    record.set_source_document(source_document);
    RETURN_IF_ERROR(Recompute(rule, in, path, &record));
    records.push_back(std::move(record));
    keys.push_back(ScoreKey(request.fiscal_year(), request.kind(), units.ProvinceOf(in.satker_code()),
                            in.satker_code()));
  }
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  v1::ImportBudgetScoresResponse response;
  Mutation mutation;
  const int64_t now = store_->options().now_micros();
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const std::string& satker = request.scores(i).satker_code();
    const std::string province = units.ProvinceOf(satker);
    ASSIGN_OR_RETURN(auto findings, DifferenceFindings(request.kind(), satker, r, rule.tolerance));
    for (const auto& f : findings) *response.add_findings() = f;
    const std::string serialized = SerializeDeterministic(r);
    if (previous[i].has_value() && *previous[i] == serialized) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    response.set_written(response.written() + 1);
    mutation.PutKnownPrevious(keys[i], serialized, std::move(previous[i]));
    storage::v1::SatkerValueRecord published;
    published.set_value(r.value());
    published.set_source_document(source_document);
    published.set_actor(context.actor);
    published.set_recorded_unix_micros(now);
    mutation.Put(SatkerValueKey(request.fiscal_year(), rule.measure, province, satker),
                 published.SerializeAsString());
    if (r.recomputed().empty()) {
      mutation.Delete(
          SatkerValueKey(request.fiscal_year(), rule.measure, province, satker, kTagComputedValue));
    } else {
      ASSIGN_OR_RETURN(const Decimal recomputed,
                       Decimal::ParseStored(r.recomputed(), absl::StrCat("recomputed score of ", satker)));
      PutComputedValue(*store_, request.fiscal_year(), rule.measure, province, satker, recomputed,
                       absl::StrCat("komponen ", KindName(request.kind()), " dari ", source_document),
                       context.actor, absl::StrCat("rules ", rules->version(), " ", r.rule_ref()), &mutation,
                       findings);
    }
  }
  if (!mutation.empty()) {
    WriteContext ctx = context;
    ctx.summary = absl::StrCat(KindName(request.kind()), " ", request.fiscal_year(),
                               " written=", response.written(), " unchanged=", response.unchanged());
    RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  }
  return response;
}

absl::StatusOr<v1::BudgetScores> ScoreStore::Get(const v1::GetBudgetScoresRequest& request) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(request.fiscal_year()));
  if (request.kind() != v1::SCORE_KIND_NKA && request.kind() != v1::SCORE_KIND_IKPA) {
    return absl::InvalidArgumentError(absl::StrCat("kind: ", request.kind(), " is neither NKA nor IKPA"));
  }
  ASSIGN_OR_RETURN(KindRule rule, RuleOf(*rules, request.kind()));
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto members, units.ProvinceMembers(request.province_code()));
  std::vector<std::string> keys;
  for (const auto* u : members)
    keys.push_back(ScoreKey(request.fiscal_year(), request.kind(), request.province_code(), u->code()));
  ASSIGN_OR_RETURN(auto stored, store_->FindMany(keys));
  const rules::v1::Measure* measure = rules->FindMeasure(rule.measure);
  v1::BudgetScores out;
  out.set_fiscal_year(request.fiscal_year());
  out.set_kind(request.kind());
  out.set_regulation(rule.regulation);
  for (size_t i = 0; i < members.size(); ++i) {
    if (!stored[i].has_value()) continue;
    storage::v1::BudgetScoreRecord r;
    if (!r.ParseFromString(*stored[i])) return absl::DataLossError("corrupt budget score record");
    auto* s = out.add_scores();
    s->set_satker_code(members[i]->code());
    s->set_satker_name(members[i]->name());
    s->mutable_published()->set_value(r.value());
    ASSIGN_OR_RETURN(const Decimal published,
                     Decimal::ParseStored(r.value(), absl::StrCat("score of ", members[i]->code())));
    if (!r.recomputed().empty()) {
      ASSIGN_OR_RETURN(
          const Decimal recomputed,
          Decimal::ParseStored(r.recomputed(), absl::StrCat("recomputed score of ", members[i]->code())));
      s->mutable_recomputed()->set_value(r.recomputed());
      s->mutable_difference()->set_value((recomputed - published).ToExactString());
    }
    if (measure != nullptr) {
      const int c = rules->CategoryIndex(*measure, published);
      if (c >= 0) s->set_category(measure->categories(c).label());
    }
    s->set_source(static_cast<v1::ScoreSource>(r.source()));
    s->set_source_document(r.source_document());
    ASSIGN_OR_RETURN(auto findings,
                     DifferenceFindings(request.kind(), members[i]->code(), r, rule.tolerance));
    for (auto& f : findings) *s->add_findings() = std::move(f);
  }
  return out;
}

}  // namespace lkip::keuangan
