#include "services/aggregator/comparison_store.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {
namespace {

std::string Prefix(int year, std::string_view province) {
  return KeyBuilder(kTagComparison).AddInt32(year).AddString(province).Build();
}

}  // namespace

absl::StatusOr<ComparisonWriteOutcome> ComparisonStore::Put(const WriteContext& context, int fiscal_year,
                                                            const std::string& province,
                                                            const std::vector<ComparisonInput>& comparisons) {
  ASSIGN_OR_RETURN(auto pk_codes, pk_->IndicatorCodes(fiscal_year, province, "comparisons"));
  const std::set<std::string> codes(pk_codes.begin(), pk_codes.end());
  std::vector<std::string> keys;
  for (size_t i = 0; i < comparisons.size(); ++i) {
    const std::string& code = comparisons[i].code;
    if (codes.count(code) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("comparisons[", i, "].code: \"", code, "\" is not an IKK of the Perjanjian Kinerja"));
    }
    keys.push_back(
        KeyBuilder(kTagComparison).AddInt32(fiscal_year).AddString(province).AddString(code).Build());
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  ComparisonWriteOutcome out;
  Mutation mutation;
  for (size_t i = 0; i < comparisons.size(); ++i) {
    std::string value = comparisons[i].record.SerializeAsString();
    if (previous[i].has_value() && *previous[i] == value) {
      ++out.unchanged;
      continue;
    }
    mutation.PutKnownPrevious(keys[i], std::move(value), std::move(previous[i]));
    ++out.written;
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return out;
}

absl::StatusOr<std::vector<StoredComparison>> ComparisonStore::Get(int fiscal_year,
                                                                   std::string_view province) const {
  const std::string prefix = Prefix(fiscal_year, province);
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, 1000));
  std::vector<StoredComparison> out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    StoredComparison c;
    ASSIGN_OR_RETURN(c.code, reader.ReadString());
    if (!c.record.ParseFromString(kv.value)) return absl::DataLossError("corrupt comparison record");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace lkip::aggregator
