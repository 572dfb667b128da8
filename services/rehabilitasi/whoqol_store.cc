#include "services/rehabilitasi/whoqol_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"

namespace lkip::rehabilitasi {
namespace {

constexpr size_t kMaxClients = 200000;

std::string SatkerPrefix(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagWhoqolClient).AddInt32(year).AddString(province).AddString(satker).Build();
}

absl::StatusOr<WhoqolScores> FromRecord(const storage::v1::WhoqolAssessmentRecord& r,
                                        const std::string& client) {
  WhoqolScores s;
  for (int d = 0; d < kWhoqolDomains && d < r.transformed_size(); ++d) {
    if (r.transformed(d).empty()) continue;
    ASSIGN_OR_RETURN(s.transformed[d],
                     Decimal::ParseStored(r.transformed(d), absl::StrCat("WHOQOL score of client ", client)));
  }
  return s;
}

absl::StatusOr<ImprovementResult> Improvement(
    const std::map<std::string, storage::v1::WhoqolClientRecord>& clients) {
  std::vector<WhoqolPair> pairs;
  for (const auto& [client, record] : clients) {
    if (!record.has_intake() || !record.has_after()) continue;
    ASSIGN_OR_RETURN(WhoqolScores intake, FromRecord(record.intake(), client));
    ASSIGN_OR_RETURN(WhoqolScores after, FromRecord(record.after(), client));
    pairs.push_back({std::move(intake), std::move(after)});
  }
  return ComputeImprovement(pairs);
}

}  // namespace

storage::v1::WhoqolAssessmentRecord ToRecord(const std::string& date, const WhoqolScores& scores,
                                             const std::string& import_id) {
  storage::v1::WhoqolAssessmentRecord r;
  r.set_date(date);
  for (const auto& t : scores.transformed) r.add_transformed(t ? t->ToExactString() : "");
  r.set_import_id(import_id);
  return r;
}

namespace {

// What this import's forms make of a client's record as stored now, with the rules checked again:
// the import read the record when its rows arrived, and another import may have committed forms
// of the same client since (imports stream at the same time; only commits take turns). ABORTED
// when the two conflict: nothing of this import is written.
absl::StatusOr<storage::v1::WhoqolClientRecord> Merged(storage::v1::WhoqolClientRecord now,
                                                       const storage::v1::WhoqolClientRecord& mine,
                                                       const std::string& import_id,
                                                       const std::string& satker, const std::string& client) {
  auto conflict = [&](const char* what, const storage::v1::WhoqolAssessmentRecord& other) {
    return absl::AbortedError(absl::StrCat(
        "client ", client, " of ", satker, ": ", what, " on ", other.date(), " was committed by import ",
        other.import_id(), " while this import streamed; nothing of import ", import_id, " is imported"));
  };
  if (mine.has_intake() && mine.intake().import_id() == import_id) {
    if (now.has_intake()) return conflict("an intake assessment", now.intake());
    *now.mutable_intake() = mine.intake();
  }
  std::vector<const storage::v1::WhoqolAssessmentRecord*> forms;
  if (mine.has_after()) forms.push_back(&mine.after());
  for (const auto& f : mine.other_after()) forms.push_back(&f);
  for (const auto* form : forms) {
    if (form->import_id() != import_id) continue;
    if (auto same = AddAfterForm(&now, *form)) return conflict("an after assessment", *same);
  }
  return now;
}

}  // namespace

std::optional<storage::v1::WhoqolAssessmentRecord> AddAfterForm(
    storage::v1::WhoqolClientRecord* record, const storage::v1::WhoqolAssessmentRecord& form) {
  if (record->has_after() && record->after().date() == form.date()) return record->after();
  for (const auto& other : record->other_after()) {
    if (other.date() == form.date()) return other;
  }
  if (!record->has_after()) {
    *record->mutable_after() = form;
  } else if (record->after().date() < form.date()) {
    *record->add_other_after() = record->after();
    *record->mutable_after() = form;
  } else {
    *record->add_other_after() = form;
  }
  return std::nullopt;
}

bool RemoveImportForms(storage::v1::WhoqolClientRecord* record, const std::string& import_id) {
  if (record->has_intake() && record->intake().import_id() == import_id) record->clear_intake();
  auto* others = record->mutable_other_after();
  others->erase(std::remove_if(others->begin(), others->end(),
                               [&](const auto& f) { return f.import_id() == import_id; }),
                others->end());
  if (record->has_after() && record->after().import_id() == import_id) {
    record->clear_after();
    auto latest = std::max_element(others->begin(), others->end(),
                                   [](const auto& a, const auto& b) { return a.date() < b.date(); });
    if (latest != others->end()) {
      *record->mutable_after() = *latest;
      others->erase(latest);
    }
  }
  return record->has_intake() || record->has_after();
}

absl::StatusOr<std::optional<storage::v1::WhoqolClientRecord>> WhoqolStore::FindClient(
    int year, const std::string& province, const std::string& satker, const std::string& client) const {
  ASSIGN_OR_RETURN(auto stored, store_->Find(KeyBuilder(kTagWhoqolClient)
                                                 .AddInt32(year)
                                                 .AddString(province)
                                                 .AddString(satker)
                                                 .AddString(client)
                                                 .Build()));
  if (!stored.has_value()) return std::optional<storage::v1::WhoqolClientRecord>();
  storage::v1::WhoqolClientRecord record;
  if (!record.ParseFromString(*stored)) return absl::DataLossError("corrupt WHOQOL client record");
  return std::optional<storage::v1::WhoqolClientRecord>(std::move(record));
}

