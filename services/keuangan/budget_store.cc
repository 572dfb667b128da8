#include "services/keuangan/budget_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::keuangan {
namespace {

constexpr int kMaxLines = 2000;

std::string DipaKey(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagDipa).AddInt32(year).AddString(province).AddString(satker).Build();
}

std::string RealisasiPrefix(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagRealisasi).AddInt32(year).AddString(province).AddString(satker).Build();
}

absl::StatusOr<const rules::v1::BudgetRules*> BudgetRulesFor(const RuleBook& book, int year) {
  ASSIGN_OR_RETURN(const YearRules* rules, book.ForYear(year));
  if (rules->rules().instruments().budget().programs_size() == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "fiscal_year: the ", year, " rule set names no budget programs (instruments.budget.programs)"));
  }
  return &rules->rules().instruments().budget();
}

// Checks the lines against the rule set's programs and kegiatan (and, for realisasi, the
// satker's DIPA); INVALID_ARGUMENT names lines[i] and the field.
absl::StatusOr<std::vector<storage::v1::BudgetLineRecord>> CheckLines(
    const rules::v1::BudgetRules& rules, int year,
    const google::protobuf::RepeatedPtrField<v1::BudgetLine>& lines, const storage::v1::DipaRecord* dipa,
    const std::string& satker) {
  if (lines.empty()) return absl::InvalidArgumentError("lines: is empty");
  if (lines.size() > kMaxLines) {
    return absl::InvalidArgumentError(
        absl::StrCat("lines: ", lines.size(), " lines exceed the limit of ", kMaxLines));
  }
  std::set<std::pair<std::string, std::string>> in_dipa, seen;
  if (dipa != nullptr) {
    for (const auto& l : dipa->lines()) in_dipa.insert({l.program(), l.kegiatan()});
  }
  std::vector<storage::v1::BudgetLineRecord> out;
  for (int i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const std::string path = absl::StrCat("lines[", i, "]");
    const rules::v1::BudgetProgram* program = nullptr;
    for (const auto& p : rules.programs()) {
      if (p.code() == l.program_code()) program = &p;
    }
    if (program == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".program_code: \"", l.program_code(),
                                                     "\" is not a program of the ", year, " rule set"));
    }
    bool known = false;
    for (const auto& k : program->kegiatan()) known = known || k.code() == l.kegiatan_code();
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".kegiatan_code: \"", l.kegiatan_code(),
                                                     "\" is not a kegiatan of program ", l.program_code()));
    }
    if (l.amount().amount() < 0) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".amount: ", l.amount().amount(), " is negative"));
    }
    if (!seen.insert({l.program_code(), l.kegiatan_code()}).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": ", l.program_code(), "/", l.kegiatan_code(), " appears twice"));
    }
    if (dipa != nullptr && in_dipa.count({l.program_code(), l.kegiatan_code()}) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".kegiatan_code: ", l.program_code(), "/",
                                                     l.kegiatan_code(), " is not in the DIPA of ", satker));
    }
    storage::v1::BudgetLineRecord r;
    r.set_program(l.program_code());
    r.set_kegiatan(l.kegiatan_code());
    r.set_amount(l.amount().amount());
    out.push_back(std::move(r));
  }
  return out;
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

absl::StatusOr<v1::BudgetWriteResponse> BudgetStore::WriteAndReport(
    const WriteContext& context, const rules::v1::BudgetRules& rules, const UnitTree& units, int year,
    const std::string& satker, const std::string& key, const std::string& value) {
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  v1::BudgetWriteResponse response;
  if (stored.has_value() && *stored == value) {
    response.set_unchanged(true);
  } else {
    Mutation mutation;
    mutation.PutKnownPrevious(key, value, std::move(stored));
    RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  }
  ASSIGN_OR_RETURN(SatkerBudget budget, LoadSatker(year, units.ProvinceOf(satker), satker));
  budget.name = units.Find(satker)->name();
  for (auto& f : AbovePaguFindings(rules, budget, 12)) *response.add_findings() = std::move(f);
  return response;
}

