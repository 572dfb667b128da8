// gRPC adapter of lkip.backup.v1.BackupService over a service's checkpoints
// (common/storage/checkpoints.h); every service serves it. The aggregator's also checkpoints the
// bidang services, holding the writes that reach several services back meanwhile, and forwards
// the reads of their files (common/server/forward.h).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "common/server/background_work.h"
#include "common/server/forward.h"
#include "common/storage/checkpoints.h"
#include "lkip/backup/v1/backup.grpc.pb.h"

namespace lkip {

class BackupService final : public backup::v1::BackupService::CallbackService {
 public:
  // The aggregator's part: the other services by name, the background threads its blocking calls
  // to them run on, and the lock its cross-service writes hold shared (taken exclusively while
  // the checkpoints are made).
  struct Fleet {
    ChannelOf channel_of;
    BackgroundWork* background;
    absl::Mutex* cross_service_writes;
    absl::Duration timeout;  // of each service's checkpoint
  };

  BackupService(Store* store, std::string service, std::optional<Fleet> fleet = std::nullopt)
      : store_(store), service_(std::move(service)), checkpoints_(store), fleet_(std::move(fleet)) {}

  grpc::ServerUnaryReactor* CreateCheckpoints(grpc::CallbackServerContext* context,
                                              const backup::v1::CreateCheckpointsRequest* request,
                                              backup::v1::CreateCheckpointsResponse* response) override;
  grpc::ServerUnaryReactor* ReadCheckpointFile(grpc::CallbackServerContext* context,
                                               const backup::v1::ReadCheckpointFileRequest* request,
                                               backup::v1::ReadCheckpointFileResponse* response) override;
  grpc::ServerUnaryReactor* ReleaseCheckpoint(grpc::CallbackServerContext* context,
                                              const backup::v1::ReleaseCheckpointRequest* request,
                                              backup::v1::ReleaseCheckpointResponse* response) override;

  // The most a ReadCheckpointFile answer holds.
  static constexpr size_t kChunkBytes = size_t{1} << 20;

 private:
  absl::StatusOr<backup::v1::Checkpoint> CheckpointHere();
  // The other services' checkpoints, then this one's when `here`, the cross-service writes held
  // back: a blocking job for the background threads.
  // Nothing is made once `deadline` (the caller's) has passed while waiting for those writes.
  absl::StatusOr<backup::v1::CreateCheckpointsResponse> CheckpointFleet(
      const OnBehalf& caller, const std::vector<std::string>& others, bool here,
      std::chrono::system_clock::time_point deadline);
  // OK when `asked` is this service or one the aggregator can ask; else INVALID_ARGUMENT naming
  // `field`.
  absl::Status CheckAskable(absl::string_view field, const std::string& asked) const;

  // A request naming another service (`service`): asked of it, the answer finishing the call;
  // nullptr when the request is for this service.
  template <typename Request, typename Response, typename Call>
  grpc::ServerUnaryReactor* ForwardElsewhere(grpc::CallbackServerContext* context, const char* method,
                                             const Request& request, Response* response, Call call);

  Store* store_;
  std::string service_;
  Checkpoints checkpoints_;
  std::optional<Fleet> fleet_;
};

}  // namespace lkip
