#include "services/zonaintegritas/lke_store.h"

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/zonaintegritas/lke_input.h"

namespace lkip::zonaintegritas {
namespace {

std::string Key(uint8_t tag, int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(tag).AddInt32(year).AddString(province).AddString(satker).Build();
}

// The three components as the satker value's parts, for the report's rincian table.
std::vector<ValueDetail> ZiDetails(const Decimal& pemenuhan, const Decimal& reform, const Decimal& hasil) {
  return {{"pemenuhan", "Pemenuhan", pemenuhan}, {"reform", "Reform", reform}, {"hasil", "Hasil", hasil}};
}

}  // namespace

absl::Status LkeStore::Record(const WriteContext& context, const YearRules& year_rules,
                              const LkeAssessmentInput& in) {
  ASSIGN_OR_RETURN(const auto* rules, ZiRulesFor(year_rules));
  const storage::v1::LkeAssessmentRecord& record = in.record;
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", in.satker_code));
  const std::string province = units.ProvinceOf(in.satker_code);
  const std::string key = Key(kTagLke, in.fiscal_year, province, in.satker_code);
  ASSIGN_OR_RETURN(const LkeTotals totals, LkeTotal(*rules, record));
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  const std::string serialized = SerializeDeterministic(record);
  if (stored.has_value() && *stored == serialized) return absl::OkStatus();
  Mutation mutation;
  mutation.PutKnownPrevious(key, serialized, std::move(stored));
  PutComputedValue(
      *store_, in.fiscal_year, rules->measure(), province, in.satker_code, totals.total,
      absl::StrCat("LKE ", record.assessor(), " ", record.date(),
                   record.source_document().empty() ? "" : absl::StrCat(" (", record.source_document(), ")")),
      context.actor,
      absl::StrCat("rules ", year_rules.version(), " ", rules->measure(), ": Pemenuhan + Reform + Hasil (",
                   rules->regulation(), ")"),
      &mutation, {}, ZiDetails(totals.pemenuhan, totals.reform, totals.hasil));
  return store_->Commit(context, std::move(mutation));
}

absl::StatusOr<storage::v1::LkeAssessmentRecord> LkeStore::Get(int fiscal_year,
                                                               const std::string& satker_code) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", satker_code));
  ASSIGN_OR_RETURN(auto stored,
                   store_->Find(Key(kTagLke, fiscal_year, units.ProvinceOf(satker_code), satker_code)));
  storage::v1::LkeAssessmentRecord record;
  if (!stored.has_value()) {
    return absl::NotFoundError(absl::StrCat("no LKE assessment of ", satker_code, " for ", fiscal_year));
  }
  if (!record.ParseFromString(*stored)) return absl::DataLossError("corrupt LKE record");
  return record;
}

absl::StatusOr<TpiImportOutcome> LkeStore::ImportTpi(const WriteContext& context, const YearRules& year_rules,
                                                     const TpiImport& in) {
  ASSIGN_OR_RETURN(const auto* rules, ZiRulesFor(year_rules));
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::vector<std::string> keys;
  for (size_t i = 0; i < in.rows.size(); ++i) {
    const std::string& satker = in.rows[i].satker_code;
    RETURN_IF_ERROR(CheckSatkerCode(units, absl::StrCat("rows[", i, "].satker_code"), satker));
    keys.push_back(Key(kTagTpi, in.fiscal_year, units.ProvinceOf(satker), satker));
  }
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  TpiImportOutcome out;
  Mutation mutation;
  const int64_t now = store_->options().now_micros();
  for (size_t i = 0; i < in.rows.size(); ++i) {
    const TpiImport::Row& row = in.rows[i];
    const std::string serialized = SerializeDeterministic(row.record);
    if (previous[i].has_value() && *previous[i] == serialized) {
      ++out.unchanged;
      continue;
    }
    ++out.written;
    mutation.PutKnownPrevious(keys[i], serialized, std::move(previous[i]));
    storage::v1::SatkerValueRecord value;
    value.set_value(row.total.ToExactString());
    value.set_source_document(absl::StrCat("TPI: ", in.source_document, " (Pemenuhan ",
                                           row.record.pemenuhan(), " + Reform ", row.record.reform(),
                                           " + Hasil ", row.record.hasil(), ")"));
    value.set_actor(context.actor);
    value.set_recorded_unix_micros(now);
    ASSIGN_OR_RETURN(const Decimal pemenuhan, Decimal::ParseStored(row.record.pemenuhan(), "TPI pemenuhan"));
    ASSIGN_OR_RETURN(const Decimal reform, Decimal::ParseStored(row.record.reform(), "TPI reform"));
    ASSIGN_OR_RETURN(const Decimal hasil, Decimal::ParseStored(row.record.hasil(), "TPI hasil"));
    AddDetails(ZiDetails(pemenuhan, reform, hasil), &value);
    mutation.Put(
        SatkerValueKey(in.fiscal_year, rules->measure(), units.ProvinceOf(row.satker_code), row.satker_code),
        value.SerializeAsString());
  }
  if (!mutation.empty()) {
    WriteContext ctx = context;
    ctx.summary =
        absl::StrCat("TPI ", in.fiscal_year, " written=", out.written, " unchanged=", out.unchanged);
    RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  }
  return out;
}

}  // namespace lkip::zonaintegritas
