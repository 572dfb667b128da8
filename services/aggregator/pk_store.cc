#include "services/aggregator/pk_store.h"

#include <google/protobuf/util/time_util.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "common/capaian/capaian.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"

namespace lkip::aggregator {
namespace {

std::string PkKey(int year, std::string_view province) {
  return KeyBuilder(kTagPerjanjianKinerja).AddInt32(year).AddString(province).Build();
}

}  // namespace

absl::StatusOr<bool> PkStore::Put(const WriteContext& context, int fiscal_year, const std::string& province,
                                  storage::v1::PerjanjianKinerjaRecord record) {
  WriteSerializer::Turn turn(writes_);
  const std::string key = PkKey(fiscal_year, province);
  ASSIGN_OR_RETURN(auto previous, store_->Find(key));
  if (previous.has_value()) {
    storage::v1::PerjanjianKinerjaRecord old;
    if (old.ParseFromString(*previous)) {
      old.clear_actor();
      old.clear_recorded_unix_micros();
      if (old.SerializeAsString() == record.SerializeAsString()) return false;
    }
  }
  record.set_actor(context.actor);
  record.set_recorded_unix_micros(store_->options().now_micros());
  Mutation mutation;
  mutation.PutKnownPrevious(key, record.SerializeAsString(), std::move(previous));
  WriteContext ctx = context;
  ctx.summary = absl::StrCat("perjanjian kinerja ", province, " ", fiscal_year);
  RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  return true;
}

absl::StatusOr<storage::v1::PerjanjianKinerjaRecord> PkStore::Get(int fiscal_year,
                                                                  std::string_view province) const {
  ASSIGN_OR_RETURN(auto value, store_->Find(PkKey(fiscal_year, province)));
  if (!value.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no perjanjian kinerja for ", std::string(province), " in ", fiscal_year));
  }
  storage::v1::PerjanjianKinerjaRecord record;
  if (!record.ParseFromString(*value)) return absl::DataLossError("corrupt perjanjian kinerja record");
  return record;
}

absl::StatusOr<std::vector<std::string>> PkStore::IndicatorCodes(int fiscal_year, std::string_view province,
                                                                 std::string_view what) const {
  auto pk = Get(fiscal_year, province);
  if (absl::IsNotFound(pk.status())) {
    return absl::FailedPreconditionError(absl::StrCat("no Perjanjian Kinerja of ", std::string(province),
                                                      " for ", fiscal_year, "; store it before its ",
                                                      std::string(what)));
  }
  if (!pk.ok()) return pk.status();
  std::vector<std::string> codes;
  for (const auto& s : pk->sasaran()) {
    for (const auto& i : s.indicators()) codes.push_back(i.code());  // PerjanjianKinerjaRecord's
  }
  return codes;
}

}  // namespace lkip::aggregator
