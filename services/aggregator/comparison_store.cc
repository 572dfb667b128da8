#include "services/aggregator/comparison_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/numeric/decimal.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {
namespace {

std::string Prefix(int year, std::string_view province) {
  return KeyBuilder(kTagComparison).AddInt32(year).AddString(province).Build();
}

// An optional exact decimal: empty stays empty; anything else must parse.
absl::StatusOr<std::string> OptionalValue(const std::string& path, const common::v1::Decimal& d) {
  if (d.value().empty()) return std::string();
  auto v = Decimal::Parse(d.value());
  if (!v.ok())
    return absl::InvalidArgumentError(absl::StrCat(path, ": \"", d.value(), "\" is not a decimal"));
  return v->ToExactString();
}

absl::Status CheckText(const std::string& path, const std::string& text, bool required) {
  if (text.empty() && !required) return absl::OkStatus();
  if (!IsPrintableText(text, 300)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", required ? "is required, " : "", "1..300 printable characters"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<aggregator::v1::PutComparisonsResponse> ComparisonStore::Put(
    const WriteContext& context, const aggregator::v1::PutComparisonsRequest& request) {
  if (request.comparisons().empty()) return absl::InvalidArgumentError("comparisons: is empty");
  ASSIGN_OR_RETURN(auto pk_codes,
                   pk_->IndicatorCodes(request.fiscal_year(), request.province_code(), "comparisons"));
  const std::set<std::string> codes(pk_codes.begin(), pk_codes.end());
  std::set<std::string> seen;
  std::vector<std::string> keys;
  std::vector<storage::v1::ComparisonRecord> records;
  for (int i = 0; i < request.comparisons_size(); ++i) {
    const auto& c = request.comparisons(i);
    const std::string path = absl::StrCat("comparisons[", i, "]");
    if (codes.count(c.code()) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".code: \"", c.code(), "\" is not an IKK of the Perjanjian Kinerja"));
    }
    if (!seen.insert(c.code()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".code: \"", c.code(), "\" appears twice"));
    }
    storage::v1::ComparisonRecord r;
    ASSIGN_OR_RETURN(*r.mutable_previous_value(),
                     OptionalValue(path + ".previous_value", c.previous_value()));
    ASSIGN_OR_RETURN(*r.mutable_national_value(),
                     OptionalValue(path + ".national_value", c.national_value()));
    ASSIGN_OR_RETURN(*r.mutable_province_value(),
                     OptionalValue(path + ".province_value", c.province_value()));
    if (r.previous_value().empty() && r.national_value().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": needs previous_value or national_value"));
    }
    RETURN_IF_ERROR(CheckText(path + ".previous_source", c.previous_source(), !r.previous_value().empty()));
    RETURN_IF_ERROR(CheckText(path + ".national_source", c.national_source(), !r.national_value().empty()));
    RETURN_IF_ERROR(CheckText(path + ".national_label", c.national_label(), !r.national_value().empty()));
    r.set_previous_source(c.previous_source());
    r.set_national_label(c.national_label());
    r.set_national_source(c.national_source());
    keys.push_back(KeyBuilder(kTagComparison)
                       .AddInt32(request.fiscal_year())
                       .AddString(request.province_code())
                       .AddString(c.code())
                       .Build());
    records.push_back(std::move(r));
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  aggregator::v1::PutComparisonsResponse response;
  Mutation mutation;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string value = records[i].SerializeAsString();
    if (previous[i].has_value() && *previous[i] == value) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    mutation.PutKnownPrevious(keys[i], std::move(value), std::move(previous[i]));
    response.set_written(response.written() + 1);
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return response;
}

absl::StatusOr<aggregator::v1::GetComparisonsResponse> ComparisonStore::Get(int fiscal_year,
                                                                            std::string_view province) const {
  const std::string prefix = Prefix(fiscal_year, province);
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, 1000));
  aggregator::v1::GetComparisonsResponse out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string code, reader.ReadString());
    storage::v1::ComparisonRecord r;
    if (!r.ParseFromString(kv.value)) return absl::DataLossError("corrupt comparison record");
    auto* c = out.add_comparisons();
    c->set_code(code);
    if (!r.previous_value().empty()) c->mutable_previous_value()->set_value(r.previous_value());
    c->set_previous_source(r.previous_source());
    c->set_national_label(r.national_label());
    if (!r.national_value().empty()) c->mutable_national_value()->set_value(r.national_value());
    if (!r.province_value().empty()) c->mutable_province_value()->set_value(r.province_value());
    c->set_national_source(r.national_source());
  }
  return out;
}

}  // namespace lkip::aggregator
