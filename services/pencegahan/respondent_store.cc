#include "services/pencegahan/respondent_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/status.h"
#include "common/storage/key_codec.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::pencegahan {

absl::Status RespondentStore::Apply(int fiscal_year, const UnitTree& units,
                                    const std::map<std::pair<std::string, std::string>, RespondentDelta>& deltas,
                                    const std::string& source_document, const std::string& actor,
                                    Mutation* mutation, indicator::v1::ImportResult* result) {
  ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(fiscal_year));
  std::set<std::string> updated;
  for (const auto& [measure_satker, delta] : deltas) {
    const auto& [measure, satker] = measure_satker;
    const std::string province = units.ProvinceOf(satker);
    const std::string key =
        KeyBuilder(kTagRespondentSum).AddInt32(fiscal_year).AddString(measure).AddString(province).AddString(satker).Build();
    ASSIGN_OR_RETURN(auto stored, store_->Find(key));
    storage::v1::RespondentSumRecord sum;
    if (stored.has_value() && !sum.ParseFromString(*stored)) return absl::DataLossError("corrupt respondent sum");
    Decimal total = delta.sum;
    if (!sum.sum().empty()) total = total + *Decimal::Parse(sum.sum());
    sum.set_sum(total.ToExactString());
    sum.set_respondents(sum.respondents() + delta.respondents);
    mutation->PutKnownPrevious(key, sum.SerializeAsString(), std::move(stored));
    const Decimal mean = total / Decimal(sum.respondents());
    PutComputedValue(*store_, fiscal_year, measure, province, satker, mean,
                     absl::StrCat(sum.respondents(), " responden; impor terakhir: ", source_document), actor,
                     absl::StrCat("rules ", rules->version(), " ", measure,
                                  ": rata-rata skor responden per satker [default]"),
                     mutation);
    updated.insert(satker);
  }
  for (const auto& s : updated) result->add_satker_updated(s);
  return absl::OkStatus();
}

}  // namespace lkip::pencegahan
