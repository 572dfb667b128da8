#include "services/pencegahan/kawasan_store.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"
#include "services/pencegahan/kawasan_input.h"

namespace lkip::pencegahan {
namespace {

constexpr size_t kMaxKawasanPerSatker = 10000;
constexpr size_t kMaxRecordsPerKawasan = 10000;

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

// Each area's records under one tag: kawasan -> record id -> record.
template <typename Record>
absl::StatusOr<std::map<std::string, std::map<std::string, Record>>> ScanEach(
    const Store& store, const std::vector<std::string>& kawasan, std::string (*prefix)(const std::string&)) {
  std::map<std::string, std::map<std::string, Record>> out;
  for (const auto& id : kawasan) {
    ASSIGN_OR_RETURN(out[id], ScanRecords<Record>(store, prefix(id)));
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

// The write as the store's commit checks see it (year locks, the caller's province): a kawasan
// request names neither satker nor fiscal year, but it recomputes these satker's values of these
// years.
WriteContext Touching(const WriteContext& context, const std::map<std::string, std::set<int>>& years) {
  WriteContext out = context;
  for (const auto& [satker, ys] : years) {
    out.touches.satker.insert(satker);
    out.touches.fiscal_years.insert(ys.begin(), ys.end());
  }
  return out;
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
  return ScanEach<storage::v1::KawasanStatusRecord>(*store_, ids, StatusPrefix);
}

absl::StatusOr<KawasanStore::Assessments> KawasanStore::LoadAssessments(const std::string& satker) const {
  ASSIGN_OR_RETURN(auto ids, KawasanOf(satker));
  return ScanEach<storage::v1::IkkrAssessmentRecord>(*store_, ids, AssessmentPrefix);
}

absl::StatusOr<KawasanStore::Interventions> KawasanStore::LoadInterventions(const std::string& satker) const {
  ASSIGN_OR_RETURN(auto ids, KawasanOf(satker));
  return ScanEach<storage::v1::InterventionRecord>(*store_, ids, InterventionPrefix);
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
                                   const Assessments& assessments, const Interventions& interventions,
                                   const std::string& actor, Mutation* mutation) const {
  auto rules = rules_->ForYear(year);
  if (!rules.ok()) return absl::OkStatus();
  const std::string& measure = (*rules)->rules().instruments().ikkr_measure();
  if (measure.empty()) return absl::OkStatus();
  std::vector<Decimal> values;
  std::vector<std::string> used;
  std::vector<storage::v1::InterventionRecord> held;  // in the assessed kawasan, in the year
  for (const auto& [kawasan, by_id] : assessments) {
    // The latest assessment of the area in the year (by date, then id).
    const storage::v1::IkkrAssessmentRecord* latest = nullptr;
    for (const auto& [id, record] : by_id) {
      if (YearOfIsoDate(record.date()) != year) continue;
      if (latest == nullptr || record.date() >= latest->date()) latest = &record;
    }
    if (latest == nullptr) continue;
    ASSIGN_OR_RETURN(IkkrOutcome outcome, EvaluateAssessment(*latest));
    values.push_back(outcome.ikkr);
    // Named as the register names the area (the document shows it; the ids are internal).
    ASSIGN_OR_RETURN(auto area, FindKawasan(kawasan));
    used.push_back(absl::StrCat(area.has_value() ? area->name() : kawasan, " (", latest->date(), ")"));
    if (auto it = interventions.find(kawasan); it != interventions.end()) {
      for (const auto& [id, record] : it->second) {
        if (YearOfIsoDate(record.start_date()) == year) held.push_back(record);
      }
    }
  }
  const std::string key = SatkerValueKey(year, measure, units.ProvinceOf(satker), satker, kTagComputedValue);
  if (values.empty()) {
    // The year's last assessment moved to another year, or there never was one.
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    if (stored.has_value()) mutation->Delete(key);
    return absl::OkStatus();
  }
  Decimal sum;
  for (const auto& v : values) sum = sum + v;
  ASSIGN_OR_RETURN(const InterventionTotals totals, SumInterventions(held));
  std::vector<ValueDetail> details;
  if (!held.empty()) {
    details.push_back({"peserta_laki_laki", "Peserta laki-laki", Decimal(totals.participants_male)});
    details.push_back({"peserta_perempuan", "Peserta perempuan", Decimal(totals.participants_female)});
    details.push_back(
        {"jumlah_peserta", "Jumlah peserta", Decimal(totals.participants_male + totals.participants_female)});
  }
  if (totals.satisfaction_index)
    details.push_back({"nilai_skm", "Nilai SKM pelatihan", *totals.satisfaction_index});
  if (totals.entrepreneurship_score)
    details.push_back({"nilai_kewirausahaan", "Nilai kewirausahaan", *totals.entrepreneurship_score});
  PutComputedValue(
      *store_, year, measure, units.ProvinceOf(satker), satker,
      sum / Decimal(static_cast<long>(values.size())),
      absl::StrCat("penilaian IKKR: ", absl::StrJoin(used, "; ")), actor,
      absl::StrCat("rules ", (*rules)->version(), " ", measure,
                   " [default]: rata-rata 7 aspek dan responden per kawasan, rata-rata kawasan per satker"),
      mutation, {}, details);
  return absl::OkStatus();
}

absl::StatusOr<KawasanWriteOutcome> KawasanStore::Register(const WriteContext& context,
                                                           const std::vector<KawasanInput>& kawasan) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  KawasanWriteOutcome out;
  Mutation mutation;
  std::map<std::string, std::set<std::string>> added;  // satker -> kawasan new to it
  std::map<std::string, size_t> registered;            // satker -> kawasan stored before
  for (size_t i = 0; i < kawasan.size(); ++i) {
    const KawasanInput& k = kawasan[i];
    const std::string& satker = k.record.satker_code();
    const std::string path = absl::StrCat("kawasan[", i, "]");
    RETURN_IF_ERROR(CheckSatkerCode(units, path + ".satker_code", satker));
    ASSIGN_OR_RETURN(auto stored, FindKawasan(k.kawasan_id));
    if (stored.has_value() && stored->satker_code() != satker) {
      return InvalidField(
          path + ".satker_code",
          absl::StrCat(Quoted(satker), ": kawasan ", k.kawasan_id, " belongs to ", stored->satker_code(),
                       " and cannot move (its history would count twice)"));
    }
    if (stored.has_value() && stored->name() == k.record.name()) {
      ++out.unchanged;
      continue;
    }
    mutation.Put(KawasanKey(k.kawasan_id), k.record.SerializeAsString());
    mutation.Put(KeyBuilder(kTagKawasanBySatker).AddString(satker).AddString(k.kawasan_id).Build(), "");
    ++out.written;
    if (!stored.has_value() && added[satker].insert(k.kawasan_id).second && added[satker].size() == 1) {
      ASSIGN_OR_RETURN(auto existing, KawasanOf(satker));
      registered[satker] = existing.size();
    }
    RETURN_IF_ERROR(CheckReadBound(path, satker, registered[satker] + added[satker].size(), "kawasan rawan",
                                   kMaxKawasanPerSatker));
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return out;
}

absl::StatusOr<KawasanWriteOutcome> KawasanStore::RecordStatus(
    const WriteContext& context, const std::vector<StatusChangeInput>& changes) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  KawasanWriteOutcome out;
  Mutation mutation;
  std::map<std::string, Histories> by_satker;  // loaded once per satker, then overlaid
  std::map<std::string, std::set<int>> years;  // satker -> years whose counts change
  for (size_t i = 0; i < changes.size(); ++i) {
    const StatusChangeInput& c = changes[i];
    const std::string path = absl::StrCat("changes[", i, "]");
    ASSIGN_OR_RETURN(auto kawasan, FindKawasan(c.kawasan_id));
    if (!kawasan.has_value()) {
      return absl::NotFoundError(
          absl::StrCat(path, ".kawasan_id: ", Quoted(c.kawasan_id), " is not registered"));
    }
    const std::string& satker = kawasan->satker_code();
    if (by_satker.count(satker) == 0) {
      ASSIGN_OR_RETURN(by_satker[satker], LoadHistories(satker));
    }
    auto& history = by_satker[satker][c.kawasan_id];
    if (auto it = history.find(c.date); it != history.end()) {
      if (it->second.status() != c.record.status()) {
        return InvalidField(
            path + ".status",
            absl::StrCat(Quoted(c.record.status()), ": kawasan ", c.kawasan_id, " already has status ",
                         it->second.status(), " on ", c.date, " (one status per day)"));
      }
      if (it->second.basis() == c.record.basis()) {
        ++out.unchanged;
        continue;
      }
    }
    history[c.date] = c.record;
    RETURN_IF_ERROR(CheckReadBound(path, absl::StrCat("kawasan ", c.kawasan_id), history.size(),
                                   "status changes", kMaxRecordsPerKawasan));
    mutation.Put(KeyBuilder(kTagKawasanStatus).AddString(c.kawasan_id).AddString(c.date).Build(),
                 c.record.SerializeAsString());
    ++out.written;
    // The change is a transition in its own year, and the `from` of the next one.
    years[satker].insert(YearOfIsoDate(c.date));
    auto next = history.upper_bound(c.date);
    if (next != history.end()) years[satker].insert(YearOfIsoDate(next->first));
  }
  for (const auto& [satker, ys] : years) {
    for (int year : ys) {
      RETURN_IF_ERROR(PutTransitionCounts(units, satker, year, by_satker[satker], context.actor, &mutation));
    }
    out.satker_updated.push_back(satker);
  }
  RETURN_IF_ERROR(store_->Commit(Touching(context, years), std::move(mutation)));
  return out;
}

absl::StatusOr<KawasanWriteOutcome> KawasanStore::RecordInterventions(
    const WriteContext& context, const std::vector<InterventionInput>& interventions) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  KawasanWriteOutcome out;
  Mutation mutation;
  // The satker's IKKR carries its interventions: loaded once per satker, overlaid, recomputed.
  std::map<std::string, Interventions> by_satker;
  std::map<std::string, std::set<int>> years;          // satker -> years whose IKKR parts change
  std::map<std::string, std::set<std::string>> added;  // kawasan -> interventions new to it
  std::map<std::string, size_t> recorded;              // kawasan -> interventions stored before
  for (size_t i = 0; i < interventions.size(); ++i) {
    const InterventionInput& in = interventions[i];
    ASSIGN_OR_RETURN(auto kawasan, FindKawasan(in.kawasan_id));
    if (!kawasan.has_value()) {
      return absl::NotFoundError(
          absl::StrCat("interventions[", i, "].kawasan_id: ", Quoted(in.kawasan_id), " is not registered"));
    }
    const std::string key =
        KeyBuilder(kTagIntervention).AddString(in.kawasan_id).AddString(in.intervention_id).Build();
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    std::string value = in.record.SerializeAsString();
    if (stored.has_value() && *stored == value) {
      ++out.unchanged;
      continue;
    }
    if (!stored.has_value() && added[in.kawasan_id].insert(in.intervention_id).second) {
      if (added[in.kawasan_id].size() == 1) {
        ASSIGN_OR_RETURN(auto existing,
                         store_->Scan(InterventionPrefix(in.kawasan_id), kMaxRecordsPerKawasan));
        recorded[in.kawasan_id] = existing.size();
      }
      RETURN_IF_ERROR(CheckReadBound(
          absl::StrCat("interventions[", i, "]"), absl::StrCat("kawasan ", in.kawasan_id),
          recorded[in.kawasan_id] + added[in.kawasan_id].size(), "interventions", kMaxRecordsPerKawasan));
    }
    const std::string& satker = kawasan->satker_code();
    if (by_satker.count(satker) == 0) {
      ASSIGN_OR_RETURN(by_satker[satker], LoadInterventions(satker));
    }
    auto& mine = by_satker[satker][in.kawasan_id];
    if (auto it = mine.find(in.intervention_id); it != mine.end()) {
      years[satker].insert(YearOfIsoDate(it->second.start_date()));  // replaced: its old year too
    }
    mine[in.intervention_id] = in.record;
    years[satker].insert(YearOfIsoDate(in.record.start_date()));
    mutation.PutKnownPrevious(key, std::move(value), std::move(stored));
    ++out.written;
  }
  for (const auto& [satker, ys] : years) {
    ASSIGN_OR_RETURN(const Assessments assessments, LoadAssessments(satker));
    for (int year : ys) {
      RETURN_IF_ERROR(
          PutIkkr(*units_held, satker, year, assessments, by_satker[satker], context.actor, &mutation));
    }
    out.satker_updated.push_back(satker);
  }
  RETURN_IF_ERROR(store_->Commit(Touching(context, years), std::move(mutation)));
  return out;
}

absl::StatusOr<KawasanWriteOutcome> KawasanStore::RecordIkkr(const WriteContext& context,
                                                             const IkkrAssessmentInput& a) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto kawasan, FindKawasan(a.kawasan_id));
  if (!kawasan.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("assessment.kawasan_id: ", Quoted(a.kawasan_id), " is not registered"));
  }
  const std::string& satker = kawasan->satker_code();
  ASSIGN_OR_RETURN(Assessments assessments, LoadAssessments(satker));
  ASSIGN_OR_RETURN(const Interventions interventions, LoadInterventions(satker));
  auto& mine = assessments[a.kawasan_id];
  KawasanWriteOutcome out;
  std::set<int> years = {YearOfIsoDate(a.record.date())};
  if (auto it = mine.find(a.assessment_id); it != mine.end()) {
    if (it->second.SerializeAsString() == a.record.SerializeAsString()) {
      out.unchanged = 1;
      return out;
    }
    years.insert(YearOfIsoDate(it->second.date()));  // replaced: its old year changes too
  }
  mine[a.assessment_id] = a.record;
  RETURN_IF_ERROR(CheckReadBound("assessment.assessment_id", absl::StrCat("kawasan ", a.kawasan_id),
                                 mine.size(), "IKKR assessments", kMaxRecordsPerKawasan));
  Mutation mutation;
  mutation.Put(KeyBuilder(kTagIkkrAssessment).AddString(a.kawasan_id).AddString(a.assessment_id).Build(),
               a.record.SerializeAsString());
  for (int year : years) {
    RETURN_IF_ERROR(PutIkkr(units, satker, year, assessments, interventions, context.actor, &mutation));
  }
  out.written = 1;
  out.satker_updated.push_back(satker);
  RETURN_IF_ERROR(store_->Commit(Touching(context, {{satker, years}}), std::move(mutation)));
  return out;
}

