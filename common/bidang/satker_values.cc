#include "common/bidang/satker_values.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/rules/aggregate.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/pagination.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip {
namespace {

constexpr size_t kMaxRowsPerProvince = 100000;
constexpr int kMaxValuesPerRequest = 200000;

absl::Status InvalidField(std::string_view path, std::string_view field, const std::string& problem) {
  return absl::InvalidArgumentError(absl::StrCat(std::string(path), ".", std::string(field), ": ", problem));
}

void SetProvenance(const storage::v1::SatkerValueRecord& record, common::v1::Provenance* p) {
  if (!record.rule_ref().empty()) {
    p->set_kind(common::v1::PROVENANCE_KIND_COMPUTED);
    p->set_rule_ref(record.rule_ref());
  } else {
    p->set_kind(record.source_document().empty() ? common::v1::PROVENANCE_KIND_RECORDED
                                                 : common::v1::PROVENANCE_KIND_IMPORTED);
  }
  p->set_source_document(record.source_document());
  p->set_actor(record.actor());
  *p->mutable_recorded_at() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(record.recorded_unix_micros());
}

// COUNT_UNITS: each unit of the counted level without a value, as a row marked missing with a
// WARNING, so the count shows who it could not count instead of silently counting fewer units.
// Their names, for the rule's explanation.
std::vector<std::string> AddMissingRows(const rules::v1::IndicatorRule& rule,
                                        const rules::v1::Measure& measure,
                                        const std::vector<const common::v1::Unit*>& members,
                                        const std::map<std::string, storage::v1::SatkerValueRecord>& recorded,
                                        int year, indicator::v1::IndicatorValue* value) {
  std::vector<std::string> names;
  if (rule.aggregation().kind() != rules::v1::AGGREGATION_KIND_COUNT_UNITS) return names;
  for (const auto* unit : members) {
    if (unit->level() != rule.aggregation().scope() || recorded.contains(unit->code())) continue;
    auto* row = value->add_satker_rows();
    row->set_satker_code(unit->code());
    row->set_satker_name(unit->name());
    row->set_level(unit->level());
    row->set_missing(true);
    auto* f = row->add_findings();
    f->set_code("NILAI_SATKER_BELUM_ADA");
    f->set_severity(common::v1::SEVERITY_WARNING);
    f->set_message(absl::StrCat(unit->name(), " belum mempunyai nilai ", measure.name(), " tahun ", year,
                                "; satker ini tidak dihitung dalam ", rule.code(), "."));
    names.push_back(unit->name());
  }
  return names;
}

}  // namespace

std::string SatkerValueKey(int fiscal_year, std::string_view measure, std::string_view province,
                           std::string_view satker, uint8_t tag) {
  return KeyBuilder(tag)
      .AddInt32(fiscal_year)
      .AddString(measure)
      .AddString(province)
      .AddString(satker)
      .Build();
}

void AddDetails(const std::vector<ValueDetail>& details, storage::v1::SatkerValueRecord* record) {
  for (const auto& d : details) {
    auto* r = record->add_details();
    r->set_id(d.id);
    r->set_label(d.label);
    r->set_value(d.value.ToExactString());
  }
}

void PutComputedValue(const Store& store, int fiscal_year, const std::string& measure,
                      const std::string& province, const std::string& satker, const Decimal& value,
                      const std::string& source_document, const std::string& actor,
                      const std::string& rule_ref, Mutation* mutation,
                      const std::vector<common::v1::Finding>& findings,
                      const std::vector<ValueDetail>& details) {
  storage::v1::SatkerValueRecord record;
  for (const auto& f : findings) *record.add_findings() = f;
  AddDetails(details, &record);
  record.set_value(value.ToExactString());
  record.set_source_document(source_document);
  record.set_actor(actor);
  record.set_recorded_unix_micros(store.options().now_micros());
  record.set_rule_ref(rule_ref);
  mutation->Put(SatkerValueKey(fiscal_year, measure, province, satker, kTagComputedValue),
                record.SerializeAsString());
}

void DeleteComputedValue(int fiscal_year, const std::string& measure, const std::string& province,
                         const std::string& satker, Mutation* mutation) {
  mutation->Delete(SatkerValueKey(fiscal_year, measure, province, satker, kTagComputedValue));
}

