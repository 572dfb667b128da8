#include "services/rehabilitasi/register_store.h"

#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_withdrawal.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/pagination.h"
#include "common/validation/fields.h"

namespace lkip::rehabilitasi {
namespace {

constexpr size_t kMaxEntriesPerSatkerYear = 100000;

std::string EntryKey(const std::string& measure, const std::string& ref) {
  return KeyBuilder(kTagRegisterEntry).AddString(measure).AddString(ref).Build();
}

std::string IndexPrefix(const std::string& measure, int year) {
  return KeyBuilder(kTagRegisterIndex).AddString(measure).AddInt32(year).Build();
}

std::string IndexPrefix(const std::string& measure, int year, const std::string& satker) {
  return KeyBuilder(kTagRegisterIndex).AddString(measure).AddInt32(year).AddString(satker).Build();
}

std::string IndexKey(const std::string& measure, int year, const std::string& satker,
                     const std::string& ref) {
  return KeyBuilder(kTagRegisterIndex)
      .AddString(measure)
      .AddInt32(year)
      .AddString(satker)
      .AddString(ref)
      .Build();
}

}  // namespace

absl::Status RegisterStore::Apply(
    const UnitTree& units,
    const std::map<std::pair<std::string, std::string>, storage::v1::RegisterEntryRecord>& entries,
    const std::string& source_document, const std::string& actor, Mutation* mutation,
    std::vector<std::string>* satker_updated) {
  GroupRefs added, removed;
  for (const auto& [measure_ref, accepted] : entries) {
    const auto& [measure, ref] = measure_ref;
    storage::v1::RegisterEntryRecord entry = accepted;
    const std::string key = EntryKey(measure, ref);
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    if (stored.has_value()) {
      storage::v1::RegisterEntryRecord* old = entry.mutable_replaced();
      if (!old->ParseFromString(*stored))
        return absl::DataLossError(absl::StrCat("corrupt register entry ", ref));
      const int old_year = YearOfIsoDate(old->qualified_date());
      mutation->Delete(IndexKey(measure, old_year, old->satker_code(), ref));
      removed[{measure, old_year, old->satker_code()}].insert(ref);
    }
    const int year = YearOfIsoDate(entry.qualified_date());
    mutation->PutKnownPrevious(key, entry.SerializeAsString(), std::move(stored));
    mutation->Put(IndexKey(measure, year, entry.satker_code(), ref), "");
    removed[{measure, year, entry.satker_code()}].erase(ref);
    added[{measure, year, entry.satker_code()}].insert(ref);
  }
  return Recount(units, added, removed, /*drop_empty=*/false,
                 absl::StrCat("impor terakhir: ", source_document), actor, mutation, satker_updated);
}

absl::Status RegisterStore::Withdraw(const UnitTree& units,
                                     const std::set<std::pair<std::string, std::string>>& entries,
                                     const std::string& import_id, const std::string& provenance,
                                     const std::string& actor, Mutation* mutation,
                                     std::vector<std::string>* satker_updated) {
  GroupRefs added, removed;
  for (const auto& [measure, ref] : entries) {
    const std::string key = EntryKey(measure, ref);
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    storage::v1::RegisterEntryRecord head;
    if (!stored.has_value() || !head.ParseFromString(*stored)) {
      return absl::DataLossError(absl::StrCat("register ", measure, " entry ", ref, " of import ", import_id,
                                              " is missing or corrupt; the import cannot be reversed"));
    }
    std::optional<storage::v1::RegisterEntryRecord> rest = WithoutImport(head, import_id);
    if (rest.has_value() && head.import_id() != import_id) {  // a later import's entry counts: unchanged
      mutation->PutKnownPrevious(key, rest->SerializeAsString(), std::move(stored));
      continue;
    }
    const int old_year = YearOfIsoDate(head.qualified_date());
    mutation->Delete(IndexKey(measure, old_year, head.satker_code(), ref));
    removed[{measure, old_year, head.satker_code()}].insert(ref);
    if (!rest.has_value()) {
      mutation->Delete(key);
      continue;
    }
    const int year = YearOfIsoDate(rest->qualified_date());
    mutation->Put(IndexKey(measure, year, rest->satker_code(), ref), "");
    removed[{measure, year, rest->satker_code()}].erase(ref);
    added[{measure, year, rest->satker_code()}].insert(ref);
    mutation->PutKnownPrevious(key, rest->SerializeAsString(), std::move(stored));
  }
  return Recount(units, added, removed, /*drop_empty=*/true, provenance, actor, mutation, satker_updated);
}

absl::Status RegisterStore::Recount(const UnitTree& units, GroupRefs& added, GroupRefs& removed,
                                    bool drop_empty, const std::string& provenance, const std::string& actor,
                                    Mutation* mutation, std::vector<std::string>* satker_updated) const {
  std::set<Group> groups;
  for (const auto& [g, refs] : added) groups.insert(g);
  for (const auto& [g, refs] : removed) groups.insert(g);
  std::set<std::string> updated;
  for (const auto& group : groups) {
    const auto& [measure, year, satker] = group;
    const std::string prefix = IndexPrefix(measure, year, satker);
    ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxEntriesPerSatkerYear));
    std::set<std::string> refs;
    for (const auto& kv : rows) {
      KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
      ASSIGN_OR_RETURN(std::string ref, reader.ReadString());
      refs.insert(std::move(ref));
    }
    for (const auto& r : removed[group]) refs.erase(r);
    for (const auto& r : added[group]) refs.insert(r);
    // The next import's scan of this index is bounded: refused here rather than past the bound.
    if (refs.size() > kMaxEntriesPerSatkerYear) {
      return absl::InvalidArgumentError(
          absl::StrCat(satker, " would have ", refs.size(), " entries in register ", measure, " for ", year,
                       ", more than the limit of ", kMaxEntriesPerSatkerYear, "; nothing imported"));
    }
    updated.insert(satker);
    if (drop_empty && refs.empty()) {
      DeleteComputedValue(year, measure, units.ProvinceOf(satker), satker, mutation);
      continue;
    }
    auto rules = rules_->ForYear(year);
    PutComputedValue(
        *store_, year, measure, units.ProvinceOf(satker), satker, Decimal(static_cast<long>(refs.size())),
        absl::StrCat(refs.size(), " entri register yang memenuhi syarat pada ", year, "; ", provenance),
        actor,
        absl::StrCat("rules ", rules.ok() ? (*rules)->version() : "-", " ", measure,
                     ": jumlah entri register per satker menurut tanggal memenuhi syarat (§6.3)"),
        mutation);
  }
  for (const auto& s : updated) satker_updated->push_back(s);
  return absl::OkStatus();
}

