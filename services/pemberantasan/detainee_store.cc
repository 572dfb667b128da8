#include "services/pemberantasan/detainee_store.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::pemberantasan {
namespace {

constexpr size_t kMaxPerSatker = 100000;
// A detainee's incidents are read whole whenever the satker's IKK-13 is computed: a few at most in
// practice, so a thousand is far above any real register and far below what makes a read slow.
constexpr size_t kMaxIncidentsPerDetainee = 1000;

std::string DetaineeKey(const std::string& ref) { return KeyBuilder(kTagDetainee).AddString(ref).Build(); }

// Reads `key` from `pending` first, then from the store.
absl::StatusOr<std::optional<std::string>> Read(const Store& store,
                                                const std::map<std::string, std::string>& pending,
                                                const std::string& key) {
  if (auto it = pending.find(key); it != pending.end()) return std::optional<std::string>(it->second);
  return store.Find(key);
}

// Every key under `prefix`, from the store and from `pending`, pending winning.
absl::StatusOr<std::map<std::string, std::string>> ReadPrefix(
    const Store& store, const std::map<std::string, std::string>& pending, const std::string& prefix) {
  ASSIGN_OR_RETURN(auto rows, store.Scan(prefix, kMaxPerSatker));
  std::map<std::string, std::string> out;
  for (auto& kv : rows) out[kv.key] = std::move(kv.value);
  for (auto it = pending.lower_bound(prefix); it != pending.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    out[it->first] = it->second;
  }
  return out;
}

}  // namespace

