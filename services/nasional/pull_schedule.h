// Pulls on a clock: every `interval`, each fiscal year of `years` from every province of the
// directory, one round after another on a thread of its own, so headquarters' tables stay as
// fresh as the provinces allow without anyone pulling (--pull_interval, --pull_years).
#pragma once

#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/nasional/nasional_core.h"

namespace lkip::nasional {

class PullSchedule {
 public:
  // Starts at once with a first round.
  PullSchedule(NasionalCore* core, std::vector<int> years, absl::Duration interval);
  // Stop() if not stopped yet.
  ~PullSchedule();
  PullSchedule(const PullSchedule&) = delete;
  PullSchedule& operator=(const PullSchedule&) = delete;

  // No round starts after this; a round under way ends (within the pull deadline) first.
  void Stop();
  // Rounds completed so far (for tests and logs).
  int rounds() const;

 private:
  void Run();

  NasionalCore* core_;
  const std::vector<int> years_;
  const absl::Duration interval_;
  mutable absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int rounds_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace lkip::nasional