absl::StatusOr<ValidSatkerValue> ValidateSatkerValueInput(const YearRules& rules, std::string_view service,
                                                          const indicator::v1::SatkerValueInput& input,
                                                          const UnitTree& units, std::string_view path) {
  const auto* measure = rules.FindMeasure(input.measure());
  if (measure == nullptr) {
    return InvalidField(
        path, "measure",
        absl::StrCat(Quoted(input.measure()), " is not a measure of rule set ", rules.version()));
  }
  if (!service.empty() && measure->service() != service) {
    return InvalidField(path, "measure",
                        absl::StrCat(Quoted(input.measure()), " belongs to service ", measure->service(),
                                     ", not ", std::string(service)));
  }
  const auto* unit = units.Find(input.satker_code());
  if (unit == nullptr) {
    return absl::NotFoundError(absl::StrCat(std::string(path), ".satker_code: ", Quoted(input.satker_code()),
                                            " is not in the unit tree"));
  }
  if (unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
    return InvalidField(
        path, "satker_code",
        absl::StrCat(Quoted(input.satker_code()), " is BNN RI; values belong to a BNNP or BNNK"));
  }
  auto value = Decimal::Parse(input.value().value());
  if (!value.ok()) return InvalidField(path, "value", std::string(value.status().message()));
  if (measure->kind() == rules::v1::MEASURE_KIND_COUNT) {
    if (value->Sign() < 0) {
      return InvalidField(
          path, "value",
          absl::StrCat(input.value().value(), " is negative; measure ", measure->id(), " is a count"));
    }
    if (!value->IsInteger()) {
      return InvalidField(path, "value",
                          absl::StrCat(input.value().value(), " is not a whole number; measure ",
                                       measure->id(), " is a count"));
    }
  }
  const auto lo = rules.numbers().Optional(measure->scale_min());
  const auto hi = rules.numbers().Optional(measure->scale_max());
  if ((lo && *value < *lo) || (hi && *value > *hi)) {
    return InvalidField(
        path, "value",
        absl::StrCat(input.value().value(), " is outside the scale of measure ", measure->id(), " [",
                     measure->scale_min(), ", ", measure->scale_max(), "]"));
  }
  ValidSatkerValue out{*std::move(value), std::nullopt};
  if (!input.target().value().empty()) {
    auto target = Decimal::Parse(input.target().value());
    if (!target.ok()) return InvalidField(path, "target", std::string(target.status().message()));
    out.target = *std::move(target);
  }
  if (input.source_document().size() > 500) {
    return InvalidField(path, "source_document", "is longer than 500 characters");
  }
  return out;
}

BidangCore::BidangCore(std::string service, Store* store, const RuleBook* rules)
    : service_(std::move(service)), store_(store), rules_(rules) {}

absl::StatusOr<const YearRules*> BidangCore::RulesFor(int fiscal_year) const {
  if (fiscal_year < 2000 || fiscal_year > 2100) {
    return absl::InvalidArgumentError(absl::StrCat("fiscal_year: ", fiscal_year, " is outside 2000..2100"));
  }
  return rules_->ForYear(fiscal_year);
}

absl::StatusOr<indicator::v1::RecordSatkerValuesResponse> BidangCore::RecordSatkerValues(
    const WriteContext& context, const indicator::v1::RecordSatkerValuesRequest& request) {
  ASSIGN_OR_RETURN(const YearRules* rules, RulesFor(request.fiscal_year()));
  if (request.values_size() == 0) return absl::InvalidArgumentError("values: is empty");
  if (request.values_size() > kMaxValuesPerRequest) {
    return absl::InvalidArgumentError(absl::StrCat("values: ", request.values_size(),
                                                   " values exceed the limit of ", kMaxValuesPerRequest,
                                                   " per request"));
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  std::vector<std::string> keys;
  std::vector<ValidSatkerValue> valid;
  keys.reserve(request.values_size());
  valid.reserve(request.values_size());
  std::set<std::string> seen;
  for (int i = 0; i < request.values_size(); ++i) {
    const auto& v = request.values(i);
    const std::string path = absl::StrCat("values[", i, "]");
    ASSIGN_OR_RETURN(ValidSatkerValue checked, ValidateSatkerValueInput(*rules, service_, v, units, path));
    valid.push_back(std::move(checked));
    std::string key = SatkerValueKey(request.fiscal_year(), v.measure(), units.ProvinceOf(v.satker_code()),
                                     v.satker_code());
    if (!seen.insert(key).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": a second value for measure ", v.measure(), " and satker ", v.satker_code()));
    }
    keys.push_back(std::move(key));
  }
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));

  indicator::v1::RecordSatkerValuesResponse response;
  Mutation mutation;
  const int64_t now = store_->options().now_micros();
  for (int i = 0; i < request.values_size(); ++i) {
    const auto& v = request.values(i);
    storage::v1::SatkerValueRecord record;
    record.set_value(valid[i].value.ToExactString());
    if (valid[i].target) record.set_target(valid[i].target->ToExactString());
    record.set_source_document(v.source_document());
    if (previous[i].has_value()) {
      storage::v1::SatkerValueRecord old;
      if (old.ParseFromString(*previous[i]) && old.value() == record.value() &&
          old.target() == record.target() && old.source_document() == record.source_document()) {
        response.set_unchanged(response.unchanged() + 1);
        continue;
      }
    }
    record.set_actor(context.actor);
    record.set_recorded_unix_micros(now);
    mutation.PutKnownPrevious(std::move(keys[i]), record.SerializeAsString(), std::move(previous[i]));
    response.set_written(response.written() + 1);
  }
  WriteContext ctx = context;
  ctx.summary = absl::StrCat("fiscal_year=", request.fiscal_year(), " written=", response.written(),
                             " unchanged=", response.unchanged());
  RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  return response;
}

