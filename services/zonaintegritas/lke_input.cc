#include "services/zonaintegritas/lke_input.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"
#include "services/zonaintegritas/lke.h"

namespace lkip::zonaintegritas {
namespace {

constexpr int kMaxAnswers = 500;
constexpr int kMaxTpiRows = 1000;

absl::StatusOr<Decimal> Score(const std::string& path, const common::v1::Decimal& value, const Decimal& max) {
  auto d = Decimal::Parse(value.value());
  if (!d.ok())
    return absl::InvalidArgumentError(absl::StrCat(path, ": \"", value.value(), "\" is not a number"));
  if (d->Sign() < 0 || *d > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", value.value(), " is outside 0..", max.ToExactString()));
  }
  return *d;
}

// One component's areas: every area of the rule set exactly once, as a score or sub-areas.
absl::Status ReadAreas(const rules::v1::ZonaIntegritasRules& rules, const RuleNumbers& numbers,
                       const std::string& component,
                       const google::protobuf::RepeatedPtrField<v1::LkeArea>& areas,
                       storage::v1::LkeAssessmentRecord* record) {
  std::set<std::string> seen;
  for (int i = 0; i < areas.size(); ++i) {
    const auto& a = areas[i];
    const std::string path = absl::StrCat(component, "[", i, "]");
    const rules::v1::ZiArea* rule = nullptr;
    for (const auto& r : rules.areas()) {
      if (r.id() == a.area_id()) rule = &r;
    }
    if (rule == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".area_id: \"", a.area_id(), "\" is not an LKE area"));
    }
    if (!seen.insert(a.area_id()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".area_id: \"", a.area_id(), "\" appears twice"));
    }
    const Decimal& weight = numbers.Get(rule->weight());
    Decimal score;
    if (a.sub_areas_size() == 0) {
      if (a.score().value().empty()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ": needs a score or its sub_areas"));
      }
      ASSIGN_OR_RETURN(score, Score(path + ".score", a.score(), weight));
    } else {
      if (!a.score().value().empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ".score: given with sub_areas; give one or the other"));
      }
      Decimal weights;
      for (int s = 0; s < a.sub_areas_size(); ++s) {
        const auto& sub = a.sub_areas(s);
        const std::string spath = absl::StrCat(path, ".sub_areas[", s, "]");
        ASSIGN_OR_RETURN(Decimal w, Score(spath + ".weight", sub.weight(), weight));
        if (sub.answers_size() == 0 || sub.answers_size() > kMaxAnswers) {
          return absl::InvalidArgumentError(
              absl::StrCat(spath, ".answers: needs 1..", kMaxAnswers, " answers"));
        }
        std::vector<Decimal> values;
        auto* sub_record = record->add_sub_areas();
        sub_record->set_component(component);
        sub_record->set_area(a.area_id());
        sub_record->set_name(sub.name());
        sub_record->set_weight(w.ToExactString());
        for (int q = 0; q < sub.answers_size(); ++q) {
          const auto& ans = sub.answers(q);
          ASSIGN_OR_RETURN(Decimal v, AnswerValue(rules, numbers, ans.scale(), ans.answer(),
                                                  absl::StrCat(spath, ".answers[", q, "]")));
          values.push_back(v);
          auto* ar = sub_record->add_answers();
          ar->set_scale(ans.scale());
          ar->set_answer(ans.answer());
        }
        weights = weights + w;
        score = score + SubAreaScore(w, values);
      }
      if (!(weights == weight)) {
        return absl::InvalidArgumentError(absl::StrCat(path, ".sub_areas: the weights sum to ",
                                                       weights.ToExactString(), ", not to the area's weight ",
                                                       rule->weight()));
      }
    }
    (*record->mutable_scores())[absl::StrCat(component, "/", a.area_id())] = score.ToExactString();
  }
  for (const auto& r : rules.areas()) {
    if (seen.count(r.id()) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(component, ": area \"", r.id(), "\" (", r.name(), ") is missing"));
    }
  }
  return absl::OkStatus();
}

// The stored score of `part` ("pemenuhan/<area>"): every part the rules name was written with the
// assessment, so one missing or unreadable is a corrupt record.
absl::StatusOr<Decimal> StoredScore(const storage::v1::LkeAssessmentRecord& record, const std::string& part) {
  auto it = record.scores().find(part);
  if (it == record.scores().end()) {
    return absl::DataLossError(absl::StrCat("corrupt LKE assessment: no score for ", part));
  }
  return Decimal::ParseStored(it->second, absl::StrCat("LKE score ", part));
}

