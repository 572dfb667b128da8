#include "services/pencegahan/kawasan_input.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/macros.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"

namespace lkip::pencegahan {
namespace {

constexpr int kMaxItemsPerRequest = 10000;
constexpr int kMaxRespondents = 1000;

absl::Status CheckText(const std::string& path, const std::string& value, size_t min, size_t max) {
  if (value.size() < min || value.size() > max) {
    return InvalidField(path, absl::StrCat(Quoted(value), " must be ", min, " to ", max, " characters"));
  }
  return absl::OkStatus();
}

// A survey score of the training on its 1..4 scale; unset (empty) is "not measured".
absl::StatusOr<std::string> CheckScore(const std::string& path, const common::v1::Decimal& value) {
  if (value.value().empty()) return std::string();
  absl::StatusOr<Decimal> d = Decimal::Parse(value.value());
  if (!d.ok()) return InvalidField(path, Quoted(value.value()) + " is not a number");
  if (*d < Decimal(1) || *d > Decimal(4)) {
    return InvalidField(path, absl::StrCat(value.value(), " is outside the scale 1..4"));
  }
  return d->ToExactString();
}

}  // namespace

absl::StatusOr<std::vector<KawasanInput>> CheckKawasan(const v1::RegisterKawasanRequest& request) {
  if (request.kawasan_size() == 0 || request.kawasan_size() > kMaxItemsPerRequest) {
    return InvalidField("kawasan",
                        absl::StrCat(request.kawasan_size(), " entries; send 1..", kMaxItemsPerRequest));
  }
  std::vector<KawasanInput> out;
  std::set<std::string> seen;
  for (int i = 0; i < request.kawasan_size(); ++i) {
    const auto& k = request.kawasan(i);
    const std::string path = absl::StrCat("kawasan[", i, "]");
    RETURN_IF_ERROR(CheckKawasanId(path + ".kawasan_id", k.kawasan_id()));
    if (!seen.insert(k.kawasan_id()).second)
      return InvalidField(path + ".kawasan_id", Quoted(k.kawasan_id()) + " appears twice");
    RETURN_IF_ERROR(CheckText(path + ".name", k.name(), 1, 300));
    KawasanInput in{k.kawasan_id(), {}};
    in.record.set_satker_code(k.satker_code());
    in.record.set_name(k.name());
    out.push_back(std::move(in));
  }
  return out;
}

absl::StatusOr<std::vector<StatusChangeInput>> CheckStatusChanges(
    const v1::RecordKawasanStatusRequest& request) {
  if (request.changes_size() == 0 || request.changes_size() > kMaxItemsPerRequest) {
    return InvalidField("changes",
                        absl::StrCat(request.changes_size(), " entries; send 1..", kMaxItemsPerRequest));
  }
  std::vector<StatusChangeInput> out;
  for (int i = 0; i < request.changes_size(); ++i) {
    const auto& c = request.changes(i);
    const std::string path = absl::StrCat("changes[", i, "]");
    RETURN_IF_ERROR(CheckKawasanId(path + ".kawasan_id", c.kawasan_id()));
    ASSIGN_OR_RETURN(std::string date, CheckRecordDate(path + ".date", c.date()));
    auto status = ParseKawasanStatus(c.status());
    if (!status.ok()) return InvalidField(path + ".status", std::string(status.status().message()));
    RETURN_IF_ERROR(CheckText(path + ".basis", c.basis(), 0, 500));
    StatusChangeInput in{c.kawasan_id(), date, {}};
    in.record.set_status(KawasanStatusName(*status));
    in.record.set_basis(c.basis());
    out.push_back(std::move(in));
  }
  return out;
}

absl::StatusOr<std::vector<InterventionInput>> CheckInterventions(
    const v1::RecordInterventionsRequest& request) {
  if (request.interventions_size() == 0 || request.interventions_size() > kMaxItemsPerRequest) {
    return InvalidField("interventions", absl::StrCat(request.interventions_size(), " entries; send 1..",
                                                      kMaxItemsPerRequest));
  }
  std::vector<InterventionInput> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < request.interventions_size(); ++i) {
    const auto& in = request.interventions(i);
    const std::string path = absl::StrCat("interventions[", i, "]");
    RETURN_IF_ERROR(CheckKawasanId(path + ".kawasan_id", in.kawasan_id()));
    RETURN_IF_ERROR(CheckKawasanId(path + ".intervention_id", in.intervention_id()));
    if (!seen.insert({in.kawasan_id(), in.intervention_id()}).second) {
      return InvalidField(path + ".intervention_id", Quoted(in.intervention_id()) + " appears twice");
    }
    ASSIGN_OR_RETURN(std::string start_date, CheckRecordDate(path + ".start_date", in.start_date()));
    ASSIGN_OR_RETURN(std::string end_date, CheckRecordDate(path + ".end_date", in.end_date()));
    if (end_date < start_date) {
      return InvalidField(path + ".end_date", absl::StrCat(end_date, " is before start_date ", start_date));
    }
    RETURN_IF_ERROR(CheckText(path + ".training_type", in.training_type(), 1, 300));
    if (in.participants_male() < 0)
      return InvalidField(path + ".participants_male", absl::StrCat(in.participants_male(), " is negative"));
    if (in.participants_female() < 0) {
      return InvalidField(path + ".participants_female",
                          absl::StrCat(in.participants_female(), " is negative"));
    }
    RETURN_IF_ERROR(CheckText(path + ".funding", in.funding(), 0, 100));
    ASSIGN_OR_RETURN(std::string satisfaction,
                     CheckScore(path + ".satisfaction_index", in.satisfaction_index()));
    ASSIGN_OR_RETURN(std::string entrepreneurship,
                     CheckScore(path + ".entrepreneurship_score", in.entrepreneurship_score()));
    InterventionInput input{in.kawasan_id(), in.intervention_id(), {}};
    storage::v1::InterventionRecord& record = input.record;
    record.set_start_date(start_date);
    record.set_end_date(end_date);
    record.set_training_type(in.training_type());
    record.set_participants_male(in.participants_male());
    record.set_participants_female(in.participants_female());
    record.set_synergy_desa_bersinar(in.synergy_desa_bersinar());
    record.set_funding(in.funding());
    record.set_satisfaction_index(satisfaction);
    record.set_entrepreneurship_score(entrepreneurship);
    out.push_back(std::move(input));
  }
  return out;
}

