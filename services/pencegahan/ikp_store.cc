#include "services/pencegahan/ikp_store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_withdrawal.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"

namespace lkip::pencegahan {
namespace {

constexpr size_t kMaxInstitutions = 10000;

std::string SatkerPrefix(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagIkpInstitution).AddInt32(year).AddString(province).AddString(satker).Build();
}

std::string InstitutionKey(int year, const std::string& province, const std::string& satker,
                           const std::string& name) {
  return KeyBuilder(kTagIkpInstitution)
      .AddInt32(year)
      .AddString(province)
      .AddString(satker)
      .AddString(name)
      .Build();
}

Decimal InstitutionValue(const storage::v1::IkpInstitutionRecord& r) {
  IkpAssessment a;
  for (int i = 0; i < kIkpVariables && i < r.scores_size(); ++i) a.scores[i] = r.scores(i);
  return InstitutionIkp(a);
}

}  // namespace

std::string LingkunganName(Lingkungan l) {
  switch (l) {
    case Lingkungan::kPemerintah:
      return "pemerintah";
    case Lingkungan::kSwasta:
      return "swasta";
    case Lingkungan::kMasyarakat:
      return "masyarakat";
    case Lingkungan::kPendidikan:
      return "pendidikan";
  }
  return "";
}

absl::StatusOr<std::map<std::string, storage::v1::IkpInstitutionRecord>> IkpStore::Load(
    int year, const std::string& province, const std::string& satker) const {
  const std::string prefix = SatkerPrefix(year, province, satker);
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxInstitutions));
  std::map<std::string, storage::v1::IkpInstitutionRecord> out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string institution, reader.ReadString());
    if (!out[institution].ParseFromString(kv.value))
      return absl::DataLossError("corrupt IKP institution record");
  }
  return out;
}

absl::Status IkpStore::Apply(int fiscal_year, const UnitTree& units,
                             const std::map<std::string, std::map<std::string, IkpAssessment>>& assessments,
                             const std::string& import_id, const std::string& source_document,
                             const std::string& actor, Mutation* mutation,
                             std::vector<std::string>* satker_updated) {
  for (const auto& [satker, institutions] : assessments) {
    const std::string province = units.ProvinceOf(satker);
    ASSIGN_OR_RETURN(auto stored, Load(fiscal_year, province, satker));
    for (const auto& [name, a] : institutions) {
      storage::v1::IkpInstitutionRecord record;
      record.set_lingkungan(LingkunganName(a.lingkungan));
      for (int s : a.scores) record.add_scores(s);
      record.set_import_id(import_id);
      if (auto old = stored.find(name); old != stored.end())
        *record.mutable_replaced() = std::move(old->second);
      mutation->Put(InstitutionKey(fiscal_year, province, satker, name), record.SerializeAsString());
      stored[name] = std::move(record);
    }
    // Every read loads a satker's institutions with a bounded scan: past the bound, every later
    // read of the satker would fail, so the import is refused here.
    if (stored.size() > kMaxInstitutions) {
      return absl::InvalidArgumentError(
          absl::StrCat(satker, " would have ", stored.size(), " IKP institutions in ", fiscal_year,
                       ", more than the limit of ", kMaxInstitutions, "; nothing imported"));
    }
    satker_updated->push_back(satker);
    RETURN_IF_ERROR(PutSatkerValue(fiscal_year, province, satker, stored,
                                   absl::StrCat("impor terakhir: ", source_document), actor, mutation));
  }
  return absl::OkStatus();
}

absl::Status IkpStore::Withdraw(int fiscal_year, const UnitTree& units,
                                const std::map<std::string, std::set<std::string>>& institutions,
                                const std::string& import_id, const std::string& provenance,
                                const std::string& actor, Mutation* mutation,
                                std::vector<std::string>* satker_updated) {
  for (const auto& [satker, names] : institutions) {
    const std::string province = units.ProvinceOf(satker);
    ASSIGN_OR_RETURN(auto stored, Load(fiscal_year, province, satker));
    for (const auto& name : names) {
      auto it = stored.find(name);
      if (it == stored.end()) {
        return absl::DataLossError(absl::StrCat("institution ", name, " of ", satker,
                                                " has no IKP record; import ", import_id,
                                                " cannot be reversed"));
      }
      const std::string key = InstitutionKey(fiscal_year, province, satker, name);
      if (std::optional<storage::v1::IkpInstitutionRecord> rest = WithoutImport(it->second, import_id)) {
        mutation->Put(key, rest->SerializeAsString());
        it->second = *std::move(rest);
      } else {
        mutation->Delete(key);
        stored.erase(it);
      }
    }
    satker_updated->push_back(satker);
    RETURN_IF_ERROR(PutSatkerValue(fiscal_year, province, satker, stored, provenance, actor, mutation));
  }
  return absl::OkStatus();
}

