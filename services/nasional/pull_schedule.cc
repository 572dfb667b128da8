#include "services/nasional/pull_schedule.h"

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"

namespace lkip::nasional {

PullSchedule::PullSchedule(NasionalCore* core, std::vector<int> years, absl::Duration interval)
    : core_(core), years_(std::move(years)), interval_(interval), thread_([this] { Run(); }) {}

PullSchedule::~PullSchedule() { Stop(); }

void PullSchedule::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

int PullSchedule::rounds() const {
  absl::MutexLock lock(&mu_);
  return rounds_;
}

void PullSchedule::Run() {
  while (true) {
    for (int year : years_) {
      {
        absl::MutexLock lock(&mu_);
        if (stopping_) return;
      }
      auto indexes = core_->Indexes({});
      absl::Notification done;
      // Written as the service itself, on its clock: the audit trail tells these rounds from a
      // user's PullReports.
      WriteContext context{
          "service:nasional", "ScheduledPull",
          absl::StrCat("scheduled pull of ", indexes->size(), " provinces' reports of ", year)};
      core_->Pull(std::move(context), year, *indexes, [&done, year](absl::StatusOr<PullRound> round) {
        if (!round.ok()) {
          spdlog::warn("event=scheduled_pull year={} error=\"{}\"", year,
                       std::string(round.status().message()));
        } else {
          int failed = 0;
          for (const auto& o : round->outcomes) failed += o.ok() ? 0 : 1;
          spdlog::info("event=scheduled_pull year={} provinces={} failed={} elapsed_ms={}", year,
                       round->outcomes.size(), failed, round->elapsed_micros / 1000);
        }
        done.Notify();
      });
      done.WaitForNotification();
    }
    absl::MutexLock lock(&mu_);
    ++rounds_;
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) return;
  }
}

}  // namespace lkip::nasional
