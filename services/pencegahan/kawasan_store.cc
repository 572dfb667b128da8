#include "services/pencegahan/kawasan_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"
#include "services/pencegahan/kawasan.h"

namespace lkip::pencegahan {
namespace {

constexpr size_t kMaxKawasanPerSatker = 10000;
constexpr size_t kMaxRecordsPerKawasan = 10000;
constexpr int kMaxItemsPerRequest = 10000;
constexpr int kMaxRespondents = 1000;

absl::Status Invalid(const std::string& path, const std::string& problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

std::string Quote(const std::string& s) { return absl::StrCat("\"", s, "\""); }

std::string KawasanKey(const std::string& id) { return KeyBuilder(kTagKawasan).AddString(id).Build(); }
std::string StatusPrefix(const std::string& id) {
  return KeyBuilder(kTagKawasanStatus).AddString(id).Build();
}
std::string InterventionPrefix(const std::string& id) {
  return KeyBuilder(kTagIntervention).AddString(id).Build();
}
std::string AssessmentPrefix(const std::string& id) {
  return KeyBuilder(kTagIkkrAssessment).AddString(id).Build();
}

absl::Status CheckText(const std::string& path, const std::string& value, size_t min, size_t max) {
  if (value.size() < min || value.size() > max) {
    return Invalid(path, absl::StrCat(Quote(value), " must be ", min, " to ", max, " characters"));
  }
  return absl::OkStatus();
}

absl::Status CheckId(const std::string& path, const std::string& id) {
  if (!IsRecordId(id, 64)) return Invalid(path, absl::StrCat(Quote(id), " must be 1..64 of [A-Za-z0-9._-]"));
  return absl::OkStatus();
}

absl::Status CheckDate(const std::string& path, const std::string& date) {
  if (!IsIsoDate(date)) return Invalid(path, absl::StrCat(Quote(date), " is not a date (YYYY-MM-DD)"));
  return absl::OkStatus();
}

template <typename Record>
absl::StatusOr<std::map<std::string, Record>> ScanRecords(const Store& store, const std::string& prefix) {
  ASSIGN_OR_RETURN(auto rows, store.Scan(prefix, kMaxRecordsPerKawasan));
  std::map<std::string, Record> out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string id, reader.ReadString());
    if (!out[id].ParseFromString(kv.value))
      return absl::DataLossError(absl::StrCat("corrupt record under ", id));
  }
  return out;
}

std::vector<KawasanHistory> ToHistories(
    const std::map<std::string, std::map<std::string, storage::v1::KawasanStatusRecord>>& histories) {
  std::vector<KawasanHistory> out;
  for (const auto& [id, changes] : histories) {
    KawasanHistory h;
    h.kawasan_id = id;
    for (const auto& [date, record] : changes) {
      auto status = ParseKawasanStatus(record.status());
      if (status.ok()) h.changes.push_back({date, *status});
    }
    out.push_back(std::move(h));
  }
  return out;
}

// The transitions of a year, which of the rule set's kawasan_transitions counts each, and a
// finding for each that none counts.
struct TransitionEvaluation {
  std::vector<v1::KawasanTransition> transitions;
  std::map<std::string, std::set<std::string>> counted;  // measure -> kawasan counted
  std::vector<common::v1::Finding> findings;
};

TransitionEvaluation EvaluateTransitions(const YearRules& rules, const std::string& satker,
                                         const std::vector<KawasanHistory>& histories, int year) {
  TransitionEvaluation out;
  const auto& defs = rules.rules().instruments().kawasan_transitions();
  for (const auto& def : defs) out.counted[def.measure()];
  for (const Transition& t : TransitionsInYear(histories, year)) {
    v1::KawasanTransition* row = &out.transitions.emplace_back();
    row->set_kawasan_id(t.kawasan_id);
    row->set_date(t.date);
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

// The IKKR of one assessment, with its aspect means.
struct IkkrOutcome {
  Decimal ikkr;
  std::vector<Decimal> aspect_means;
};

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

}  // namespace

absl::StatusOr<std::optional<storage::v1::KawasanRecord>> KawasanStore::FindKawasan(
    const std::string& id) const {
  ASSIGN_OR_RETURN(auto raw, store_->Find(KawasanKey(id)));
  if (!raw.has_value()) return std::optional<storage::v1::KawasanRecord>();
  storage::v1::KawasanRecord record;
  if (!record.ParseFromString(*raw)) return absl::DataLossError(absl::StrCat("corrupt kawasan record ", id));
  return std::optional<storage::v1::KawasanRecord>(std::move(record));
}

absl::StatusOr<std::vector<std::string>> KawasanStore::KawasanOf(const std::string& satker) const {
  const std::string prefix = KeyBuilder(kTagKawasanBySatker).AddString(satker).Build();
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxKawasanPerSatker));
  std::vector<std::string> out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string id, reader.ReadString());
    out.push_back(std::move(id));
  }
  return out;
}

