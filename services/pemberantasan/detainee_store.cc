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
constexpr int kMaxItems = 10000;

absl::Status Invalid(const std::string& path, const std::string& problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

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

// Whether a custody period overlaps the year.
bool HeldIn(const storage::v1::DetaineeRecord& d, int year) {
  const std::string start = absl::StrCat(year, "-01-01"), end = absl::StrCat(year, "-12-31");
  return d.custody_start() <= end && (d.custody_end().empty() || d.custody_end() >= start);
}

}  // namespace

absl::StatusOr<v1::DetaineeResult> DetaineeStore::Compute(
    const std::string& satker, int year, const std::map<std::string, std::string>& pending) const {
  v1::DetaineeResult out;
  out.set_fiscal_year(year);
  out.set_satker_code(satker);
  const std::string prefix = KeyBuilder(kTagDetaineeBySatker).AddString(satker).Build();
  ASSIGN_OR_RETURN(auto refs, ReadPrefix(*store_, pending, prefix));
  for (const auto& [index_key, unused] : refs) {
    KeyReader reader(std::string_view(index_key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string ref, reader.ReadString());
    ASSIGN_OR_RETURN(auto raw, Read(*store_, pending, DetaineeKey(ref)));
    storage::v1::DetaineeRecord d;
    if (!raw.has_value() || !d.ParseFromString(*raw))
      return absl::DataLossError("corrupt detainee record " + ref);
    if (HeldIn(d, year)) out.set_detainees_held(out.detainees_held() + 1);
    ASSIGN_OR_RETURN(auto incidents,
                     ReadPrefix(*store_, pending, KeyBuilder(kTagDetaineeIncident).AddString(ref).Build()));
    for (const auto& [k, v] : incidents) {
      storage::v1::DetaineeIncidentRecord incident;
      if (!incident.ParseFromString(v)) return absl::DataLossError("corrupt incident record");
      if (YearOfIsoDate(incident.date()) != year) continue;
      switch (incident.kind()) {
        case v1::INCIDENT_KIND_ESCAPE:
          out.set_escapes(out.escapes() + 1);
          break;
        case v1::INCIDENT_KIND_FIGHT_INJURY_OR_DEATH:
          out.set_fight_injuries_or_deaths(out.fight_injuries_or_deaths() + 1);
          break;
        case v1::INCIDENT_KIND_DEATH_BY_NEGLIGENCE:
          out.set_negligence_deaths(out.negligence_deaths() + 1);
          break;
        default:
          break;
      }
    }
  }
  const int64_t incidents = out.escapes() + out.fight_injuries_or_deaths() + out.negligence_deaths();
  out.mutable_value()->set_value((Decimal(100) / Decimal(1 + incidents)).ToExactString());
  out.set_formula("N = 100 / (1 + a + b + c) [default]");
  return out;
}

absl::Status DetaineeStore::CommitWithValues(const WriteContext& context, const UnitTree& units,
                                             const std::map<std::string, std::set<int>>& years,
                                             const std::map<std::string, std::string>& pending,
                                             v1::DetaineeWriteResponse* response) {
  Mutation mutation;
  RETURN_IF_ERROR(PutValues(units, years, pending, context.actor, &mutation));
  for (const auto& [k, v] : pending) mutation.Put(k, v);
  for (const auto& [satker, ys] : years) response->add_satker_updated(satker);
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
      ASSIGN_OR_RETURN(v1::DetaineeResult result, Compute(satker, year, pending));
      const std::string key =
          SatkerValueKey(year, measure, units.ProvinceOf(satker), satker, kTagComputedValue);
      if (result.detainees_held() == 0) {
        mutation->Delete(key);  // nobody held that year: no value, not 100
        continue;
      }
      ASSIGN_OR_RETURN(const Decimal value, Decimal::ParseStored(result.value().value(), "detainee score"));
      PutComputedValue(
          *store_, year, measure, units.ProvinceOf(satker), satker, value,
          absl::StrCat(result.detainees_held(), " tahanan; a=", result.escapes(),
                       " b=", result.fight_injuries_or_deaths(), " c=", result.negligence_deaths()),
          actor, absl::StrCat("rules ", (*rules)->version(), " ", measure, ": ", result.formula()), mutation);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::DetaineeWriteResponse> DetaineeStore::RecordDetainees(
    const WriteContext& context, const v1::RecordDetaineesRequest& request) {
  if (request.detainees_size() == 0 || request.detainees_size() > kMaxItems) {
    return Invalid("detainees", absl::StrCat(request.detainees_size(), " entries; send 1..", kMaxItems));
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::map<std::string, std::string> pending;
  std::map<std::string, std::set<int>> years;
  v1::DetaineeWriteResponse response;
  for (int i = 0; i < request.detainees_size(); ++i) {
    const auto& d = request.detainees(i);
    const std::string path = absl::StrCat("detainees[", i, "]");
    if (!IsDocumentNumber(d.detainee_ref(), 64)) {
      return Invalid(
          path + ".detainee_ref",
          absl::StrCat("\"", d.detainee_ref(), "\" must be 1..64 of [A-Za-z0-9._/-], never a name"));
    }
    const auto* unit = units.Find(d.satker_code());
    if (unit == nullptr)
      return absl::NotFoundError(
          absl::StrCat(path, ".satker_code: \"", d.satker_code(), "\" is not in the unit tree"));
    if (!IsIsoDate(d.custody_start()))
      return Invalid(path + ".custody_start", absl::StrCat("\"", d.custody_start(), "\" is not a date"));
    if (!d.custody_end().empty() && (!IsIsoDate(d.custody_end()) || d.custody_end() < d.custody_start())) {
      return Invalid(path + ".custody_end",
                     absl::StrCat("\"", d.custody_end(), "\" is not a date on or after custody_start"));
    }
    const std::string key = DetaineeKey(d.detainee_ref());
    if (pending.count(key))
      return Invalid(path + ".detainee_ref", absl::StrCat("\"", d.detainee_ref(), "\" appears twice"));
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    storage::v1::DetaineeRecord old;
    if (stored.has_value()) {
      if (!old.ParseFromString(*stored)) return absl::DataLossError("corrupt detainee record");
      if (old.satker_code() != d.satker_code()) {
        return Invalid(path + ".satker_code",
                       absl::StrCat("\"", d.satker_code(), "\": detainee ", d.detainee_ref(),
                                    " is registered at ", old.satker_code()));
      }
    }
    storage::v1::DetaineeRecord record;
    record.set_satker_code(d.satker_code());
    record.set_custody_start(d.custody_start());
    record.set_custody_end(d.custody_end());
    std::string value = record.SerializeAsString();
    if (stored.has_value() && *stored == value) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    pending[key] = value;
    pending[KeyBuilder(kTagDetaineeBySatker).AddString(d.satker_code()).AddString(d.detainee_ref()).Build()] =
        "";
    // Every year the old or new custody period touches.
    for (const auto* r : {&old, &record}) {
      if (r->custody_start().empty()) continue;
      const int last =
          r->custody_end().empty() ? YearOfIsoDate(r->custody_start()) + 1 : YearOfIsoDate(r->custody_end());
      for (int y = YearOfIsoDate(r->custody_start()); y <= last && y - YearOfIsoDate(r->custody_start()) < 50;
           ++y) {
        years[d.satker_code()].insert(y);
      }
    }
    response.set_written(response.written() + 1);
  }
  RETURN_IF_ERROR(CommitWithValues(context, units, years, pending, &response));
  return response;
}

absl::StatusOr<v1::DetaineeWriteResponse> DetaineeStore::RecordIncidents(
    const WriteContext& context, const v1::RecordDetaineeIncidentsRequest& request) {
  if (request.incidents_size() == 0 || request.incidents_size() > kMaxItems) {
    return Invalid("incidents", absl::StrCat(request.incidents_size(), " entries; send 1..", kMaxItems));
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::map<std::string, std::string> pending;
  std::map<std::string, std::set<int>> years;
  v1::DetaineeWriteResponse response;
  for (int i = 0; i < request.incidents_size(); ++i) {
    const auto& in = request.incidents(i);
    const std::string path = absl::StrCat("incidents[", i, "]");
    if (!IsDocumentNumber(in.incident_id(), 64))
      return Invalid(path + ".incident_id",
                     absl::StrCat("\"", in.incident_id(), "\" must be 1..64 of [A-Za-z0-9._/-]"));
    ASSIGN_OR_RETURN(auto raw, store_->Find(DetaineeKey(in.detainee_ref())));
    storage::v1::DetaineeRecord d;
    if (!raw.has_value() || !d.ParseFromString(*raw)) {
      return absl::NotFoundError(
          absl::StrCat(path, ".detainee_ref: \"", in.detainee_ref(), "\" is not registered"));
    }
    if (!v1::IncidentKind_IsValid(in.kind()) || in.kind() == v1::INCIDENT_KIND_UNSPECIFIED) {
      return Invalid(path + ".kind", absl::StrCat(in.kind(), " is not an incident kind"));
    }
    if (!IsIsoDate(in.date()) || in.date() < d.custody_start() ||
        (!d.custody_end().empty() && in.date() > d.custody_end())) {
      return Invalid(path + ".date", absl::StrCat("\"", in.date(), "\" is not a date within the custody of ",
                                                  in.detainee_ref()));
    }
    if (in.description().size() > 500) return Invalid(path + ".description", "longer than 500 characters");
    const std::string key =
        KeyBuilder(kTagDetaineeIncident).AddString(in.detainee_ref()).AddString(in.incident_id()).Build();
    if (pending.count(key))
      return Invalid(path + ".incident_id", absl::StrCat("\"", in.incident_id(), "\" appears twice"));
    storage::v1::DetaineeIncidentRecord record;
    record.set_kind(in.kind());
    record.set_date(in.date());
    record.set_description(in.description());
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    std::string value = record.SerializeAsString();
    if (stored.has_value() && *stored == value) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    if (stored.has_value()) {
      storage::v1::DetaineeIncidentRecord old;
      if (old.ParseFromString(*stored)) years[d.satker_code()].insert(YearOfIsoDate(old.date()));
    }
    pending[key] = std::move(value);
    years[d.satker_code()].insert(YearOfIsoDate(in.date()));
    response.set_written(response.written() + 1);
  }
  RETURN_IF_ERROR(CommitWithValues(context, units, years, pending, &response));
  return response;
}

absl::StatusOr<v1::DetaineeResult> DetaineeStore::Get(const v1::GetDetaineeResultRequest& request) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  if (units.Find(request.satker_code()) == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("satker_code: \"", request.satker_code(), "\" is not in the unit tree"));
  }
  ASSIGN_OR_RETURN(v1::DetaineeResult result, Compute(request.satker_code(), request.fiscal_year(), {}));
  if (result.detainees_held() == 0) {
    return absl::NotFoundError(
        absl::StrCat("no detainee held by ", request.satker_code(), " in ", request.fiscal_year()));
  }
  return result;
}

}  // namespace lkip::pemberantasan
