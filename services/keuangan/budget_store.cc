#include "services/keuangan/budget_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::keuangan {
namespace {

std::string DipaKey(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagDipa).AddInt32(year).AddString(province).AddString(satker).Build();
}

std::string RealisasiPrefix(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagRealisasi).AddInt32(year).AddString(province).AddString(satker).Build();
}

// The storage form of checked lines.
template <typename Record>
void PutLines(const std::vector<Line>& lines, Record* record) {
  for (const auto& l : lines) {
    auto* r = record->add_lines();
    r->set_program(l.program);
    r->set_kegiatan(l.kegiatan);
    r->set_amount(l.amount);
  }
}

std::vector<Line> ToLines(const google::protobuf::RepeatedPtrField<storage::v1::BudgetLineRecord>& lines) {
  std::vector<Line> out;
  out.reserve(lines.size());
  for (const auto& l : lines) out.push_back({l.program(), l.kegiatan(), l.amount()});
  return out;
}

}  // namespace

absl::StatusOr<SatkerBudget> BudgetStore::LoadSatker(int year, const std::string& province,
                                                     const std::string& satker) const {
  SatkerBudget out;
  out.code = satker;
  ASSIGN_OR_RETURN(auto dipa_value, store_->Find(DipaKey(year, province, satker)));
  if (dipa_value.has_value()) {
    storage::v1::DipaRecord dipa;
    if (!dipa.ParseFromString(*dipa_value)) return absl::DataLossError("corrupt DIPA record");
    out.has_dipa = true;
    out.pagu = ToLines(dipa.lines());
  }
  const std::string prefix = RealisasiPrefix(year, province, satker);
  ASSIGN_OR_RETURN(auto months, store_->Scan(prefix, 12));
  for (const auto& kv : months) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(int32_t month, reader.ReadInt32());
    storage::v1::RealisasiMonthRecord r;
    if (month < 1 || month > 12 || !r.ParseFromString(kv.value))
      return absl::DataLossError("corrupt realisasi record");
    out.realisasi[month - 1] = ToLines(r.lines());
  }
  return out;
}

absl::StatusOr<BudgetWriteOutcome> BudgetStore::WriteAndReport(
    const WriteContext& context, const rules::v1::BudgetRules& rules, const UnitTree& units, int year,
    const std::string& satker, const std::string& key, const std::string& value) {
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  BudgetWriteOutcome out;
  if (stored.has_value() && *stored == value) {
    out.unchanged = true;
  } else {
    Mutation mutation;
    mutation.PutKnownPrevious(key, value, std::move(stored));
    RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  }
  ASSIGN_OR_RETURN(SatkerBudget budget, LoadSatker(year, units.ProvinceOf(satker), satker));
  budget.name = units.Find(satker)->name();
  out.findings = AbovePaguFindings(rules, budget, 12);
  return out;
}

absl::StatusOr<BudgetWriteOutcome> BudgetStore::RecordDipa(const WriteContext& context,
                                                           const rules::v1::BudgetRules& rules,
                                                           const DipaInput& in) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", in.satker_code));
  const std::string province = units.ProvinceOf(in.satker_code);
  storage::v1::DipaRecord record;
  record.set_dipa_ref(in.dipa_ref);
  record.set_date(in.date);
  PutLines(in.lines, &record);
  return WriteAndReport(context, rules, units, in.fiscal_year, in.satker_code,
                        DipaKey(in.fiscal_year, province, in.satker_code), record.SerializeAsString());
}

absl::StatusOr<BudgetWriteOutcome> BudgetStore::RecordRealisasi(const WriteContext& context,
                                                                const rules::v1::BudgetRules& rules,
                                                                const RealisasiInput& in) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", in.satker_code));
  const std::string province = units.ProvinceOf(in.satker_code);
  ASSIGN_OR_RETURN(auto dipa_value, store_->Find(DipaKey(in.fiscal_year, province, in.satker_code)));
  storage::v1::DipaRecord dipa;
  if (!dipa_value.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat("satker_code: ", in.satker_code, " has no DIPA for ",
                                                      in.fiscal_year, "; record the DIPA first"));
  }
  if (!dipa.ParseFromString(*dipa_value)) return absl::DataLossError("corrupt DIPA record");
  std::set<std::pair<std::string, std::string>> in_dipa;
  for (const auto& l : dipa.lines()) in_dipa.insert({l.program(), l.kegiatan()});
  for (size_t i = 0; i < in.lines.size(); ++i) {
    const Line& l = in.lines[i];
    if (in_dipa.count({l.program, l.kegiatan}) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("lines[", i, "].kegiatan_code: ", l.program, "/",
                                                     l.kegiatan, " is not in the DIPA of ", in.satker_code));
    }
  }
  storage::v1::RealisasiMonthRecord record;
  record.set_source_document(in.source_document);
  PutLines(in.lines, &record);
  const std::string key = KeyBuilder(kTagRealisasi)
                              .AddInt32(in.fiscal_year)
                              .AddString(province)
                              .AddString(in.satker_code)
                              .AddInt32(in.month)
                              .Build();
  return WriteAndReport(context, rules, units, in.fiscal_year, in.satker_code, key,
                        record.SerializeAsString());
}

absl::StatusOr<std::vector<SatkerBudget>> BudgetStore::Province(int fiscal_year,
                                                                const std::string& province_code) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto members, units.ProvinceMembers(province_code));
  // Two range scans over the province: its DIPA, then its realisasi months.
  std::map<std::string, SatkerBudget> by_code;
  const std::string dipa_prefix = KeyBuilder(kTagDipa).AddInt32(fiscal_year).AddString(province_code).Build();
  ASSIGN_OR_RETURN(auto dipas, store_->Scan(dipa_prefix, members.size()));
  for (const auto& kv : dipas) {
    KeyReader reader(std::string_view(kv.key).substr(dipa_prefix.size()));
    ASSIGN_OR_RETURN(std::string satker, reader.ReadString());
    storage::v1::DipaRecord dipa;
    if (!dipa.ParseFromString(kv.value)) return absl::DataLossError("corrupt DIPA record");
    by_code[satker].has_dipa = true;
    by_code[satker].pagu = ToLines(dipa.lines());
  }
  const std::string real_prefix =
      KeyBuilder(kTagRealisasi).AddInt32(fiscal_year).AddString(province_code).Build();
  ASSIGN_OR_RETURN(auto months, store_->Scan(real_prefix, members.size() * 12));
  for (const auto& kv : months) {
    KeyReader reader(std::string_view(kv.key).substr(real_prefix.size()));
    ASSIGN_OR_RETURN(std::string satker, reader.ReadString());
    ASSIGN_OR_RETURN(int32_t month, reader.ReadInt32());
    storage::v1::RealisasiMonthRecord r;
    if (month < 1 || month > 12 || !r.ParseFromString(kv.value))
      return absl::DataLossError("corrupt realisasi record");
    by_code[satker].realisasi[month - 1] = ToLines(r.lines());
  }
  std::vector<SatkerBudget> satker;
  for (const auto* unit : members) {
    SatkerBudget b = std::move(by_code[unit->code()]);
    b.code = unit->code();
    b.name = unit->name();
    satker.push_back(std::move(b));
  }
  return satker;
}

}  // namespace lkip::keuangan
