#include "services/keuangan/score_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/keuangan/score_import.h"

namespace lkip::keuangan {
namespace {

std::string ScoreKey(int year, v1::ScoreKind kind, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagBudgetScore)
      .AddInt32(year)
      .AddInt32(kind)
      .AddString(province)
      .AddString(satker)
      .Build();
}

// The components the score was published with, as the parts of its satker value (the report's
// rincian: an NKA's efisiensi explains its value): NKA in the formula's order, IKPA in the rule's.
absl::StatusOr<std::vector<ValueDetail>> ScoreDetails(const KindRule& rule,
                                                      const storage::v1::BudgetScoreRecord& record) {
  std::vector<std::pair<std::string, std::string>> parts;  // id, label
  if (rule.nka != nullptr) {
    parts = {{"penyerapan", "Penyerapan anggaran"},
             {"konsistensi", "Konsistensi RPD"},
             {"capaian_output", "Capaian RO"},
             {"efisiensi", "Efisiensi"},
             {"nilai_efisiensi", "Nilai efisiensi"}};
  } else if (rule.ikpa != nullptr) {
    for (const auto& c : rule.ikpa->components()) parts.emplace_back(c.id(), c.name());
  }
  std::vector<ValueDetail> out;
  for (const auto& [id, label] : parts) {
    auto it = record.components().find(id);
    if (it == record.components().end()) continue;
    ASSIGN_OR_RETURN(Decimal value, Decimal::ParseStored(it->second, absl::StrCat("component ", id)));
    out.push_back({id, label, value});
  }
  return out;
}

}  // namespace

absl::StatusOr<ScoreImportOutcome> ScoreStore::Import(const WriteContext& context, const ScoreImport& in) {
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::vector<std::string> keys;
  for (size_t i = 0; i < in.scores.size(); ++i) {
    const std::string& satker = in.scores[i].first;
    RETURN_IF_ERROR(CheckSatkerCode(units, absl::StrCat("scores[", i, "].satker_code"), satker));
    keys.push_back(ScoreKey(in.fiscal_year, in.kind, units.ProvinceOf(satker), satker));
  }
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(in.fiscal_year));
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  ScoreImportOutcome out;
  Mutation mutation;
  const int64_t now = store_->options().now_micros();
  for (size_t i = 0; i < in.scores.size(); ++i) {
    const auto& [satker, r] = in.scores[i];
    const std::string province = units.ProvinceOf(satker);
    ASSIGN_OR_RETURN(auto findings, DifferenceFindings(in.kind, satker, r, in.rule.tolerance));
    out.findings.insert(out.findings.end(), findings.begin(), findings.end());
    const std::string serialized = SerializeDeterministic(r);
    if (previous[i].has_value() && *previous[i] == serialized) {
      ++out.unchanged;
      continue;
    }
    ++out.written;
    mutation.PutKnownPrevious(keys[i], serialized, std::move(previous[i]));
    storage::v1::SatkerValueRecord published;
    published.set_value(r.value());
    published.set_source_document(in.source_document);
    published.set_actor(context.actor);
    published.set_recorded_unix_micros(now);
    ASSIGN_OR_RETURN(const std::vector<ValueDetail> details, ScoreDetails(in.rule, r));
    AddDetails(details, &published);
    mutation.Put(SatkerValueKey(in.fiscal_year, in.rule.measure, province, satker),
                 published.SerializeAsString());
    if (r.recomputed().empty()) {
      mutation.Delete(SatkerValueKey(in.fiscal_year, in.rule.measure, province, satker, kTagComputedValue));
    } else {
      ASSIGN_OR_RETURN(const Decimal recomputed,
                       Decimal::ParseStored(r.recomputed(), absl::StrCat("recomputed score of ", satker)));
      PutComputedValue(*store_, in.fiscal_year, in.rule.measure, province, satker, recomputed,
                       absl::StrCat("komponen ", KindName(in.kind), " dari ", in.source_document),
                       context.actor, absl::StrCat("rules ", rules->version(), " ", r.rule_ref()), &mutation,
                       findings);
    }
  }
  if (!mutation.empty()) {
    WriteContext ctx = context;
    ctx.summary = absl::StrCat(KindName(in.kind), " ", in.fiscal_year, " written=", out.written,
                               " unchanged=", out.unchanged);
    RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  }
  return out;
}

absl::StatusOr<ScoreTable> ScoreStore::Get(int fiscal_year, v1::ScoreKind kind,
                                           const std::string& province_code) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  ASSIGN_OR_RETURN(KindRule rule, RuleOf(*rules, kind));
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto members, units.ProvinceMembers(province_code));
  std::vector<std::string> keys;
  for (const auto* u : members) keys.push_back(ScoreKey(fiscal_year, kind, province_code, u->code()));
  ASSIGN_OR_RETURN(auto stored, store_->FindMany(keys));
  const rules::v1::Measure* measure = rules->FindMeasure(rule.measure);
  ScoreTable out;
  out.regulation = rule.regulation;
  for (size_t i = 0; i < members.size(); ++i) {
    if (!stored[i].has_value()) continue;
    ScoreRow row;
    row.satker_code = members[i]->code();
    row.satker_name = members[i]->name();
    if (!row.record.ParseFromString(*stored[i])) return absl::DataLossError("corrupt budget score record");
    ASSIGN_OR_RETURN(row.published,
                     Decimal::ParseStored(row.record.value(), absl::StrCat("score of ", row.satker_code)));
    if (!row.record.recomputed().empty()) {
      ASSIGN_OR_RETURN(row.recomputed,
                       Decimal::ParseStored(row.record.recomputed(),
                                            absl::StrCat("recomputed score of ", row.satker_code)));
    }
    if (measure != nullptr) {
      const int c = rules->CategoryIndex(*measure, row.published);
      if (c >= 0) row.category = measure->categories(c).label();
    }
    ASSIGN_OR_RETURN(row.findings, DifferenceFindings(kind, row.satker_code, row.record, rule.tolerance));
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace lkip::keuangan