absl::StatusOr<std::map<std::string, storage::v1::WhoqolClientRecord>> WhoqolStore::Load(
    int year, const std::string& province, const std::string& satker) const {
  const std::string prefix = SatkerPrefix(year, province, satker);
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxClients));
  std::map<std::string, storage::v1::WhoqolClientRecord> out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string client, reader.ReadString());
    if (!out[client].ParseFromString(kv.value)) return absl::DataLossError("corrupt WHOQOL client record");
  }
  return out;
}

absl::Status WhoqolStore::Apply(
    int fiscal_year, const UnitTree& units,
    const std::map<std::string, std::map<std::string, storage::v1::WhoqolClientRecord>>& clients,
    const std::string& import_id, const std::string& source_document, const std::string& actor,
    Mutation* mutation, std::vector<std::string>* satker_updated) {
  for (const auto& [satker, updated] : clients) {
    const std::string province = units.ProvinceOf(satker);
    ASSIGN_OR_RETURN(auto all, Load(fiscal_year, province, satker));
    for (const auto& [client, mine] : updated) {
      auto now = all.find(client);
      ASSIGN_OR_RETURN(storage::v1::WhoqolClientRecord record,
                       Merged(now != all.end() ? now->second : storage::v1::WhoqolClientRecord(), mine,
                              import_id, satker, client));
      mutation->Put(KeyBuilder(kTagWhoqolClient)
                        .AddInt32(fiscal_year)
                        .AddString(province)
                        .AddString(satker)
                        .AddString(client)
                        .Build(),
                    record.SerializeAsString());
      all[client] = std::move(record);
    }
    // Every read loads a satker's clients with a bounded scan: refused here rather than past it.
    if (all.size() > kMaxClients) {
      return absl::InvalidArgumentError(
          absl::StrCat(satker, " would have ", all.size(), " WHOQOL clients in ", fiscal_year,
                       ", more than the limit of ", kMaxClients, "; nothing imported"));
    }
    satker_updated->push_back(satker);
    RETURN_IF_ERROR(PutSatkerValue(fiscal_year, province, satker, all,
                                   absl::StrCat("impor terakhir: ", source_document), actor, mutation));
  }
  return absl::OkStatus();
}

absl::Status WhoqolStore::Withdraw(int fiscal_year, const UnitTree& units,
                                   const std::map<std::string, std::set<std::string>>& clients,
                                   const std::string& import_id, const std::string& provenance,
                                   const std::string& actor, Mutation* mutation,
                                   std::vector<std::string>* satker_updated) {
  for (const auto& [satker, refs] : clients) {
    const std::string province = units.ProvinceOf(satker);
    ASSIGN_OR_RETURN(auto all, Load(fiscal_year, province, satker));
    for (const auto& client : refs) {
      auto it = all.find(client);
      if (it == all.end()) {
        return absl::DataLossError(absl::StrCat("client ", client, " of ", satker,
                                                " has no WHOQOL record; import ", import_id,
                                                " cannot be reversed"));
      }
      const std::string key = KeyBuilder(kTagWhoqolClient)
                                  .AddInt32(fiscal_year)
                                  .AddString(province)
                                  .AddString(satker)
                                  .AddString(client)
                                  .Build();
      if (RemoveImportForms(&it->second, import_id)) {
        mutation->Put(key, it->second.SerializeAsString());
      } else {
        mutation->Delete(key);
        all.erase(it);
      }
    }
    satker_updated->push_back(satker);
    RETURN_IF_ERROR(PutSatkerValue(fiscal_year, province, satker, all, provenance, actor, mutation));
  }
  return absl::OkStatus();
}

absl::Status WhoqolStore::PutSatkerValue(
    int fiscal_year, const std::string& province, const std::string& satker,
    const std::map<std::string, storage::v1::WhoqolClientRecord>& clients, const std::string& provenance,
    const std::string& actor, Mutation* mutation) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  const std::string& measure = rules->rules().instruments().whoqol_measure();
  if (measure.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(const ImprovementResult improvement, Improvement(clients));
  if (!improvement.percentage) {  // no client with both forms (any more)
    DeleteComputedValue(fiscal_year, measure, province, satker, mutation);
    return absl::OkStatus();
  }
  PutComputedValue(
      *store_, fiscal_year, measure, province, satker, *improvement.percentage,
      absl::StrCat(improvement.improved, " dari ", improvement.clients, " klien membaik; ", provenance),
      actor,
      absl::StrCat("rules ", rules->version(),
                   " WHOQOL-BREF: membaik bila rata-rata skor domain setelah rehabilitasi melebihi "
                   "asesmen awal [default]"),
      mutation);
  return absl::OkStatus();
}

absl::StatusOr<WhoqolYear> WhoqolStore::Get(int fiscal_year, const UnitTree& units,
                                            const std::string& satker) const {
  RETURN_IF_ERROR(rules_->ForYear(fiscal_year).status());
  if (units.Find(satker) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker, "\" is not in the unit tree"));
  }
  ASSIGN_OR_RETURN(auto all, Load(fiscal_year, units.ProvinceOf(satker), satker));
  if (all.empty())
    return absl::NotFoundError(absl::StrCat("no WHOQOL assessment for ", satker, " in ", fiscal_year));
  WhoqolYear out;
  out.clients_assessed = static_cast<int64_t>(all.size());
  ASSIGN_OR_RETURN(out.improvement, Improvement(all));
  return out;
}

}  // namespace lkip::rehabilitasi