absl::StatusOr<RegisterEntryPage> RegisterStore::List(const UnitTree& units, int fiscal_year,
                                                      const std::string& measure,
                                                      const std::string& satker_code, int page_size,
                                                      const std::string& page_token) const {
  // Entries may have qualified in a year no rule set covers (before the first one): any rule
  // set naming the register will do.
  bool known = false;
  for (int year : rules_->Years()) {
    for (const auto& r : (*rules_->ForYear(year))->rules().instruments().registers()) {
      known |= r.measure() == measure;
    }
  }
  if (!known) {
    return absl::InvalidArgumentError(
        absl::StrCat("measure: \"", measure, "\" is not a register of any rule set"));
  }
  if (!satker_code.empty() && units.Find(satker_code) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker_code, "\" is not in the unit tree"));
  }
  ASSIGN_OR_RETURN(const size_t rows, PageSize(page_size));
  // One satker's range of the index, or the year's, which holds every satker's in code order.
  const std::string year_prefix = IndexPrefix(measure, fiscal_year);
  const std::string prefix =
      satker_code.empty() ? year_prefix : IndexPrefix(measure, fiscal_year, satker_code);
  ASSIGN_OR_RETURN(Store::Page page, store_->ScanPage(prefix, page_token, rows));
  RegisterEntryPage out;
  out.next_page_token = std::move(page.next_page_token);
  for (const auto& kv : page.rows) {
    KeyReader reader(std::string_view(kv.key).substr(year_prefix.size()));
    RegisterEntryPage::Entry e;
    ASSIGN_OR_RETURN(e.satker_code, reader.ReadString());
    ASSIGN_OR_RETURN(e.entry_ref, reader.ReadString());
    ASSIGN_OR_RETURN(auto raw, store_->Find(EntryKey(measure, e.entry_ref)));
    if (!raw.has_value() || !e.record.ParseFromString(*raw)) {
      return absl::DataLossError(absl::StrCat("register index names a missing entry ", e.entry_ref));
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace lkip::rehabilitasi
