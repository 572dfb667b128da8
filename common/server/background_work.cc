#include "common/server/background_work.h"

namespace lkip {

BackgroundWork::BackgroundWork(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

BackgroundWork::~BackgroundWork() { Stop(); }

void BackgroundWork::Post(std::function<void()> job, std::function<void()> refuse) {
  {
    absl::MutexLock lock(&mu_);
    if (!stopping_ && queue_.size() < kMaxQueued) {
      queue_.push_back(Job{std::move(job), std::move(refuse)});
      return;
    }
  }
  refuse();
}

void BackgroundWork::Stop() {
  std::deque<Job> refused;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    refused.swap(queue_);
  }
  for (auto& job : refused) job.refuse();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void BackgroundWork::Loop() {
  for (;;) {
    Job job;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](BackgroundWork* w)
               ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) { return w->stopping_ || !w->queue_.empty(); },
          this));
      if (queue_.empty()) return;  // stopping, nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job.run();
  }
}

}  // namespace lkip
