// Threads of the server's own for work a gRPC reaction must not do (style guide §3.7, gRFC
// L67): running a document converter for seconds, or a bundle import's chain of blocking calls.
// A handler posts a job and returns; the job finishes the RPC.
//
//   workers.Post([reactor, ...] { ...; reactor->Finish(status); },
//                [reactor] { reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "...")); });
#pragma once

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace lkip {

class BackgroundWork {
 public:
  explicit BackgroundWork(int threads);
  ~BackgroundWork();  // Stop()
  BackgroundWork(const BackgroundWork&) = delete;
  BackgroundWork& operator=(const BackgroundWork&) = delete;

  // Queues `job`. After Stop, or when `max_queued` jobs already wait, `refuse` runs instead (at
  // once, on the calling thread), so a call is always finished.
  void Post(std::function<void()> job, std::function<void()> refuse);

  // Refuses what is queued, waits for the running jobs, joins the threads. Call before the
  // server is destroyed: a job holds an RPC that must be finished while the server lives.
  void Stop();

  static constexpr size_t kMaxQueued = 64;

 private:
  struct Job {
    std::function<void()> run;
    std::function<void()> refuse;
  };
  void Loop();

  absl::Mutex mu_;
  std::deque<Job> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace lkip