absl::StatusOr<indicator::v1::ListSatkerValuesResponse> BidangCore::ListSatkerValues(
    const indicator::v1::ListSatkerValuesRequest& request) const {
  ASSIGN_OR_RETURN(const YearRules* rules, RulesFor(request.fiscal_year()));
  std::vector<const rules::v1::Measure*> measures;
  if (request.measure().empty()) {
    measures = rules->MeasuresOf(service_);
  } else {
    const auto* m = rules->FindMeasure(request.measure());
    if (m == nullptr || m->service() != service_) {
      return absl::InvalidArgumentError(
          absl::StrCat("measure: ", Quoted(request.measure()), " is not a measure of service ", service_));
    }
    measures.push_back(m);
  }
  ASSIGN_OR_RETURN(const size_t page_size, PageSize(request.page_size()));
  // One measure: its range; every measure: the year's range, which in this service's store
  // holds only this service's measures (one that the rules no longer name is skipped).
  KeyBuilder prefix_key(kTagSatkerValue);
  prefix_key.AddInt32(request.fiscal_year());
  if (!request.measure().empty()) prefix_key.AddString(request.measure());
  const std::string prefix = prefix_key.Build();
  const std::string year_prefix = KeyBuilder(kTagSatkerValue).AddInt32(request.fiscal_year()).Build();
  ASSIGN_OR_RETURN(Store::Page page, store_->ScanPage(prefix, request.page_token(), page_size));
  indicator::v1::ListSatkerValuesResponse response;
  for (const auto& kv : page.rows) {
    KeyReader reader(std::string_view(kv.key).substr(year_prefix.size()));
    ASSIGN_OR_RETURN(std::string measure, reader.ReadString());
    ASSIGN_OR_RETURN(std::string province, reader.ReadString());
    ASSIGN_OR_RETURN(std::string satker, reader.ReadString());
    if (std::find_if(measures.begin(), measures.end(), [&](const auto* m) { return m->id() == measure; }) ==
        measures.end())
      continue;
    storage::v1::SatkerValueRecord record;
    if (!record.ParseFromString(kv.value)) return absl::DataLossError("corrupt satker value record");
    auto* out = response.add_values();
    out->set_measure(measure);
    out->set_satker_code(satker);
    out->mutable_value()->set_value(record.value());
    if (!record.target().empty()) out->mutable_target()->set_value(record.target());
    SetProvenance(record, out->mutable_provenance());
  }
  response.set_next_page_token(std::move(page.next_page_token));
  return response;
}

absl::StatusOr<indicator::v1::ListIndicatorsResponse> BidangCore::ListIndicators(
    const indicator::v1::ListIndicatorsRequest& request) const {
  ASSIGN_OR_RETURN(const YearRules* rules, RulesFor(request.fiscal_year()));
  indicator::v1::ListIndicatorsResponse response;
  response.set_rule_set_version(rules->version());
  for (const auto* ind : rules->IndicatorsOf(service_)) *response.add_indicators() = *ind;
  for (const auto* m : rules->MeasuresOf(service_)) *response.add_measures() = *m;
  return response;
}