absl::StatusOr<v1::BudgetWriteResponse> BudgetStore::RecordDipa(const WriteContext& context,
                                                                const v1::RecordDipaRequest& request) {
  ASSIGN_OR_RETURN(const auto* rules, BudgetRulesFor(*rules_, request.fiscal_year()));
  if (!IsPrintableText(request.dipa_ref(), 200)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dipa_ref: \"", request.dipa_ref(), "\" must be 1..200 printable characters (the DIPA's number)"));
  }
  if (!IsIsoDate(request.date())) {
    return absl::InvalidArgumentError(
        absl::StrCat("date: \"", request.date(), "\" is not a date (YYYY-MM-DD)"));
  }
  ASSIGN_OR_RETURN(
      auto lines, CheckLines(*rules, request.fiscal_year(), request.lines(), nullptr, request.satker_code()));
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", request.satker_code()));
  const std::string province = units.ProvinceOf(request.satker_code());
  storage::v1::DipaRecord record;
  record.set_dipa_ref(request.dipa_ref());
  record.set_date(request.date());
  for (auto& l : lines) *record.add_lines() = std::move(l);
  return WriteAndReport(context, *rules, units, request.fiscal_year(), request.satker_code(),
                        DipaKey(request.fiscal_year(), province, request.satker_code()),
                        record.SerializeAsString());
}

absl::StatusOr<v1::BudgetWriteResponse> BudgetStore::RecordRealisasi(
    const WriteContext& context, const v1::RecordRealisasiRequest& request) {
  ASSIGN_OR_RETURN(const auto* rules, BudgetRulesFor(*rules_, request.fiscal_year()));
  if (request.month() < 1 || request.month() > 12) {
    return absl::InvalidArgumentError(absl::StrCat("month: ", request.month(), " is outside 1..12"));
  }
  if (!request.source_document().empty() && !IsPrintableText(request.source_document(), 200)) {
    return absl::InvalidArgumentError("source_document: must be at most 200 printable characters");
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", request.satker_code()));
  const std::string province = units.ProvinceOf(request.satker_code());
  ASSIGN_OR_RETURN(auto dipa_value,
                   store_->Find(DipaKey(request.fiscal_year(), province, request.satker_code())));
  storage::v1::DipaRecord dipa;
  if (!dipa_value.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat("satker_code: ", request.satker_code(),
                                                      " has no DIPA for ", request.fiscal_year(),
                                                      "; record the DIPA first"));
  }
  if (!dipa.ParseFromString(*dipa_value)) return absl::DataLossError("corrupt DIPA record");
  ASSIGN_OR_RETURN(auto lines,
                   CheckLines(*rules, request.fiscal_year(), request.lines(), &dipa, request.satker_code()));
  storage::v1::RealisasiMonthRecord record;
  record.set_source_document(request.source_document());
  for (auto& l : lines) *record.add_lines() = std::move(l);
  const std::string key = KeyBuilder(kTagRealisasi)
                              .AddInt32(request.fiscal_year())
                              .AddString(province)
                              .AddString(request.satker_code())
                              .AddInt32(request.month())
                              .Build();
  return WriteAndReport(context, *rules, units, request.fiscal_year(), request.satker_code(), key,
                        record.SerializeAsString());
}

absl::StatusOr<v1::BudgetTables> BudgetStore::Tables(const v1::GetBudgetTablesRequest& request) const {
  ASSIGN_OR_RETURN(const auto* rules, BudgetRulesFor(*rules_, request.fiscal_year()));
  if (request.through_month() < 0 || request.through_month() > 12) {
    return absl::InvalidArgumentError(
        absl::StrCat("through_month: ", request.through_month(), " is outside 0..12"));
  }
  const int through = request.through_month() == 0 ? 12 : request.through_month();
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto members, units.ProvinceMembers(request.province_code()));
  // Two range scans over the province: its DIPA, then its realisasi months.
  std::map<std::string, SatkerBudget> by_code;
  const std::string dipa_prefix =
      KeyBuilder(kTagDipa).AddInt32(request.fiscal_year()).AddString(request.province_code()).Build();
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
      KeyBuilder(kTagRealisasi).AddInt32(request.fiscal_year()).AddString(request.province_code()).Build();
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
  v1::BudgetTables out = BuildBudgetTables(*rules, satker, through);
  out.set_fiscal_year(request.fiscal_year());
  out.set_province_code(request.province_code());
  return out;
}

}  // namespace lkip::keuangan
