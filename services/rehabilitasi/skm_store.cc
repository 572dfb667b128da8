#include "services/rehabilitasi/skm_store.h"

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"

namespace lkip::rehabilitasi {
namespace {

std::string AggregateKey(int year, const std::string& province, const std::string& satker) {
  return KeyBuilder(kTagSkmAggregate).AddInt32(year).AddString(province).AddString(satker).Build();
}

absl::StatusOr<SkmResult> FromAggregate(const storage::v1::SkmAggregateRecord& agg, SkmWeight weight) {
  std::vector<SkmQuestionnaire> none;
  std::array<Decimal, kSkmElements> nrr;
  for (int i = 0; i < kSkmElements; ++i) {
    if (agg.answered(i) == 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("element ", i, " (", SkmElementNames()[i], ") has no answer yet"));
    }
    nrr[i] = Decimal(agg.sums(i)) / Decimal(agg.answered(i));
  }
  SkmResult r = SkmFromNrr(nrr, weight);
  r.questionnaires = static_cast<int>(agg.questionnaires());
  for (int i = 0; i < kSkmElements; ++i) r.answered[i] = static_cast<int>(agg.answered(i));
  return r;
}

}  // namespace

void SkmDelta::Add(const SkmQuestionnaire& q) {
  for (int i = 0; i < kSkmElements; ++i) {
    if (!q.answers[i]) continue;
    sums[i] += *q.answers[i];
    ++answered[i];
  }
  ++questionnaires;
}

void SkmDelta::Remove(const SkmQuestionnaire& q) {
  for (int i = 0; i < kSkmElements; ++i) {
    if (!q.answers[i]) continue;
    sums[i] -= *q.answers[i];
    --answered[i];
  }
  --questionnaires;
}

SkmWeight SkmWeightOf(const YearRules& rules) {
  return rules.rules().instruments().skm_weight() == "0.11" ? SkmWeight::kRounded011 : SkmWeight::kExactNinth;
}

absl::Status SkmStore::Apply(int fiscal_year, const UnitTree& units,
                             const std::map<std::string, SkmDelta>& deltas, const std::string& provenance,
                             const std::string& actor, Mutation* mutation,
                             std::vector<std::string>* satker_updated) {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  const std::string& measure = rules->rules().instruments().skm_measure();
  for (const auto& [satker, delta] : deltas) {
    const std::string province = units.ProvinceOf(satker);
    const std::string key = AggregateKey(fiscal_year, province, satker);
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    storage::v1::SkmAggregateRecord agg;
    if (stored.has_value() && !agg.ParseFromString(*stored))
      return absl::DataLossError("corrupt SKM aggregate");
    agg.mutable_sums()->Resize(kSkmElements, 0);
    agg.mutable_answered()->Resize(kSkmElements, 0);
    bool negative = false;
    for (int i = 0; i < kSkmElements; ++i) {
      agg.set_sums(i, agg.sums(i) + delta.sums[i]);
      agg.set_answered(i, agg.answered(i) + delta.answered[i]);
      negative |= agg.sums(i) < 0 || agg.answered(i) < 0;
    }
    agg.set_questionnaires(agg.questionnaires() + delta.questionnaires);
    if (negative || agg.questionnaires() < 0) {
      return absl::DataLossError(
          absl::StrCat("the SKM sums of ", satker, " in ", fiscal_year,
                       " hold less than is taken away: they were changed outside imports"));
    }
    satker_updated->push_back(satker);
    if (agg.questionnaires() == 0) {
      mutation->Delete(key);
      if (!measure.empty()) DeleteComputedValue(fiscal_year, measure, province, satker, mutation);
      continue;
    }
    mutation->PutKnownPrevious(key, agg.SerializeAsString(), std::move(stored));
    if (measure.empty()) continue;
    auto skm = FromAggregate(agg, SkmWeightOf(*rules));
    if (!skm.ok()) {  // an element without answers: no index yet, or (a withdrawal) no more
      if (delta.questionnaires < 0) DeleteComputedValue(fiscal_year, measure, province, satker, mutation);
      continue;
    }
    PutComputedValue(*store_, fiscal_year, measure, province, satker, skm->index,
                     absl::StrCat(agg.questionnaires(), " kuesioner SKM; ", provenance), actor,
                     absl::StrCat("rules ", rules->version(), " SKM PermenPANRB 14/2017, bobot ",
                                  SkmWeightOf(*rules) == SkmWeight::kExactNinth ? "1/9" : "0,11"),
                     mutation);
  }
  return absl::OkStatus();
}

absl::StatusOr<SkmResult> SkmStore::Get(int fiscal_year, const UnitTree& units,
                                        const std::string& satker) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  if (units.Find(satker) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker, "\" is not in the unit tree"));
  }
  ASSIGN_OR_RETURN(auto stored, store_->Find(AggregateKey(fiscal_year, units.ProvinceOf(satker), satker)));
  if (!stored.has_value()) {
    return absl::NotFoundError(absl::StrCat("no SKM questionnaire for ", satker, " in ", fiscal_year));
  }
  storage::v1::SkmAggregateRecord agg;
  if (!agg.ParseFromString(*stored)) return absl::DataLossError("corrupt SKM aggregate");
  return FromAggregate(agg, SkmWeightOf(*rules));
}

}  // namespace lkip::rehabilitasi