absl::StatusOr<IkkrAssessmentInput> CheckIkkrAssessment(const v1::RecordIkkrAssessmentRequest& request) {
  const auto& a = request.assessment();
  RETURN_IF_ERROR(CheckKawasanId("assessment.kawasan_id", a.kawasan_id()));
  RETURN_IF_ERROR(CheckKawasanId("assessment.assessment_id", a.assessment_id()));
  ASSIGN_OR_RETURN(std::string date, CheckRecordDate("assessment.date", a.date()));
  if (a.respondents_size() == 0 || a.respondents_size() > kMaxRespondents) {
    return InvalidField("assessment.respondents",
                        absl::StrCat(a.respondents_size(), " respondents; send 1..", kMaxRespondents));
  }
  IkkrAssessmentInput out{a.kawasan_id(), a.assessment_id(), {}};
  out.record.set_date(date);
  for (int i = 0; i < a.respondents_size(); ++i) {
    const auto& r = a.respondents(i);
    const std::string path = absl::StrCat("assessment.respondents[", i, "]");
    if (r.scores_size() != kIkkrAspects) {
      return InvalidField(path + ".scores", absl::StrCat(r.scores_size(), " scores; a respondent scores ",
                                                         kIkkrAspects, " aspects"));
    }
    IkkrResponse response;
    response.role = r.role();
    std::copy(r.scores().begin(), r.scores().end(), response.scores.begin());
    RETURN_IF_ERROR(ValidateIkkrResponse(response, path));
    RETURN_IF_ERROR(CheckText(path + ".role", r.role(), 1, 100));
    auto* rec = out.record.add_respondents();
    rec->set_role(r.role());
    *rec->mutable_scores() = r.scores();
  }
  return out;
}

absl::Status CheckKawasanId(const std::string& path, const std::string& id) {
  if (!IsRecordId(id, 64))
    return InvalidField(path, absl::StrCat(Quoted(id), " must be 1..64 of [A-Za-z0-9._-]"));
  return absl::OkStatus();
}

