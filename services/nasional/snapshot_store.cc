#include "services/nasional/snapshot_store.h"

#include "absl/strings/str_cat.h"
#include "common/proto/deterministic.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::nasional {
namespace {

std::string Key(uint8_t tag, int year, std::string_view province) {
  return KeyBuilder(tag).AddInt32(year).AddString(province).Build();
}

}  // namespace

absl::StatusOr<std::vector<bool>> SnapshotStore::Record(const WriteContext& context, int fiscal_year,
                                                        const std::vector<PullResult>& results) {
  std::vector<std::string> pull_keys;
  for (const PullResult& r : results) pull_keys.push_back(Key(kTagPull, fiscal_year, r.province));
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(auto previous_pulls, store_->FindMany(pull_keys));
  std::vector<bool> changed(results.size(), false);
  Mutation mutation;
  for (size_t i = 0; i < results.size(); ++i) {
    const PullResult& r = results[i];
    storage::v1::NasionalPullRecord before;
    if (previous_pulls[i].has_value() && !before.ParseFromString(*previous_pulls[i]))
      return absl::DataLossError(absl::StrCat("corrupt pull record of ", r.province));
    storage::v1::NasionalPullRecord pull;
    pull.set_attempted_at_micros(r.attempt.attempted_at_micros);
    pull.set_ok(r.attempt.ok);
    pull.set_error(r.attempt.error);
    pull.set_latency_micros(r.attempt.latency_micros);
    pull.set_last_ok_micros(r.attempt.ok ? r.attempt.attempted_at_micros : before.last_ok_micros());
    pull.set_snapshot_sha256(before.snapshot_sha256());
    pull.set_snapshot_pulled_at_micros(before.snapshot_pulled_at_micros());
    // The same report pulled again keeps its snapshot (and its first pull's time): the pull
    // record says it was confirmed since.
    if (r.report.has_value() && r.sha256 != before.snapshot_sha256()) {
      storage::v1::NasionalSnapshotRecord snapshot;
      snapshot.set_report(*r.report);
      snapshot.set_report_sha256(r.sha256);
      snapshot.set_pulled_at_micros(r.attempt.attempted_at_micros);
      mutation.Put(Key(kTagSnapshot, fiscal_year, r.province), snapshot.SerializeAsString());
      pull.set_snapshot_sha256(r.sha256);
      pull.set_snapshot_pulled_at_micros(r.attempt.attempted_at_micros);
      changed[i] = true;
    }
    mutation.PutKnownPrevious(pull_keys[i], pull.SerializeAsString(), std::move(previous_pulls[i]));
  }
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return changed;
}

absl::StatusOr<std::vector<ProvinceState>> SnapshotStore::Read(int fiscal_year,
                                                               const std::vector<std::string>& provinces,
                                                               const std::vector<bool>& skip_report) const {
  std::vector<std::string> pull_keys, snapshot_keys;
  for (size_t i = 0; i < provinces.size(); ++i) {
    pull_keys.push_back(Key(kTagPull, fiscal_year, provinces[i]));
    if (!skip_report[i]) snapshot_keys.push_back(Key(kTagSnapshot, fiscal_year, provinces[i]));
  }
  ASSIGN_OR_RETURN(auto pulls, store_->FindMany(pull_keys));
  ASSIGN_OR_RETURN(auto snapshots, store_->FindMany(snapshot_keys));
  std::vector<ProvinceState> out(provinces.size());
  size_t next_snapshot = 0;
  for (size_t i = 0; i < provinces.size(); ++i) {
    const std::optional<std::string>* snapshot = skip_report[i] ? nullptr : &snapshots[next_snapshot++];
    if (!pulls[i].has_value()) continue;
    storage::v1::NasionalPullRecord pull;
    if (!pull.ParseFromString(*pulls[i]))
      return absl::DataLossError(absl::StrCat("corrupt pull record of ", provinces[i], " ", fiscal_year));
    out[i].last_pull = PullAttempt{pull.attempted_at_micros(), pull.ok(), pull.error(), pull.latency_micros(),
                                   pull.last_ok_micros()};
    if (pull.snapshot_sha256().empty()) continue;
    StoredSnapshot& s = out[i].snapshot.emplace();
    s.sha256 = pull.snapshot_sha256();
    s.pulled_at_micros = pull.snapshot_pulled_at_micros();
    if (snapshot == nullptr) continue;
    storage::v1::NasionalSnapshotRecord record;
    if (!snapshot->has_value() || !record.ParseFromString(**snapshot) || record.report_sha256() != s.sha256)
      return absl::DataLossError(absl::StrCat("the snapshot of ", provinces[i], " ", fiscal_year,
                                              " is missing or not the one its pull record names"));
    s.report = std::move(*record.mutable_report());
  }
  return out;
}

}  // namespace lkip::nasional
