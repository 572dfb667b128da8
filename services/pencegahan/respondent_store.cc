#include "services/pencegahan/respondent_store.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::pencegahan {

absl::Status RespondentStore::Apply(
    int fiscal_year, const UnitTree& units,
    const std::map<std::pair<std::string, std::string>, RespondentDelta>& deltas,
    const std::string& provenance, const std::string& actor, Mutation* mutation,
    std::vector<std::string>* satker_updated) {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  std::set<std::string> updated;
  for (const auto& [measure_satker, delta] : deltas) {
    const auto& [measure, satker] = measure_satker;
    const std::string province = units.ProvinceOf(satker);
    const std::string key = KeyBuilder(kTagRespondentSum)
                                .AddInt32(fiscal_year)
                                .AddString(measure)
                                .AddString(province)
                                .AddString(satker)
                                .Build();
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    storage::v1::RespondentSumRecord sum;
    if (stored.has_value() && !sum.ParseFromString(*stored))
      return absl::DataLossError("corrupt respondent sum");
    Decimal total = delta.sum;
    if (!sum.sum().empty()) {
      ASSIGN_OR_RETURN(Decimal stored_sum, Decimal::ParseStored(sum.sum(), "respondent sum"));
      total = total + stored_sum;
    }
    sum.set_sum(total.ToExactString());
    sum.set_respondents(sum.respondents() + delta.respondents);
    if (!delta.dimension_sums.empty()) {
      std::vector<Decimal> dims = delta.dimension_sums;
      for (int i = 0; i < sum.dimension_sums_size() && i < static_cast<int>(dims.size()); ++i) {
        ASSIGN_OR_RETURN(Decimal stored_dim,
                         Decimal::ParseStored(sum.dimension_sums(i), "respondent dimension sum"));
        dims[i] = dims[i] + stored_dim;
      }
      sum.clear_dimension_sums();
      for (const auto& d : dims) sum.add_dimension_sums(d.ToExactString());
      sum.set_dimension_respondents(sum.dimension_respondents() + delta.dimension_respondents);
    }
    if (sum.respondents() < 0 || sum.dimension_respondents() < 0) {
      return absl::DataLossError(absl::StrCat("the ", measure, " respondent sums of ", satker, " in ",
                                              fiscal_year, " hold fewer respondents than are taken away"));
    }
    updated.insert(satker);
    if (sum.respondents() == 0) {  // a withdrawal took the last respondents
      mutation->Delete(key);
      DeleteComputedValue(fiscal_year, measure, province, satker, mutation);
      continue;
    }
    if (sum.dimension_respondents() == 0) sum.clear_dimension_sums();
    mutation->PutKnownPrevious(key, sum.SerializeAsString(), std::move(stored));
    const Decimal mean = total / Decimal(sum.respondents());
    PutComputedValue(*store_, fiscal_year, measure, province, satker, mean,
                     absl::StrCat(sum.respondents(), " responden; ", provenance), actor,
                     absl::StrCat("rules ", rules->version(), " ", measure,
                                  ": rata-rata skor responden per satker [default]"),
                     mutation);
  }
  for (const auto& s : updated) satker_updated->push_back(s);
  return absl::OkStatus();
}

absl::StatusOr<RespondentIndex> RespondentStore::Get(const UnitTree& units, int fiscal_year,
                                                     const std::string& measure,
                                                     const std::string& satker_code) const {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  const auto& allowed = rules->rules().instruments().respondent_mean_measures();
  if (std::find(allowed.begin(), allowed.end(), measure) == allowed.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "measure: \"", measure, "\" is not a respondent-mean measure of rule set ", rules->version()));
  }
  if (units.Find(satker_code) == nullptr) {
    return absl::NotFoundError(absl::StrCat("satker_code: \"", satker_code, "\" is not in the unit tree"));
  }
  const std::string key = KeyBuilder(kTagRespondentSum)
                              .AddInt32(fiscal_year)
                              .AddString(measure)
                              .AddString(units.ProvinceOf(satker_code))
                              .AddString(satker_code)
                              .Build();
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  if (!stored.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no ", measure, " respondent for ", satker_code, " in ", fiscal_year));
  }
  storage::v1::RespondentSumRecord sum;
  if (!sum.ParseFromString(*stored)) {
    return absl::DataLossError(absl::StrCat("respondent sum of ", satker_code, " for ", measure, " in ",
                                            fiscal_year, " does not parse"));
  }
  if (sum.respondents() == 0) {
    return absl::NotFoundError(
        absl::StrCat("no ", measure, " respondent for ", satker_code, " in ", fiscal_year));
  }
  RespondentIndex out;
  out.respondents = sum.respondents();
  ASSIGN_OR_RETURN(Decimal total, Decimal::ParseStored(sum.sum(), "respondent sum"));
  out.index = total / Decimal(sum.respondents());
  out.dimension_respondents = sum.dimension_respondents();
  const rules::v1::RespondentDimensions* dims = nullptr;
  for (const auto& d : rules->rules().instruments().respondent_dimensions()) {
    if (d.measure() == measure) dims = &d;
  }
  for (int i = 0; i < sum.dimension_sums_size() && sum.dimension_respondents() > 0; ++i) {
    ASSIGN_OR_RETURN(Decimal dim, Decimal::ParseStored(sum.dimension_sums(i), "respondent dimension sum"));
    out.dimensions.emplace_back(
        dims != nullptr && i < dims->names_size() ? dims->names(i) : absl::StrCat("dimensi ", i + 1),
        dim / Decimal(sum.dimension_respondents()));
  }
  return out;
}

}  // namespace lkip::pencegahan
