#include "services/aggregator/pk_record.h"

#include <google/protobuf/util/time_util.h>

#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/capaian/capaian.h"
#include "common/numeric/decimal.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"
#include "common/validation/money.h"

namespace lkip::aggregator {

namespace {

// The PK's kegiatan budgets: kegiatan of the year's budget rules, each once, whole rupiah within
// a request's bound; each line's name is set from the rule set.
absl::Status ValidatePkKegiatan(const YearRules& rules, aggregator::v1::PerjanjianKinerja* pk,
                                const std::set<std::string>& ikk_codes, const std::string& p) {
  const auto& budget = rules.rules().instruments().budget();
  std::set<std::pair<std::string, std::string>> seen;
  int64_t total = 0;
  for (int i = 0; i < pk->kegiatan_size(); ++i) {
    auto* k = pk->mutable_kegiatan(i);
    const std::string kp = absl::StrCat(p, ".kegiatan[", i, "]");
    ASSIGN_OR_RETURN(
        const rules::v1::BudgetKegiatan* known,
        FindBudgetKegiatan(budget, pk->fiscal_year(), kp, k->program_code(), k->kegiatan_code()));
    if (!seen.insert({k->program_code(), k->kegiatan_code()}).second) {
      return InvalidField(kp, absl::StrCat(k->program_code(), "/", k->kegiatan_code(), " appears twice"));
    }
    const int64_t amount = k->anggaran().amount();
    if (amount < 0 || amount > kMaxRequestRupiah) {
      return InvalidField(kp + ".anggaran",
                          absl::StrCat(amount, " is outside 0..", kMaxRequestRupiah, " rupiah"));
    }
    total += amount;  // each within the bound, at most a few hundred lines: no overflow
    if (total > kMaxRequestRupiah) {
      return InvalidField(p + ".kegiatan",
                          absl::StrCat("the budgets add up to more than ", kMaxRequestRupiah, " rupiah"));
    }
    k->set_name(known->name());
    std::set<std::string> served;
    for (int c = 0; c < k->ikk_codes_size(); ++c) {
      const std::string& code = k->ikk_codes(c);
      const std::string cp = absl::StrCat(kp, ".ikk_codes[", c, "]");
      if (!ikk_codes.contains(code)) {
        return InvalidField(cp,
                            absl::StrCat("\"", code, "\" is not an indicator of this Perjanjian Kinerja"));
      }
      if (!served.insert(code).second) return InvalidField(cp, absl::StrCat("\"", code, "\" appears twice"));
    }
  }
  return absl::OkStatus();
}

// An IKK's Renstra target: a period "YYYY-YYYY" that holds the PK's year, a decimal not negative.
absl::Status ValidateRenstra(int year, const aggregator::v1::PkIndicator& ind, const std::string& ip) {
  if (!ind.has_renstra()) return absl::OkStatus();
  const std::string rp = ip + ".renstra";
  const std::string& period = ind.renstra().period();
  int first = 0, last = 0;
  const bool shaped = period.size() == 9 && period[4] == '-' &&
                      absl::SimpleAtoi(period.substr(0, 4), &first) &&
                      absl::SimpleAtoi(period.substr(5), &last);
  if (!shaped || first > year || year > last) {
    return InvalidField(rp + ".period",
                        absl::StrCat("\"", period, "\" is not a period YYYY-YYYY that holds ", year));
  }
  auto target = Decimal::Parse(ind.renstra().target().value());
  if (!target.ok() || target->Sign() < 0) {
    return InvalidField(rp + ".target", absl::StrCat("\"", ind.renstra().target().value(),
                                                     "\" is not a decimal of at least 0"));
  }
  return absl::OkStatus();
}

// An IKK's satker targets: units of the PK's province, each once, a decimal not negative.
absl::Status ValidateSatkerTargets(const UnitTree& units, const std::string& province,
                                   const aggregator::v1::PkIndicator& ind, const std::string& ip) {
  std::set<std::string> seen;
  for (int k = 0; k < ind.satker_targets_size(); ++k) {
    const auto& t = ind.satker_targets(k);
    const std::string tp = absl::StrCat(ip, ".satker_targets[", k, "]");
    if (units.Find(t.satker_code()) == nullptr || units.ProvinceOf(t.satker_code()) != province) {
      return InvalidField(tp + ".satker_code",
                          absl::StrCat("\"", t.satker_code(), "\" is not a unit of ", province));
    }
    if (!seen.insert(t.satker_code()).second) {
      return InvalidField(tp + ".satker_code", absl::StrCat("\"", t.satker_code(), "\" appears twice"));
    }
    auto target = Decimal::Parse(t.target().value());
    if (!target.ok() || target->Sign() < 0) {
      return InvalidField(tp + ".target",
                          absl::StrCat("\"", t.target().value(), "\" is not a decimal of at least 0"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidatePerjanjianKinerja(const YearRules& rules, const UnitTree& units,
                                       aggregator::v1::PerjanjianKinerja* pk, std::string_view path) {
  const std::string p(path);
  const auto* province = units.Find(pk->province_code());
  if (province == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(p, ".province_code: \"", pk->province_code(), "\" is not in the unit tree"));
  }
  if (province->level() != common::v1::UNIT_LEVEL_PROVINSI) {
    return InvalidField(p + ".province_code", absl::StrCat("\"", pk->province_code(), "\" is not a BNNP"));
  }
  if (pk->sasaran_size() == 0) return InvalidField(p + ".sasaran", "is empty");
  std::set<int> numbers;
  std::set<std::string> codes;
  for (int i = 0; i < pk->sasaran_size(); ++i) {
    auto* s = pk->mutable_sasaran(i);
    const std::string sp = absl::StrCat(p, ".sasaran[", i, "]");
    if (s->number() <= 0 || !numbers.insert(s->number()).second) {
      return InvalidField(sp + ".number", absl::StrCat(s->number(), " is not a new positive number"));
    }
    if (!IsPrintableText(s->text(), kMaxSasaranText)) {
      return InvalidField(sp + ".text", absl::StrCat("must be 1..", kMaxSasaranText,
                                                     " characters without control characters (",
                                                     s->text().size(), " given)"));
    }
    if (s->indicators_size() == 0) return InvalidField(sp + ".indicators", "is empty");
    for (int j = 0; j < s->indicators_size(); ++j) {
      auto* ind = s->mutable_indicators(j);
      const std::string ip = absl::StrCat(sp, ".indicators[", j, "]");
      const auto* rule = rules.FindIndicator(ind->code());
      if (rule == nullptr) {
        return InvalidField(
            ip + ".code",
            absl::StrCat("\"", ind->code(), "\" is not an indicator of rule set ", rules.version()));
      }
      if (!codes.insert(ind->code()).second) {
        return InvalidField(ip + ".code", absl::StrCat("\"", ind->code(), "\" appears twice"));
      }
      if (!IsPrintableText(ind->name(), kMaxIndicatorName)) {
        return InvalidField(ip + ".name", absl::StrCat("must be 1..", kMaxIndicatorName,
                                                       " characters without control characters (",
                                                       ind->name().size(), " given)"));
      }
      const std::string& owner = rules.FindMeasure(rule->measure())->service();
      if (ind->service().empty()) ind->set_service(owner);
      if (ind->service() != owner) {
        return InvalidField(ip + ".service", absl::StrCat("\"", ind->service(), "\" does not serve ",
                                                          ind->code(), "; ", owner, " does"));
      }
      auto target = TargetFromProto(ind->target());
      if (!target.ok()) return InvalidField(ip + ".target", std::string(target.status().message()));
      if (target->value && target->value->Sign() < 0) {
        return InvalidField(ip + ".target", absl::StrCat(ind->target().value().value(), " is negative"));
      }
      if (target->low && target->low->Sign() < 0) {
        return InvalidField(ip + ".target.range.low",
                            absl::StrCat(ind->target().range().low().value(), " is negative"));
      }
      RETURN_IF_ERROR(ValidateSatkerTargets(units, pk->province_code(), *ind, ip));
      RETURN_IF_ERROR(ValidateRenstra(pk->fiscal_year(), *ind, ip));
    }
  }
  return ValidatePkKegiatan(rules, pk, codes, p);
}

absl::StatusOr<storage::v1::PerjanjianKinerjaRecord> CheckPerjanjianKinerja(
    const RuleBook& book, const UnitTree& units, aggregator::v1::PerjanjianKinerja pk) {
  if (pk.fiscal_year() < 2000 || pk.fiscal_year() > 2100) {
    return absl::InvalidArgumentError(
        absl::StrCat("perjanjian_kinerja.fiscal_year: ", pk.fiscal_year(), " is outside 2000..2100"));
  }
  ASSIGN_OR_RETURN(const YearRules* rules, book.ForYear(pk.fiscal_year()));
  RETURN_IF_ERROR(ValidatePerjanjianKinerja(*rules, units, &pk, "perjanjian_kinerja"));
  return PkRecord(pk);
}

absl::StatusOr<storage::v1::PerjanjianKinerjaRecord> PkRecord(const aggregator::v1::PerjanjianKinerja& pk) {
  storage::v1::PerjanjianKinerjaRecord record;
  record.set_source_document(pk.source_document());
  for (const auto& s : pk.sasaran()) {
    auto* rs = record.add_sasaran();
    rs->set_number(s.number());
    rs->set_text(s.text());
    for (const auto& ind : s.indicators()) {
      auto* ri = rs->add_indicators();
      ri->set_code(ind.code());
      ri->set_name(ind.name());
      ri->set_unit(ind.unit());
      ri->set_service(ind.service());
      ASSIGN_OR_RETURN(const TargetSpec target, TargetFromProto(ind.target()));
      if (target.value) {
        ri->set_target_value(target.value->ToExactString());
      } else {
        ri->set_target_low(target.low->ToExactString());
        ri->set_target_high(target.high->ToExactString());
      }
      for (const auto& t : ind.satker_targets()) {
        auto* rt = ri->add_satker_targets();
        rt->set_satker_code(t.satker_code());
        ASSIGN_OR_RETURN(const Decimal exact, Decimal::Parse(t.target().value()));
        rt->set_target(exact.ToExactString());
      }
      if (ind.has_renstra()) {
        ri->set_renstra_period(ind.renstra().period());
        ASSIGN_OR_RETURN(const Decimal exact, Decimal::Parse(ind.renstra().target().value()));
        ri->set_renstra_target(exact.ToExactString());
      }
    }
  }
  for (const auto& k : pk.kegiatan()) {
    auto* rk = record.add_kegiatan();
    rk->set_program_code(k.program_code());
    rk->set_kegiatan_code(k.kegiatan_code());
    rk->set_name(k.name());
    rk->set_anggaran(k.anggaran().amount());
    *rk->mutable_ikk_codes() = k.ikk_codes();
  }
  return record;
}

aggregator::v1::PerjanjianKinerja PkMessage(int year, std::string_view province,
                                            const storage::v1::PerjanjianKinerjaRecord& record) {
  aggregator::v1::PerjanjianKinerja pk;
  pk.set_fiscal_year(year);
  pk.set_province_code(std::string(province));
  pk.set_source_document(record.source_document());
  for (const auto& rs : record.sasaran()) {
    auto* s = pk.add_sasaran();
    s->set_number(rs.number());
    s->set_text(rs.text());
    for (const auto& ri : rs.indicators()) {
      auto* ind = s->add_indicators();
      ind->set_code(ri.code());
      ind->set_name(ri.name());
      ind->set_unit(ri.unit());
      ind->set_service(ri.service());
      if (!ri.target_value().empty()) {
        ind->mutable_target()->mutable_value()->set_value(ri.target_value());
      } else {
        ind->mutable_target()->mutable_range()->mutable_low()->set_value(ri.target_low());
        ind->mutable_target()->mutable_range()->mutable_high()->set_value(ri.target_high());
      }
      for (const auto& rt : ri.satker_targets()) {
        auto* t = ind->add_satker_targets();
        t->set_satker_code(rt.satker_code());
        t->mutable_target()->set_value(rt.target());
      }
      if (!ri.renstra_period().empty()) {
        ind->mutable_renstra()->set_period(ri.renstra_period());
        ind->mutable_renstra()->mutable_target()->set_value(ri.renstra_target());
      }
    }
  }
  for (const auto& rk : record.kegiatan()) {
    auto* k = pk.add_kegiatan();
    k->set_program_code(rk.program_code());
    k->set_kegiatan_code(rk.kegiatan_code());
    k->set_name(rk.name());
    k->mutable_anggaran()->set_amount(rk.anggaran());
    *k->mutable_ikk_codes() = rk.ikk_codes();
  }
  auto* prov = pk.mutable_provenance();
  prov->set_kind(record.source_document().empty() ? common::v1::PROVENANCE_KIND_RECORDED
                                                  : common::v1::PROVENANCE_KIND_IMPORTED);
  prov->set_source_document(record.source_document());
  prov->set_actor(record.actor());
  *prov->mutable_recorded_at() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(record.recorded_unix_micros());
  return pk;
}

}  // namespace lkip::aggregator