absl::StatusOr<LkeScores> ScoresOf(const rules::v1::ZonaIntegritasRules& rules,
                                   const storage::v1::LkeAssessmentRecord& record, Decimal* pemenuhan,
                                   Decimal* reform, Decimal* hasil) {
  LkeScores s;
  for (const auto& a : rules.areas()) {
    ASSIGN_OR_RETURN(s.pemenuhan[a.id()], StoredScore(record, "pemenuhan/" + a.id()));
    ASSIGN_OR_RETURN(s.reform[a.id()], StoredScore(record, "reform/" + a.id()));
  }
  for (const auto& h : rules.hasil()) {
    ASSIGN_OR_RETURN(s.hasil[h.id()], StoredScore(record, "hasil/" + h.id()));
  }
  *pemenuhan = *reform = *hasil = Decimal();
  for (const auto& [id, v] : s.pemenuhan) *pemenuhan = *pemenuhan + v;
  for (const auto& [id, v] : s.reform) *reform = *reform + v;
  for (const auto& [id, v] : s.hasil) *hasil = *hasil + v;
  s.total = *pemenuhan + *reform + *hasil;
  return s;
}

}  // namespace

absl::StatusOr<const rules::v1::ZonaIntegritasRules*> ZiRulesFor(const YearRules& rules) {
  const auto& z = rules.rules().instruments().zona_integritas();
  if (z.areas_size() == 0 || z.measure().empty()) {
    return absl::FailedPreconditionError(absl::StrCat("fiscal_year: the ", rules.fiscal_year(),
                                                      " rule set has no LKE (instruments.zona_integritas)"));
  }
  return &z;
}

absl::StatusOr<LkeAssessmentInput> CheckLkeAssessment(const YearRules& year_rules,
                                                      const v1::RecordLkeAssessmentRequest& request) {
  ASSIGN_OR_RETURN(const auto* rules, ZiRulesFor(year_rules));
  if (!IsPrintableText(request.assessor(), 200)) {
    return absl::InvalidArgumentError("assessor: is required (1..200 printable characters)");
  }
  ASSIGN_OR_RETURN(std::string date, CheckFiscalDate("date", request.date(), request.fiscal_year()));
  if (!request.source_document().empty() && !IsPrintableText(request.source_document(), 300)) {
    return absl::InvalidArgumentError("source_document: must be at most 300 printable characters");
  }
  LkeAssessmentInput out{request.fiscal_year(), request.satker_code(), {}};
  storage::v1::LkeAssessmentRecord& record = out.record;
  record.set_assessor(request.assessor());
  record.set_date(date);
  record.set_source_document(request.source_document());
  RETURN_IF_ERROR(ReadAreas(*rules, year_rules.numbers(), "pemenuhan", request.pemenuhan(), &record));
  RETURN_IF_ERROR(ReadAreas(*rules, year_rules.numbers(), "reform", request.reform(), &record));
  std::set<std::string> seen;
  for (int i = 0; i < request.hasil_size(); ++i) {
    const auto& h = request.hasil(i);
    const std::string path = absl::StrCat("hasil[", i, "]");
    const rules::v1::ZiHasilComponent* rule = nullptr;
    for (const auto& r : rules->hasil()) {
      if (r.id() == h.id()) rule = &r;
    }
    if (rule == nullptr)
      return absl::InvalidArgumentError(absl::StrCat(path, ".id: \"", h.id(), "\" is not a Hasil component"));
    if (!seen.insert(h.id()).second)
      return absl::InvalidArgumentError(absl::StrCat(path, ".id: \"", h.id(), "\" appears twice"));
    ASSIGN_OR_RETURN(Decimal score,
                     Score(path + ".score", h.score(), year_rules.numbers().Get(rule->weight())));
    (*record.mutable_scores())["hasil/" + h.id()] = score.ToExactString();
  }
  for (const auto& r : rules->hasil()) {
    if (seen.count(r.id()) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("hasil: component \"", r.id(), "\" (", r.name(), ") is missing"));
    }
  }
  return out;
}