absl::StatusOr<KawasanStore::Histories> KawasanStore::LoadHistories(const std::string& satker) const {
  ASSIGN_OR_RETURN(auto ids, KawasanOf(satker));
  Histories out;
  for (const auto& id : ids) {
    ASSIGN_OR_RETURN(out[id], ScanRecords<storage::v1::KawasanStatusRecord>(*store_, StatusPrefix(id)));
  }
  return out;
}

absl::StatusOr<KawasanStore::Assessments> KawasanStore::LoadAssessments(const std::string& satker) const {
  ASSIGN_OR_RETURN(auto ids, KawasanOf(satker));
  Assessments out;
  for (const auto& id : ids) {
    ASSIGN_OR_RETURN(out[id], ScanRecords<storage::v1::IkkrAssessmentRecord>(*store_, AssessmentPrefix(id)));
  }
  return out;
}

absl::Status KawasanStore::PutTransitionCounts(const UnitTree& units, const std::string& satker, int year,
                                               const Histories& histories, const std::string& actor,
                                               Mutation* mutation) const {
  auto rules = rules_->ForYear(year);
  if (!rules.ok()) return absl::OkStatus();  // no rule set for the year: nothing to count by
  const TransitionEvaluation eval = EvaluateTransitions(**rules, satker, ToHistories(histories), year);
  for (const auto& def : (*rules)->rules().instruments().kawasan_transitions()) {
    const auto& kawasan = eval.counted.at(def.measure());
    PutComputedValue(
        *store_, year, def.measure(), units.ProvinceOf(satker), satker,
        Decimal(static_cast<long>(kawasan.size())),
        absl::StrCat("riwayat status ", histories.size(), " kawasan rawan",
                     kawasan.empty() ? "" : "; dihitung: ", absl::StrJoin(kawasan, ", ")),
        actor,
        absl::StrCat("rules ", (*rules)->version(), " ", def.measure(), ": kawasan yang beralih status ",
                     def.from_status(), " → ", def.to_status(), " dalam tahun ", year),
        mutation, eval.findings);
  }
  return absl::OkStatus();
}