absl::StatusOr<indicator::v1::GetIndicatorValuesResponse> BidangCore::GetIndicatorValues(
    const indicator::v1::GetIndicatorValuesRequest& request) const {
  ASSIGN_OR_RETURN(const YearRules* rules, RulesFor(request.fiscal_year()));
  std::vector<const rules::v1::IndicatorRule*> wanted;
  if (request.codes().empty()) {
    wanted = rules->IndicatorsOf(service_);
  } else {
    for (int i = 0; i < request.codes_size(); ++i) {
      const auto* ind = rules->FindIndicator(request.codes(i));
      if (ind == nullptr || rules->FindMeasure(ind->measure())->service() != service_) {
        return absl::InvalidArgumentError(absl::StrCat("codes[", i, "]: ", Quoted(request.codes(i)),
                                                       " is not an indicator of service ", service_));
      }
      wanted.push_back(ind);
    }
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  ASSIGN_OR_RETURN(auto members, units.ProvinceMembers(request.province_code()));

  indicator::v1::GetIndicatorValuesResponse response;
  response.set_rule_set_version(rules->version());
  // Several indicators can share a measure (NKA: IKK-15 and IKK-16); read each range once.
  std::map<std::pair<uint8_t, std::string>, std::map<std::string, storage::v1::SatkerValueRecord>> ranges;
  auto read_range = [&](uint8_t tag, const std::string& measure)
      -> absl::StatusOr<const std::map<std::string, storage::v1::SatkerValueRecord>*> {
    auto [it, inserted] = ranges.try_emplace({tag, measure});
    if (!inserted) return &it->second;
    const std::string prefix = KeyBuilder(tag)
                                   .AddInt32(request.fiscal_year())
                                   .AddString(measure)
                                   .AddString(request.province_code())
                                   .Build();
    ASSIGN_OR_RETURN(auto stored, store_->Scan(prefix, kMaxRowsPerProvince));
    for (const auto& kv : stored) {
      KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
      ASSIGN_OR_RETURN(std::string satker, reader.ReadString());
      storage::v1::SatkerValueRecord record;
      if (!record.ParseFromString(kv.value)) return absl::DataLossError("corrupt satker value record");
      it->second[satker] = std::move(record);
    }
    return &it->second;
  };

  for (const auto* ind : wanted) {
    const auto* measure = rules->FindMeasure(ind->measure());
    const bool computed = ind->value_source() == rules::v1::VALUE_SOURCE_COMPUTED;
    ASSIGN_OR_RETURN(const auto* primary,
                     read_range(computed ? kTagComputedValue : kTagSatkerValue, ind->measure()));
    ASSIGN_OR_RETURN(const auto* other,
                     read_range(computed ? kTagSatkerValue : kTagComputedValue, ind->measure()));
    // In unit-tree order: the BNNP first, then its BNNK by code.
    std::vector<std::pair<const common::v1::Unit*, const storage::v1::SatkerValueRecord*>> rows;
    for (const auto* unit : members) {
      auto it = primary->find(unit->code());
      if (it != primary->end()) rows.emplace_back(unit, &it->second);
    }
    std::vector<SatkerFigure> figures;
    for (const auto& [unit, record] : rows) {
      ASSIGN_OR_RETURN(
          Decimal value,
          Decimal::ParseStored(record->value(), absl::StrCat(ind->measure(), " value of ", unit->code())));
      figures.push_back(SatkerFigure{unit->code(), unit->level(), std::move(value)});
    }
    const Aggregated agg = Aggregate(*rules, *ind, *measure, request.province_code(), figures);
    auto* value = response.add_values();
    value->set_code(ind->code());
    value->set_fiscal_year(request.fiscal_year());
    value->set_province_code(request.province_code());
    *value->mutable_rule() = *ind;
    value->set_available(agg.available);
    value->set_unavailable_reason(agg.unavailable_reason);
    if (agg.available) value->mutable_realisasi()->set_value(agg.realisasi.ToExactString());
    int64_t latest = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& [unit, record] = rows[i];
      auto* row = value->add_satker_rows();
      row->set_satker_code(unit->code());
      row->set_satker_name(unit->name());
      row->set_level(unit->level());
      row->mutable_value()->set_value(record->value());
      if (!record->target().empty()) row->mutable_target()->set_value(record->target());
      row->set_category(agg.rows[i].category);
      row->set_counted(agg.rows[i].counted);
      SetProvenance(*record, row->mutable_provenance());
      for (const auto& f : record->findings()) *row->add_findings() = f;
      for (const auto& d : record->details()) {
        auto* detail = row->add_details();
        detail->set_id(d.id());
        detail->set_label(d.label());
        detail->mutable_value()->set_value(d.value());
      }
      if (auto alt = other->find(unit->code()); alt != other->end()) {
        row->mutable_alternative()->mutable_value()->set_value(alt->second.value());
        SetProvenance(alt->second, row->mutable_alternative()->mutable_provenance());
        for (const auto& f : alt->second.findings()) *row->add_findings() = f;
      }
      latest = std::max(latest, record->recorded_unix_micros());
    }
    const std::vector<std::string> missing =
        AddMissingRows(*ind, *measure, members, *primary, request.fiscal_year(), value);
    auto* prov = value->mutable_provenance();
    prov->set_kind(common::v1::PROVENANCE_KIND_COMPUTED);
    prov->set_actor(service_);
    prov->set_rule_ref(absl::StrCat(
        "rules ", rules->version(), " ", ind->code(), agg.explanation.empty() ? "" : ": ", agg.explanation,
        missing.empty() ? ""
                        : absl::StrCat("; tanpa nilai, tidak dihitung: ", absl::StrJoin(missing, ", "))));
    if (latest > 0) {
      *prov->mutable_recorded_at() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(latest);
    }
  }
  return response;
}

}  // namespace lkip
