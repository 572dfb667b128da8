#include "services/aggregator/narrative_store.h"

#include <google/protobuf/util/time_util.h>

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {
namespace {

constexpr size_t kMaxText = 64 * 1024;
constexpr int kMaxNarratives = 500;

std::string Prefix(int year, std::string_view province) {
  return KeyBuilder(kTagNarrative).AddInt32(year).AddString(province).Build();
}

}  // namespace

absl::StatusOr<aggregator::v1::PutNarrativesResponse> NarrativeStore::Put(
    const WriteContext& context, const aggregator::v1::PutNarrativesRequest& request) {
  if (request.narratives_size() == 0) return absl::InvalidArgumentError("narratives: is empty");
  if (request.narratives_size() > kMaxNarratives) {
    return absl::InvalidArgumentError(
        absl::StrCat("narratives: ", request.narratives_size(), " exceed the limit of ", kMaxNarratives));
  }
  ASSIGN_OR_RETURN(auto codes, pk_->IndicatorCodes(request.fiscal_year(), request.province_code(), "texts"));
  std::set<std::string> allowed(NarrativeSectionKeys().begin(), NarrativeSectionKeys().end());
  for (const auto& code : codes) {
    for (const auto& field : NarrativeIndicatorFields()) allowed.insert(absl::StrCat(code, ".", field));
  }
  std::set<std::string> seen;
  std::vector<std::string> keys;
  for (int i = 0; i < request.narratives_size(); ++i) {
    const auto& n = request.narratives(i);
    const std::string path = absl::StrCat("narratives[", i, "]");
    if (allowed.count(n.key()) == 0) {
      const bool indicator = absl::StrContains(n.key(), ".") && absl::StartsWith(n.key(), "IKK-");
      return absl::InvalidArgumentError(absl::StrCat(
          path, ".key: \"", n.key(), "\" is not ",
          indicator ? absl::StrCat("an IKK of the Perjanjian Kinerja with one of the fields ",
                                   absl::StrJoin(NarrativeIndicatorFields(), ", "))
                    : absl::StrCat("a section of the report (", absl::StrJoin(NarrativeSectionKeys(), ", "),
                                   ") or <IKK>.<field>")));
    }
    if (!seen.insert(n.key()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".key: \"", n.key(), "\" appears twice"));
    }
    // UTF-8 needs no check here: protobuf refuses a proto3 string that is not UTF-8 when the
    // request is parsed, before it reaches us.
    if (n.text().size() > kMaxText) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".text: ", n.text().size(), " bytes exceed the limit of ", kMaxText));
    }
    keys.push_back(KeyBuilder(kTagNarrative)
                       .AddInt32(request.fiscal_year())
                       .AddString(request.province_code())
                       .AddString(n.key())
                       .Build());
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  aggregator::v1::PutNarrativesResponse response;
  Mutation mutation;
  const int64_t now = store_->options().now_micros();
  for (int i = 0; i < request.narratives_size(); ++i) {
    const auto& n = request.narratives(i);
    storage::v1::NarrativeRecord old;
    const bool had = previous[i].has_value() && old.ParseFromString(*previous[i]);
    if (n.text().empty()) {
      if (had) {
        mutation.Delete(keys[i]);
        response.set_removed(response.removed() + 1);
      } else {
        response.set_unchanged(response.unchanged() + 1);
      }
      continue;
    }
    if (had && old.text() == n.text()) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    storage::v1::NarrativeRecord record;
    record.set_text(n.text());
    record.set_actor(context.actor);
    record.set_updated_unix_micros(now);
    mutation.PutKnownPrevious(keys[i], record.SerializeAsString(), std::move(previous[i]));
    response.set_written(response.written() + 1);
  }
  WriteContext ctx = context;
  ctx.summary = absl::StrCat(request.province_code(), " ", request.fiscal_year(),
                             " written=", response.written(), " removed=", response.removed());
  RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  return response;
}

absl::StatusOr<aggregator::v1::GetNarrativesResponse> NarrativeStore::Get(int fiscal_year,
                                                                          std::string_view province) const {
  const std::string prefix = Prefix(fiscal_year, province);
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxNarratives * 2));
  aggregator::v1::GetNarrativesResponse out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string key, reader.ReadString());
    storage::v1::NarrativeRecord r;
    if (!r.ParseFromString(kv.value)) return absl::DataLossError("corrupt narrative record");
    auto* n = out.add_narratives();
    n->set_key(key);
    n->set_text(r.text());
    n->set_actor(r.actor());
    *n->mutable_updated_at() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(r.updated_unix_micros());
  }
  return out;
}

}  // namespace lkip::aggregator