absl::Status KawasanStore::PutIkkr(const UnitTree& units, const std::string& satker, int year,
                                   const Assessments& assessments, const std::string& actor,
                                   Mutation* mutation) const {
  auto rules = rules_->ForYear(year);
  if (!rules.ok()) return absl::OkStatus();
  const std::string& measure = (*rules)->rules().instruments().ikkr_measure();
  if (measure.empty()) return absl::OkStatus();
  std::vector<Decimal> values;
  std::vector<std::string> used;
  for (const auto& [kawasan, by_id] : assessments) {
    // The latest assessment of the area in the year (by date, then id).
    const storage::v1::IkkrAssessmentRecord* latest = nullptr;
    std::string latest_id;
    for (const auto& [id, record] : by_id) {
      if (YearOfIsoDate(record.date()) != year) continue;
      if (latest == nullptr || record.date() >= latest->date()) {
        latest = &record;
        latest_id = id;
      }
    }
    if (latest == nullptr) continue;
    ASSIGN_OR_RETURN(IkkrOutcome outcome, EvaluateAssessment(*latest));
    values.push_back(outcome.ikkr);
    used.push_back(absl::StrCat(kawasan, " (", latest_id, ", ", latest->date(), ")"));
  }
  const std::string key = SatkerValueKey(year, measure, units.ProvinceOf(satker), satker, kTagComputedValue);
  if (values.empty()) {
    mutation->Delete(key);  // the year's last assessment moved to another year
    return absl::OkStatus();
  }
  Decimal sum;
  for (const auto& v : values) sum = sum + v;
  PutComputedValue(
      *store_, year, measure, units.ProvinceOf(satker), satker,
      sum / Decimal(static_cast<long>(values.size())),
      absl::StrCat("penilaian IKKR: ", absl::StrJoin(used, "; ")), actor,
      absl::StrCat("rules ", (*rules)->version(), " ", measure,
                   " [default]: rata-rata 7 aspek dan responden per kawasan, rata-rata kawasan per satker"),
      mutation);
  return absl::OkStatus();
}

