// The national service's work without gRPC's server side: the directory of provinces, their
// pulls into the snapshot store, and the roll-up over the snapshots. The gRPC adapter
// (nasional_service.h) and the pull schedule (pull_schedule.h) both drive it.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "lkip/nasional/v1/nasional.pb.h"
#include "services/nasional/province_directory.h"
#include "services/nasional/report_puller.h"
#include "services/nasional/rollup.h"
#include "services/nasional/snapshot_store.h"

namespace lkip::nasional {

struct PullRound {
  std::vector<v1::PullOutcome> outcomes;  // in the order pulled
  int64_t elapsed_micros = 0;
  // The reports the round brought, by province: the roll-up that follows reads them instead
  // of the store's copies.
  std::map<std::string, report::v1::Report> reports;
};

class NasionalCore {
 public:
  NasionalCore(Store* store, const RuleBook* rules, std::vector<ProvinceAccess> provinces,
               absl::Duration deadline);

  // INVALID_ARGUMENT naming fiscal_year outside 2000..2100; NOT_FOUND without its rule set.
  absl::StatusOr<const YearRules*> RulesFor(int fiscal_year) const;
  // The directory indexes of `codes` (every province when empty); INVALID_ARGUMENT naming a code
  // that is not in the directory.
  absl::StatusOr<std::vector<size_t>> Indexes(const std::vector<std::string>& codes) const;
  // The directory index of one province; INVALID_ARGUMENT naming province_code.
  absl::StatusOr<size_t> IndexOf(const std::string& province) const;

  // Pulls the provinces at `indexes` and records the round (`context` names who asked); `done`
  // runs once, from the last pull's callback.
  void Pull(WriteContext context, int fiscal_year, std::vector<size_t> indexes,
            std::function<void(absl::StatusOr<PullRound>)> done);

  // Every province of the directory with its snapshot of the year, as the roll-up reads it;
  // the reports of `fresh` (moved from, a round's) in place of the store's copies.
  absl::StatusOr<std::vector<ProvinceSnapshot>> Snapshots(
      int fiscal_year, std::map<std::string, report::v1::Report>* fresh = nullptr) const;
  // One province's (INVALID_ARGUMENT naming province_code when it is not in the directory).
  absl::StatusOr<ProvinceSnapshot> Snapshot(int fiscal_year, const std::string& province) const;
  absl::StatusOr<v1::RollUp> RollUp(int fiscal_year,
                                    std::map<std::string, report::v1::Report>* fresh = nullptr) const;

  const std::vector<ProvinceAccess>& provinces() const { return provinces_; }
  absl::Duration deadline() const { return puller_.deadline(); }

 private:
  // The provinces at `indexes` (into the directory), in that order.
  absl::StatusOr<std::vector<ProvinceSnapshot>> SnapshotsAt(
      int fiscal_year, const std::vector<size_t>& indexes,
      std::map<std::string, report::v1::Report>* fresh) const;

  const RuleBook* rules_;
  std::vector<ProvinceAccess> provinces_;
  SnapshotStore snapshots_;
  ReportPuller puller_;
};

}  // namespace lkip::nasional