absl::StatusOr<KawasanRecords> KawasanStore::Get(const std::string& kawasan_id) const {
  ASSIGN_OR_RETURN(auto kawasan, FindKawasan(kawasan_id));
  if (!kawasan.has_value())
    return absl::NotFoundError(absl::StrCat("kawasan_id: ", Quoted(kawasan_id), " is not registered"));
  KawasanRecords out;
  out.kawasan = *std::move(kawasan);
  ASSIGN_OR_RETURN(out.history,
                   ScanRecords<storage::v1::KawasanStatusRecord>(*store_, StatusPrefix(kawasan_id)));
  ASSIGN_OR_RETURN(out.interventions,
                   ScanRecords<storage::v1::InterventionRecord>(*store_, InterventionPrefix(kawasan_id)));
  ASSIGN_OR_RETURN(out.assessments,
                   ScanRecords<storage::v1::IkkrAssessmentRecord>(*store_, AssessmentPrefix(kawasan_id)));
  return out;
}

absl::StatusOr<std::vector<KawasanHistory>> KawasanStore::HistoriesOf(const std::string& satker_code) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  RETURN_IF_ERROR(CheckSatkerCode(*units_held, "satker_code", satker_code));
  ASSIGN_OR_RETURN(Histories histories, LoadHistories(satker_code));
  return ToHistories(histories);
}

}  // namespace lkip::pencegahan