absl::StatusOr<v1::KawasanWriteResponse> KawasanStore::Register(const WriteContext& context,
                                                                const v1::RegisterKawasanRequest& request) {
  if (request.kawasan_size() == 0 || request.kawasan_size() > kMaxItemsPerRequest) {
    return Invalid("kawasan",
                   absl::StrCat(request.kawasan_size(), " entries; send 1..", kMaxItemsPerRequest));
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  v1::KawasanWriteResponse response;
  Mutation mutation;
  std::set<std::string> seen;
  for (int i = 0; i < request.kawasan_size(); ++i) {
    const auto& k = request.kawasan(i);
    const std::string path = absl::StrCat("kawasan[", i, "]");
    RETURN_IF_ERROR(CheckId(path + ".kawasan_id", k.kawasan_id()));
    if (!seen.insert(k.kawasan_id()).second)
      return Invalid(path + ".kawasan_id", Quote(k.kawasan_id()) + " appears twice");
    RETURN_IF_ERROR(CheckSatkerCode(units, path + ".satker_code", k.satker_code()));
    RETURN_IF_ERROR(CheckText(path + ".name", k.name(), 1, 300));
    ASSIGN_OR_RETURN(auto stored, FindKawasan(k.kawasan_id()));
    if (stored.has_value() && stored->satker_code() != k.satker_code()) {
      return Invalid(path + ".satker_code",
                     absl::StrCat(Quote(k.satker_code()), ": kawasan ", k.kawasan_id(), " belongs to ",
                                  stored->satker_code(), " and cannot move (its history would count twice)"));
    }
    if (stored.has_value() && stored->name() == k.name()) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    storage::v1::KawasanRecord record;
    record.set_satker_code(k.satker_code());
    record.set_name(k.name());
    mutation.Put(KawasanKey(k.kawasan_id()), record.SerializeAsString());
    mutation.Put(KeyBuilder(kTagKawasanBySatker).AddString(k.satker_code()).AddString(k.kawasan_id()).Build(),
                 "");
    response.set_written(response.written() + 1);
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return response;
}

absl::StatusOr<v1::KawasanWriteResponse> KawasanStore::RecordStatus(
    const WriteContext& context, const v1::RecordKawasanStatusRequest& request) {
  if (request.changes_size() == 0 || request.changes_size() > kMaxItemsPerRequest) {
    return Invalid("changes",
                   absl::StrCat(request.changes_size(), " entries; send 1..", kMaxItemsPerRequest));
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  v1::KawasanWriteResponse response;
  Mutation mutation;
  std::map<std::string, Histories> by_satker;  // loaded once per satker, then overlaid
  std::map<std::string, std::set<int>> years;  // satker -> years whose counts change
  for (int i = 0; i < request.changes_size(); ++i) {
    const auto& c = request.changes(i);
    const std::string path = absl::StrCat("changes[", i, "]");
    RETURN_IF_ERROR(CheckId(path + ".kawasan_id", c.kawasan_id()));
    ASSIGN_OR_RETURN(auto kawasan, FindKawasan(c.kawasan_id()));
    if (!kawasan.has_value()) {
      return absl::NotFoundError(
          absl::StrCat(path, ".kawasan_id: ", Quote(c.kawasan_id()), " is not registered"));
    }
    RETURN_IF_ERROR(CheckDate(path + ".date", c.date()));
    auto status = ParseKawasanStatus(c.status());
    if (!status.ok()) return Invalid(path + ".status", std::string(status.status().message()));
    RETURN_IF_ERROR(CheckText(path + ".basis", c.basis(), 0, 500));
    const std::string& satker = kawasan->satker_code();
    if (by_satker.count(satker) == 0) {
      ASSIGN_OR_RETURN(by_satker[satker], LoadHistories(satker));
    }
    auto& history = by_satker[satker][c.kawasan_id()];
    storage::v1::KawasanStatusRecord record;
    record.set_status(KawasanStatusName(*status));
    record.set_basis(c.basis());
    if (auto it = history.find(c.date()); it != history.end()) {
      if (it->second.status() != record.status()) {
        return Invalid(path + ".status",
                       absl::StrCat(Quote(c.status()), ": kawasan ", c.kawasan_id(), " already has status ",
                                    it->second.status(), " on ", c.date(), " (one status per day)"));
      }
      if (it->second.basis() == record.basis()) {
        response.set_unchanged(response.unchanged() + 1);
        continue;
      }
    }
    history[c.date()] = record;
    mutation.Put(KeyBuilder(kTagKawasanStatus).AddString(c.kawasan_id()).AddString(c.date()).Build(),
                 record.SerializeAsString());
    response.set_written(response.written() + 1);
    // The change is a transition in its own year, and the `from` of the next one.
    years[satker].insert(YearOfIsoDate(c.date()));
    auto next = history.upper_bound(c.date());
    if (next != history.end()) years[satker].insert(YearOfIsoDate(next->first));
  }
  for (const auto& [satker, ys] : years) {
    for (int year : ys) {
      RETURN_IF_ERROR(PutTransitionCounts(units, satker, year, by_satker[satker], context.actor, &mutation));
    }
    response.add_satker_updated(satker);
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return response;
}

absl::StatusOr<v1::KawasanWriteResponse> KawasanStore::RecordInterventions(
    const WriteContext& context, const v1::RecordInterventionsRequest& request) {
  if (request.interventions_size() == 0 || request.interventions_size() > kMaxItemsPerRequest) {
    return Invalid("interventions",
                   absl::StrCat(request.interventions_size(), " entries; send 1..", kMaxItemsPerRequest));
  }
  WriteSerializer::Turn turn(writes_);
  v1::KawasanWriteResponse response;
  Mutation mutation;
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < request.interventions_size(); ++i) {
    const auto& in = request.interventions(i);
    const std::string path = absl::StrCat("interventions[", i, "]");
    RETURN_IF_ERROR(CheckId(path + ".kawasan_id", in.kawasan_id()));
    ASSIGN_OR_RETURN(auto kawasan, FindKawasan(in.kawasan_id()));
    if (!kawasan.has_value()) {
      return absl::NotFoundError(
          absl::StrCat(path, ".kawasan_id: ", Quote(in.kawasan_id()), " is not registered"));
    }
    RETURN_IF_ERROR(CheckId(path + ".intervention_id", in.intervention_id()));
    if (!seen.insert({in.kawasan_id(), in.intervention_id()}).second) {
      return Invalid(path + ".intervention_id", Quote(in.intervention_id()) + " appears twice");
    }
    RETURN_IF_ERROR(CheckDate(path + ".start_date", in.start_date()));
    RETURN_IF_ERROR(CheckDate(path + ".end_date", in.end_date()));
    if (in.end_date() < in.start_date()) {
      return Invalid(path + ".end_date",
                     absl::StrCat(Quote(in.end_date()), " is before start_date ", in.start_date()));
    }
    RETURN_IF_ERROR(CheckText(path + ".training_type", in.training_type(), 1, 300));
    if (in.participants_male() < 0)
      return Invalid(path + ".participants_male", absl::StrCat(in.participants_male(), " is negative"));
    if (in.participants_female() < 0) {
      return Invalid(path + ".participants_female", absl::StrCat(in.participants_female(), " is negative"));
    }
    RETURN_IF_ERROR(CheckText(path + ".funding", in.funding(), 0, 100));
    storage::v1::InterventionRecord record;
    record.set_start_date(in.start_date());
    record.set_end_date(in.end_date());
    record.set_training_type(in.training_type());
    record.set_participants_male(in.participants_male());
    record.set_participants_female(in.participants_female());
    record.set_synergy_desa_bersinar(in.synergy_desa_bersinar());
    record.set_funding(in.funding());
    const std::string key =
        KeyBuilder(kTagIntervention).AddString(in.kawasan_id()).AddString(in.intervention_id()).Build();
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    std::string value = record.SerializeAsString();
    if (stored.has_value() && *stored == value) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    mutation.PutKnownPrevious(key, std::move(value), std::move(stored));
    response.set_written(response.written() + 1);
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return response;
}

absl::StatusOr<v1::KawasanWriteResponse> KawasanStore::RecordIkkr(
    const WriteContext& context, const v1::RecordIkkrAssessmentRequest& request) {
  const auto& a = request.assessment();
  RETURN_IF_ERROR(CheckId("assessment.kawasan_id", a.kawasan_id()));
  RETURN_IF_ERROR(CheckId("assessment.assessment_id", a.assessment_id()));
  RETURN_IF_ERROR(CheckDate("assessment.date", a.date()));
  if (a.respondents_size() == 0 || a.respondents_size() > kMaxRespondents) {
    return Invalid("assessment.respondents",
                   absl::StrCat(a.respondents_size(), " respondents; send 1..", kMaxRespondents));
  }
  storage::v1::IkkrAssessmentRecord record;
  record.set_date(a.date());
  for (int i = 0; i < a.respondents_size(); ++i) {
    const auto& r = a.respondents(i);
    const std::string path = absl::StrCat("assessment.respondents[", i, "]");
    if (r.scores_size() != kIkkrAspects) {
      return Invalid(path + ".scores", absl::StrCat(r.scores_size(), " scores; a respondent scores ",
                                                    kIkkrAspects, " aspects"));
    }
    IkkrResponse response;
    response.role = r.role();
    std::copy(r.scores().begin(), r.scores().end(), response.scores.begin());
    RETURN_IF_ERROR(ValidateIkkrResponse(response, path));
    RETURN_IF_ERROR(CheckText(path + ".role", r.role(), 1, 100));
    auto* rec = record.add_respondents();
    rec->set_role(r.role());
    *rec->mutable_scores() = r.scores();
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto kawasan, FindKawasan(a.kawasan_id()));
  if (!kawasan.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("assessment.kawasan_id: ", Quote(a.kawasan_id()), " is not registered"));
  }
  const std::string& satker = kawasan->satker_code();
  ASSIGN_OR_RETURN(Assessments assessments, LoadAssessments(satker));
  auto& mine = assessments[a.kawasan_id()];
  v1::KawasanWriteResponse response;
  std::set<int> years = {YearOfIsoDate(a.date())};
  if (auto it = mine.find(a.assessment_id()); it != mine.end()) {
    if (it->second.SerializeAsString() == record.SerializeAsString()) {
      response.set_unchanged(1);
      return response;
    }
    years.insert(YearOfIsoDate(it->second.date()));  // replaced: its old year changes too
  }
  mine[a.assessment_id()] = record;
  Mutation mutation;
  mutation.Put(KeyBuilder(kTagIkkrAssessment).AddString(a.kawasan_id()).AddString(a.assessment_id()).Build(),
               record.SerializeAsString());
  for (int year : years) RETURN_IF_ERROR(PutIkkr(units, satker, year, assessments, context.actor, &mutation));
  response.set_written(1);
  response.add_satker_updated(satker);
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return response;
}

absl::StatusOr<v1::KawasanDetail> KawasanStore::Get(const std::string& kawasan_id) const {
  RETURN_IF_ERROR(CheckId("kawasan_id", kawasan_id));
  ASSIGN_OR_RETURN(auto kawasan, FindKawasan(kawasan_id));
  if (!kawasan.has_value())
    return absl::NotFoundError(absl::StrCat("kawasan_id: ", Quote(kawasan_id), " is not registered"));
  v1::KawasanDetail out;
  out.mutable_kawasan()->set_kawasan_id(kawasan_id);
  out.mutable_kawasan()->set_satker_code(kawasan->satker_code());
  out.mutable_kawasan()->set_name(kawasan->name());
  ASSIGN_OR_RETURN(auto history,
                   ScanRecords<storage::v1::KawasanStatusRecord>(*store_, StatusPrefix(kawasan_id)));
  for (const auto& [date, r] : history) {
    auto* c = out.add_history();
    c->set_kawasan_id(kawasan_id);
    c->set_date(date);
    c->set_status(r.status());
    c->set_basis(r.basis());
  }
  ASSIGN_OR_RETURN(auto interventions,
                   ScanRecords<storage::v1::InterventionRecord>(*store_, InterventionPrefix(kawasan_id)));
  for (const auto& [id, r] : interventions) {
    auto* in = out.add_interventions();
    in->set_kawasan_id(kawasan_id);
    in->set_intervention_id(id);
    in->set_start_date(r.start_date());
    in->set_end_date(r.end_date());
    in->set_training_type(r.training_type());
    in->set_participants_male(r.participants_male());
    in->set_participants_female(r.participants_female());
    in->set_synergy_desa_bersinar(r.synergy_desa_bersinar());
    in->set_funding(r.funding());
  }
  std::stable_sort(out.mutable_interventions()->begin(), out.mutable_interventions()->end(),
                   [](const auto& x, const auto& y) { return x.start_date() < y.start_date(); });
  ASSIGN_OR_RETURN(auto assessments,
                   ScanRecords<storage::v1::IkkrAssessmentRecord>(*store_, AssessmentPrefix(kawasan_id)));
  for (const auto& [id, r] : assessments) {
    auto* res = out.add_assessments();
    auto* a = res->mutable_assessment();
    a->set_kawasan_id(kawasan_id);
    a->set_assessment_id(id);
    a->set_date(r.date());
    for (const auto& resp : r.respondents()) {
      auto* ar = a->add_respondents();
      ar->set_role(resp.role());
      *ar->mutable_scores() = resp.scores();
    }
    ASSIGN_OR_RETURN(IkkrOutcome outcome, EvaluateAssessment(r));
    res->mutable_ikkr()->set_value(outcome.ikkr.ToExactString());
    for (const auto& m : outcome.aspect_means) res->add_aspect_means()->set_value(m.ToExactString());
    res->set_implied_status(ImpliedStatus(*rules_, YearOfIsoDate(r.date()), outcome.ikkr));
  }
  std::stable_sort(
      out.mutable_assessments()->begin(), out.mutable_assessments()->end(),
      [](const auto& x, const auto& y) { return x.assessment().date() < y.assessment().date(); });
  return out;
}

absl::StatusOr<v1::ListKawasanTransitionsResponse> KawasanStore::ListTransitions(
    const v1::ListKawasanTransitionsRequest& request) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(request.fiscal_year()));
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", request.satker_code()));
  ASSIGN_OR_RETURN(Histories histories, LoadHistories(request.satker_code()));
  TransitionEvaluation eval =
      EvaluateTransitions(*rules, request.satker_code(), ToHistories(histories), request.fiscal_year());
  v1::ListKawasanTransitionsResponse out;
  for (auto& t : eval.transitions) *out.add_transitions() = std::move(t);
  for (auto& f : eval.findings) *out.add_findings() = std::move(f);
  return out;
}

}  // namespace lkip::pencegahan