absl::StatusOr<TpiImport> CheckTpiImport(const YearRules& year_rules,
                                         const v1::ImportTpiResultsRequest& request) {
  ASSIGN_OR_RETURN(const auto* rules, ZiRulesFor(year_rules));
  if (!IsPrintableText(request.source_document(), 300)) {
    return absl::InvalidArgumentError("source_document: is required (the letter's number and date)");
  }
  if (request.rows_size() == 0) return absl::InvalidArgumentError("rows: is empty");
  if (request.rows_size() > kMaxTpiRows) {
    return absl::InvalidArgumentError(
        absl::StrCat("rows: ", request.rows_size(), " exceed the limit of ", kMaxTpiRows));
  }
  const Decimal& pemenuhan_max = year_rules.numbers().Get(rules->pemenuhan_weight());
  const Decimal& reform_max = year_rules.numbers().Get(rules->reform_weight());
  Decimal hasil_max;
  for (const auto& h : rules->hasil()) hasil_max = hasil_max + year_rules.numbers().Get(h.weight());
  TpiImport out{request.fiscal_year(), request.source_document(), {}};
  std::set<std::string> seen;
  for (int i = 0; i < request.rows_size(); ++i) {
    const auto& row = request.rows(i);
    const std::string path = absl::StrCat("rows[", i, "]");
    if (!seen.insert(row.satker_code()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".satker_code: ", row.satker_code(), " appears twice"));
    }
    ASSIGN_OR_RETURN(Decimal p, Score(path + ".pemenuhan", row.pemenuhan(), pemenuhan_max));
    ASSIGN_OR_RETURN(Decimal r, Score(path + ".reform", row.reform(), reform_max));
    ASSIGN_OR_RETURN(Decimal h, Score(path + ".hasil", row.hasil(), hasil_max));
    storage::v1::TpiResultRecord record;
    record.set_pemenuhan(p.ToExactString());
    record.set_reform(r.ToExactString());
    record.set_hasil(h.ToExactString());
    record.set_source_document(request.source_document());
    out.rows.push_back({row.satker_code(), std::move(record), p + r + h});
  }
  return out;
}

v1::TpiResult TpiResultOf(const YearRules& year_rules, const TpiImport::Row& row) {
  const auto& rules = year_rules.rules().instruments().zona_integritas();
  LkeScores totals_only;
  totals_only.total = row.total;
  v1::TpiResult out;
  out.set_satker_code(row.satker_code);
  out.mutable_total()->set_value(totals_only.total.ToExactString());
  for (const auto& v : rules.verdicts())
    *out.add_verdicts() = Judge(rules, year_rules.numbers(), v, totals_only);
  return out;
}

absl::StatusOr<LkeTotals> LkeTotal(const rules::v1::ZonaIntegritasRules& rules,
                                   const storage::v1::LkeAssessmentRecord& record) {
  LkeTotals out;
  ASSIGN_OR_RETURN(const LkeScores scores, ScoresOf(rules, record, &out.pemenuhan, &out.reform, &out.hasil));
  out.total = scores.total;
  return out;
}

absl::StatusOr<v1::LkeResult> LkeResultOf(const rules::v1::ZonaIntegritasRules& rules,
                                          const RuleNumbers& numbers, int year, const std::string& satker,
                                          const storage::v1::LkeAssessmentRecord& record) {
  v1::LkeResult out;
  out.set_fiscal_year(year);
  out.set_satker_code(satker);
  out.set_assessor(record.assessor());
  *out.mutable_date() = DateFromIso(record.date());
  out.set_source_document(record.source_document());
  out.set_regulation(rules.regulation());
  Decimal pemenuhan, reform, hasil;
  ASSIGN_OR_RETURN(const LkeScores scores, ScoresOf(rules, record, &pemenuhan, &reform, &hasil));
  out.mutable_pemenuhan()->set_value(pemenuhan.ToExactString());
  out.mutable_reform()->set_value(reform.ToExactString());
  out.mutable_hasil()->set_value(hasil.ToExactString());
  out.mutable_total()->set_value(scores.total.ToExactString());
  for (const auto& [component, by_area] :
       {std::pair{"pemenuhan", &scores.pemenuhan}, std::pair{"reform", &scores.reform}}) {
    for (const auto& a : rules.areas()) {
      auto* r = out.add_areas();
      r->set_component(component);
      r->set_area_id(a.id());
      r->set_name(a.name());
      r->mutable_weight()->set_value(a.weight());
      const Decimal score = by_area->at(a.id());
      r->mutable_score()->set_value(score.ToExactString());
      r->mutable_fraction()->set_value((score / numbers.Get(a.weight())).ToExactString());
    }
  }
  for (const auto& h : rules.hasil()) {
    auto* r = out.add_hasil_components();
    r->set_id(h.id());
    r->set_name(h.name());
    r->mutable_weight()->set_value(h.weight());
    r->mutable_score()->set_value(scores.hasil.at(h.id()).ToExactString());
  }
  for (const auto& v : rules.verdicts()) *out.add_verdicts() = Judge(rules, numbers, v, scores);
  return out;
}

}  // namespace lkip::zonaintegritas