absl::StatusOr<DetaineeYear> DetaineeStore::Compute(const std::string& satker, int year,
                                                    const std::map<std::string, std::string>& pending) const {
  DetaineeYear out;
  const std::string prefix = KeyBuilder(kTagDetaineeBySatker).AddString(satker).Build();
  ASSIGN_OR_RETURN(auto refs, ReadPrefix(*store_, pending, prefix));
  for (const auto& [index_key, unused] : refs) {
    KeyReader reader(std::string_view(index_key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string ref, reader.ReadString());
    ASSIGN_OR_RETURN(auto raw, Read(*store_, pending, DetaineeKey(ref)));
    storage::v1::DetaineeRecord d;
    if (!raw.has_value() || !d.ParseFromString(*raw))
      return absl::DataLossError("corrupt detainee record " + ref);
    if (HeldIn(d, year)) ++out.held;
    ASSIGN_OR_RETURN(auto incidents,
                     ReadPrefix(*store_, pending, KeyBuilder(kTagDetaineeIncident).AddString(ref).Build()));
    for (const auto& [k, v] : incidents) {
      storage::v1::DetaineeIncidentRecord incident;
      if (!incident.ParseFromString(v)) return absl::DataLossError("corrupt incident record");
      if (YearOfIsoDate(incident.date()) != year) continue;
      switch (incident.kind()) {
        case v1::INCIDENT_KIND_ESCAPE:
          ++out.escapes;
          break;
        case v1::INCIDENT_KIND_FIGHT_INJURY_OR_DEATH:
          ++out.fight_injuries_or_deaths;
          break;
        case v1::INCIDENT_KIND_DEATH_BY_NEGLIGENCE:
          ++out.negligence_deaths;
          break;
        default:
          break;
      }
    }
  }
  return out;
}

absl::Status DetaineeStore::CommitWithValues(const WriteContext& context, const UnitTree& units,
                                             const std::map<std::string, std::set<int>>& years,
                                             const std::map<std::string, std::string>& pending,
                                             DetaineeWriteOutcome* outcome) {
  for (const auto& [satker, ys] : years) {
    ASSIGN_OR_RETURN(
        auto refs, ReadPrefix(*store_, pending, KeyBuilder(kTagDetaineeBySatker).AddString(satker).Build()));
    RETURN_IF_ERROR(CheckReadBound("detainees", satker, refs.size(), "detainees", kMaxPerSatker));
  }
  Mutation mutation;
  RETURN_IF_ERROR(PutValues(units, years, pending, context.actor, &mutation));
  for (const auto& [k, v] : pending) mutation.Put(k, v);
  for (const auto& [satker, ys] : years) outcome->satker_updated.push_back(satker);
  return store_->Commit(context, std::move(mutation));
}

absl::Status DetaineeStore::PutValues(const UnitTree& units,
                                      const std::map<std::string, std::set<int>>& years,
                                      const std::map<std::string, std::string>& pending,
                                      const std::string& actor, Mutation* mutation) const {
  for (const auto& [satker, ys] : years) {
    for (int year : ys) {
      auto rules = rules_->ForYear(year);
      if (!rules.ok() || (*rules)->rules().instruments().detainee_measure().empty()) continue;
      const std::string& measure = (*rules)->rules().instruments().detainee_measure();
      ASSIGN_OR_RETURN(DetaineeYear result, Compute(satker, year, pending));
      const std::string key =
          SatkerValueKey(year, measure, units.ProvinceOf(satker), satker, kTagComputedValue);
      if (result.held == 0) {
        mutation->Delete(key);  // nobody held that year: no value, not 100
        continue;
      }
      PutComputedValue(
          *store_, year, measure, units.ProvinceOf(satker), satker, result.Value(),
          absl::StrCat(result.held, " tahanan; a=", result.escapes, " b=", result.fight_injuries_or_deaths,
                       " c=", result.negligence_deaths),
          actor, absl::StrCat("rules ", (*rules)->version(), " ", measure, ": ", DetaineeYear::kFormula),
          mutation);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<DetaineeWriteOutcome> DetaineeStore::RecordDetainees(
    const WriteContext& context, const std::vector<DetaineeInput>& detainees) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::map<std::string, std::string> pending;
  std::map<std::string, std::set<int>> years;
  DetaineeWriteOutcome outcome;
  for (size_t i = 0; i < detainees.size(); ++i) {
    const DetaineeInput& d = detainees[i];
    const std::string& satker = d.record.satker_code();
    const std::string path = absl::StrCat("detainees[", i, "]");
    if (units.Find(satker) == nullptr)
      return absl::NotFoundError(
          absl::StrCat(path, ".satker_code: \"", satker, "\" is not in the unit tree"));
    const std::string key = DetaineeKey(d.detainee_ref);
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    storage::v1::DetaineeRecord old;
    if (stored.has_value()) {
      if (!old.ParseFromString(*stored)) return absl::DataLossError("corrupt detainee record");
      if (old.satker_code() != satker) {
        return InvalidField(path + ".satker_code", absl::StrCat("\"", satker, "\": detainee ", d.detainee_ref,
                                                                " is registered at ", old.satker_code()));
      }
    }
    std::string value = d.record.SerializeAsString();
    if (stored.has_value() && *stored == value) {
      ++outcome.unchanged;
      continue;
    }
    pending[key] = value;
    pending[KeyBuilder(kTagDetaineeBySatker).AddString(satker).AddString(d.detainee_ref).Build()] = "";
    // Every year the old or new custody period touches.
    for (const storage::v1::DetaineeRecord* r :
         {static_cast<const storage::v1::DetaineeRecord*>(&old), &d.record}) {
      if (r->custody_start().empty()) continue;
      const int last =
          r->custody_end().empty() ? YearOfIsoDate(r->custody_start()) + 1 : YearOfIsoDate(r->custody_end());
      for (int y = YearOfIsoDate(r->custody_start()); y <= last && y - YearOfIsoDate(r->custody_start()) < 50;
           ++y) {
        years[satker].insert(y);
      }
    }
    ++outcome.written;
  }
  RETURN_IF_ERROR(CommitWithValues(context, units, years, pending, &outcome));
  return outcome;
}

absl::StatusOr<DetaineeWriteOutcome> DetaineeStore::RecordIncidents(
    const WriteContext& context, const std::vector<IncidentInput>& incidents) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::map<std::string, std::string> pending;
  std::map<std::string, std::set<int>> years;
  std::map<std::string, std::string> touched;  // detainee ref -> the path of its first new incident
  DetaineeWriteOutcome outcome;
  for (size_t i = 0; i < incidents.size(); ++i) {
    const IncidentInput& in = incidents[i];
    const std::string path = absl::StrCat("incidents[", i, "]");
    ASSIGN_OR_RETURN(auto raw, store_->Find(DetaineeKey(in.detainee_ref)));
    storage::v1::DetaineeRecord d;
    if (!raw.has_value()) {
      return absl::NotFoundError(
          absl::StrCat(path, ".detainee_ref: \"", in.detainee_ref, "\" is not registered"));
    }
    if (!d.ParseFromString(*raw)) return absl::DataLossError("corrupt detainee record " + in.detainee_ref);
    const std::string& date = in.record.date();
    if (date < d.custody_start() || (!d.custody_end().empty() && date > d.custody_end())) {
      return InvalidField(path + ".date", absl::StrCat("\"", date, "\" is not a date within the custody of ",
                                                       in.detainee_ref));
    }
    const std::string key =
        KeyBuilder(kTagDetaineeIncident).AddString(in.detainee_ref).AddString(in.incident_id).Build();
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    std::string value = in.record.SerializeAsString();
    if (stored.has_value() && *stored == value) {
      ++outcome.unchanged;
      continue;
    }
    if (stored.has_value()) {
      storage::v1::DetaineeIncidentRecord old;
      if (old.ParseFromString(*stored)) years[d.satker_code()].insert(YearOfIsoDate(old.date()));
    }
    pending[key] = std::move(value);
    years[d.satker_code()].insert(YearOfIsoDate(date));
    touched.emplace(in.detainee_ref, path);
    ++outcome.written;
  }
  for (const auto& [ref, path] : touched) {
    ASSIGN_OR_RETURN(auto all,
                     ReadPrefix(*store_, pending, KeyBuilder(kTagDetaineeIncident).AddString(ref).Build()));
    RETURN_IF_ERROR(CheckReadBound(path + ".detainee_ref", Quoted(ref), all.size(), "incidents",
                                   kMaxIncidentsPerDetainee));
  }
  RETURN_IF_ERROR(CommitWithValues(context, units, years, pending, &outcome));
  return outcome;
}

absl::StatusOr<DetaineeYear> DetaineeStore::Get(const std::string& satker_code, int fiscal_year) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  if (units_held->Find(satker_code) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker_code, "\" is not in the unit tree"));
  }
  ASSIGN_OR_RETURN(DetaineeYear result, Compute(satker_code, fiscal_year, {}));
  if (result.held == 0) {
    return absl::NotFoundError(absl::StrCat("no detainee held by ", satker_code, " in ", fiscal_year));
  }
  return result;
}

}  // namespace lkip::pemberantasan