absl::Status IkpStore::PutSatkerValue(
    int fiscal_year, const std::string& province, const std::string& satker,
    const std::map<std::string, storage::v1::IkpInstitutionRecord>& institutions,
    const std::string& provenance, const std::string& actor, Mutation* mutation) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  const std::string& measure = rules->rules().instruments().ikp_measure();
  if (measure.empty()) return absl::OkStatus();
  if (institutions.empty()) {
    DeleteComputedValue(fiscal_year, measure, province, satker, mutation);
    return absl::OkStatus();
  }
  std::vector<Decimal> values;
  std::vector<std::pair<Lingkungan, Decimal>> by_kind;
  for (const auto& [name, record] : institutions) {
    values.push_back(InstitutionValue(record));
    ASSIGN_OR_RETURN(const Lingkungan kind, ParseLingkungan(record.lingkungan()));
    by_kind.emplace_back(kind, values.back());
  }
  ASSIGN_OR_RETURN(Decimal ikp, SatkerIkp(values));
  // The rincian: the lembaga assessed per lingkungan, their number, and each lingkungan's mean.
  // Every lingkungan's count, 0 too, so the table's count columns are the same for every satker.
  const std::vector<IkpKind> kinds = IkpByKind(by_kind);
  std::vector<ValueDetail> details;
  for (Lingkungan l :
       {Lingkungan::kPemerintah, Lingkungan::kSwasta, Lingkungan::kMasyarakat, Lingkungan::kPendidikan}) {
    auto k = std::find_if(kinds.begin(), kinds.end(), [l](const IkpKind& x) { return x.lingkungan == l; });
    details.push_back({absl::StrCat("lembaga_", LingkunganName(l)),
                       absl::StrCat("Lembaga ", LingkunganName(l)),
                       Decimal(static_cast<long>(k == kinds.end() ? 0 : k->institutions))});
  }
  details.push_back({"jumlah_lembaga", "Jumlah lembaga", Decimal(static_cast<long>(values.size()))});
  for (const auto& k : kinds) {
    details.push_back({absl::StrCat("ikp_", LingkunganName(k.lingkungan)),
                       absl::StrCat("IKP ", LingkunganName(k.lingkungan)), k.mean});
  }
  PutComputedValue(*store_, fiscal_year, measure, province, satker, ikp,
                   absl::StrCat(values.size(), " lembaga dinilai; ", provenance), actor,
                   absl::StrCat("rules ", rules->version(),
                                " IKP: rata-rata 6 variabel per lembaga, rata-rata lembaga per satker"),
                   mutation, {}, details);
  return absl::OkStatus();
}

absl::StatusOr<IkpYear> IkpStore::Get(int fiscal_year, const UnitTree& units,
                                      const std::string& satker) const {
  RETURN_IF_ERROR(rules_->ForYear(fiscal_year).status());
  if (units.Find(satker) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker, "\" is not in the unit tree"));
  }
  ASSIGN_OR_RETURN(auto stored, Load(fiscal_year, units.ProvinceOf(satker), satker));
  if (stored.empty())
    return absl::NotFoundError(absl::StrCat("no IKP assessment for ", satker, " in ", fiscal_year));
  IkpYear out;
  std::vector<Decimal> values;
  for (const auto& [name, record] : stored) {
    values.push_back(InstitutionValue(record));
    out.institutions.push_back({name, record.lingkungan(), values.back()});
  }
  ASSIGN_OR_RETURN(out.ikp, SatkerIkp(values));
  return out;
}

}  // namespace lkip::pencegahan