TransitionEvaluation EvaluateTransitions(const YearRules& rules, const std::string& satker,
                                         const std::vector<KawasanHistory>& histories, int year) {
  TransitionEvaluation out;
  const auto& defs = rules.rules().instruments().kawasan_transitions();
  for (const auto& def : defs) out.counted[def.measure()];
  for (const Transition& t : TransitionsInYear(histories, year)) {
    v1::KawasanTransition* row = &out.transitions.emplace_back();
    row->set_kawasan_id(t.kawasan_id);
    *row->mutable_date() = DateFromIso(t.date);
    row->set_from_status(KawasanStatusName(t.from));
    row->set_to_status(KawasanStatusName(t.to));
    for (const auto& def : defs) {
      if (def.from_status() == row->from_status() && def.to_status() == row->to_status()) {
        row->add_counted_in(def.measure());
        out.counted[def.measure()].insert(t.kawasan_id);
      }
    }
    if (row->counted_in_size() > 0) continue;
    std::vector<std::string> named;
    for (const auto& def : defs) {
      std::vector<std::string> codes;
      for (const auto& ind : rules.rules().indicators()) {
        if (ind.measure() == def.measure()) codes.push_back(ind.code());
      }
      named.push_back(absl::StrCat(codes.empty() ? def.measure() : absl::StrJoin(codes, ", "), " (",
                                   def.from_status(), " → ", def.to_status(), ")"));
    }
    common::v1::Finding& f = out.findings.emplace_back();
    f.set_code("KAWASAN_TRANSISI_TIDAK_DIHITUNG");
    f.set_severity(common::v1::SEVERITY_WARNING);
    f.set_subject(absl::StrCat("kawasan ", t.kawasan_id, " (", satker, ")"));
    f.set_message(absl::StrCat("Kawasan ", t.kawasan_id, " beralih status dari ", row->from_status(),
                               " menjadi ", row->to_status(), " pada ", t.date,
                               "; transisi ini tidak sesuai definisi ", absl::StrJoin(named, "; "),
                               " sehingga tidak dihitung."));
    auto add = [&f](const std::string& label, const std::string& value, const std::string& source) {
      auto* v = f.add_values();
      v->set_label(label);
      v->set_value(value);
      v->set_source(source);
    };
    add("status sebelum", row->from_status(), "riwayat status kawasan");
    add("status sesudah", row->to_status(), absl::StrCat("riwayat status kawasan, ", t.date));
    add("definisi indikator", absl::StrJoin(named, "; "), absl::StrCat("rules ", rules.version()));
  }
  return out;
}

absl::StatusOr<IkkrOutcome> EvaluateAssessment(const storage::v1::IkkrAssessmentRecord& record) {
  std::vector<IkkrResponse> responses;
  std::vector<Decimal> sums(kIkkrAspects);
  for (const auto& r : record.respondents()) {
    IkkrResponse resp;
    resp.role = r.role();
    for (int i = 0; i < kIkkrAspects && i < r.scores_size(); ++i) {
      resp.scores[i] = r.scores(i);
      sums[i] = sums[i] + Decimal(r.scores(i));
    }
    responses.push_back(resp);
  }
  IkkrOutcome out;
  ASSIGN_OR_RETURN(out.ikkr, ComputeIkkr(responses));
  for (const auto& s : sums) out.aspect_means.push_back(s / Decimal(static_cast<long>(responses.size())));
  return out;
}

std::string ImpliedStatus(const RuleBook& book, int year, const Decimal& ikkr) {
  auto rules = book.ForYear(year);
  if (!rules.ok()) return "";
  const auto* measure = (*rules)->FindMeasure((*rules)->rules().instruments().ikkr_measure());
  if (measure == nullptr) return "";
  const int idx = (*rules)->CategoryIndex(*measure, ikkr);
  return idx < 0 ? "" : measure->categories(idx).label();
}

absl::StatusOr<InterventionTotals> SumInterventions(
    const std::vector<storage::v1::InterventionRecord>& interventions) {
  InterventionTotals out;
  Decimal satisfaction, entrepreneurship;
  long satisfaction_n = 0, entrepreneurship_n = 0;
  for (const auto& i : interventions) {
    out.participants_male += i.participants_male();
    out.participants_female += i.participants_female();
    if (!i.satisfaction_index().empty()) {
      ASSIGN_OR_RETURN(Decimal d, Decimal::ParseStored(i.satisfaction_index(), "satisfaction_index"));
      satisfaction = satisfaction + d;
      ++satisfaction_n;
    }
    if (!i.entrepreneurship_score().empty()) {
      ASSIGN_OR_RETURN(Decimal d, Decimal::ParseStored(i.entrepreneurship_score(), "entrepreneurship_score"));
      entrepreneurship = entrepreneurship + d;
      ++entrepreneurship_n;
    }
  }
  if (satisfaction_n > 0) out.satisfaction_index = satisfaction / Decimal(satisfaction_n);
  if (entrepreneurship_n > 0) out.entrepreneurship_score = entrepreneurship / Decimal(entrepreneurship_n);
  return out;
}

}  // namespace lkip::pencegahan
