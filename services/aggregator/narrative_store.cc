#include "services/aggregator/narrative_store.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {
namespace {

constexpr int kMaxNarratives = 500;

std::string Prefix(int year, std::string_view province) {
  return KeyBuilder(kTagNarrative).AddInt32(year).AddString(province).Build();
}

}  // namespace

absl::StatusOr<NarrativeWriteOutcome> NarrativeStore::Put(const WriteContext& context, int fiscal_year,
                                                          const std::string& province,
                                                          const std::vector<NarrativeInput>& narratives) {
  ASSIGN_OR_RETURN(auto codes, pk_->IndicatorCodes(fiscal_year, province, "texts"));
  std::set<std::string> allowed(NarrativeSectionKeys().begin(), NarrativeSectionKeys().end());
  for (const auto& code : codes) {
    for (const auto& field : NarrativeIndicatorFields()) allowed.insert(absl::StrCat(code, ".", field));
  }
  std::vector<std::string> keys;
  for (size_t i = 0; i < narratives.size(); ++i) {
    const std::string& key = narratives[i].key;
    if (allowed.count(key) == 0) {
      const bool indicator = absl::StrContains(key, ".") && absl::StartsWith(key, "IKK-");
      return absl::InvalidArgumentError(absl::StrCat(
          "narratives[", i, "].key: \"", key, "\" is not ",
          indicator ? absl::StrCat("an IKK of the Perjanjian Kinerja with one of the fields ",
                                   absl::StrJoin(NarrativeIndicatorFields(), ", "))
                    : absl::StrCat("a section of the report (", absl::StrJoin(NarrativeSectionKeys(), ", "),
                                   ") or <IKK>.<field>")));
    }
    keys.push_back(
        KeyBuilder(kTagNarrative).AddInt32(fiscal_year).AddString(province).AddString(key).Build());
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(auto previous, store_->FindMany(keys));
  NarrativeWriteOutcome out;
  Mutation mutation;
  const int64_t now = store_->options().now_micros();
  for (size_t i = 0; i < narratives.size(); ++i) {
    const NarrativeInput& n = narratives[i];
    storage::v1::NarrativeRecord old;
    const bool had = previous[i].has_value() && old.ParseFromString(*previous[i]);
    if (n.text.empty()) {
      if (had) {
        mutation.Delete(keys[i]);
        ++out.removed;
      } else {
        ++out.unchanged;
      }
      continue;
    }
    if (had && old.text() == n.text) {
      ++out.unchanged;
      continue;
    }
    storage::v1::NarrativeRecord record;
    record.set_text(n.text);
    record.set_actor(context.actor);
    record.set_updated_unix_micros(now);
    mutation.PutKnownPrevious(keys[i], record.SerializeAsString(), std::move(previous[i]));
    ++out.written;
  }
  WriteContext ctx = context;
  ctx.summary = absl::StrCat(province, " ", fiscal_year, " written=", out.written, " removed=", out.removed);
  RETURN_IF_ERROR(store_->Commit(ctx, std::move(mutation)));
  return out;
}

absl::StatusOr<std::vector<StoredNarrative>> NarrativeStore::Get(int fiscal_year,
                                                                 std::string_view province) const {
  const std::string prefix = Prefix(fiscal_year, province);
  ASSIGN_OR_RETURN(auto rows, store_->Scan(prefix, kMaxNarratives * 2));
  std::vector<StoredNarrative> out;
  for (const auto& kv : rows) {
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    StoredNarrative n;
    ASSIGN_OR_RETURN(n.key, reader.ReadString());
    if (!n.record.ParseFromString(kv.value)) return absl::DataLossError("corrupt narrative record");
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace lkip::aggregator
