#include "common/backup/backup_service.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/server/unary.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"

namespace lkip {
namespace {

// One try for each service: a backup that fails is run again by the operator, not here.
absl::Status Release(backup::v1::BackupService::Stub* stub, const OnBehalf& caller, const std::string& id) {
  grpc::ClientContext client;
  AddOnBehalf(&client, caller);
  client.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  backup::v1::ReleaseCheckpointRequest request;
  request.set_id(id);
  backup::v1::ReleaseCheckpointResponse response;
  return FromGrpc(stub->ReleaseCheckpoint(&client, request, &response));
}

}  // namespace

absl::Status BackupService::CheckAskable(absl::string_view field, const std::string& asked) const {
  if (asked == service_) return absl::OkStatus();
  if (fleet_ && fleet_->channel_of(asked) != nullptr) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": \"", asked, "\" cannot be asked from ", service_,
                   fleet_ ? " (not a bidang service with an address here)" : " (ask the aggregator)"));
}

absl::StatusOr<backup::v1::Checkpoint> BackupService::CheckpointHere() {
  ASSIGN_OR_RETURN(CheckpointInfo info, checkpoints_.Create());
  backup::v1::Checkpoint out;
  out.set_service(service_);
  out.set_id(info.id);
  out.set_created(absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", info.created, absl::UTCTimeZone()));
  out.set_sequence(info.sequence);
  out.set_schema_version(store_->options().schema_version);
  for (const CheckpointFile& f : info.files) {
    backup::v1::CheckpointFile* file = out.add_files();
    file->set_name(f.name);
    file->set_size(static_cast<int64_t>(f.size));
  }
  return out;
}

absl::StatusOr<backup::v1::CreateCheckpointsResponse> BackupService::CheckpointFleet(
    const OnBehalf& caller, const std::vector<std::string>& others, bool here,
    std::chrono::system_clock::time_point deadline) {
  // Every bundle import, its rollback and every approval step writes to the services in turn:
  // none runs while the checkpoints are made, so each is in all of them or in none.
  absl::WriterMutexLock hold(fleet_->cross_service_writes);
  if (std::chrono::system_clock::now() >= deadline) {
    return absl::DeadlineExceededError(
        "no checkpoint made: the writes that reach several services did not "
        "finish before the call's deadline; try again");
  }
  backup::v1::CreateCheckpointsResponse made;
  std::vector<std::unique_ptr<backup::v1::BackupService::Stub>> stubs;
  absl::Status failed;
  for (const std::string& name : others) {
    std::shared_ptr<grpc::Channel> channel = fleet_->channel_of(name);
    stubs.push_back(backup::v1::BackupService::NewStub(channel));
    grpc::ClientContext client;
    AddOnBehalf(&client, caller);
    client.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(fleet_->timeout));
    backup::v1::CreateCheckpointsRequest request;
    request.add_services(name);
    backup::v1::CreateCheckpointsResponse response;
    if (absl::Status s = FromGrpc(stubs.back()->CreateCheckpoints(&client, request, &response)); !s.ok()) {
      failed = absl::Status(s.code(), absl::StrCat(name, ": ", s.message()));
      stubs.pop_back();
      break;
    }
    for (auto& c : *response.mutable_checkpoints()) *made.add_checkpoints() = std::move(c);
  }
  if (failed.ok() && here) {
    absl::StatusOr<backup::v1::Checkpoint> own = CheckpointHere();
    if (own.ok()) {
      *made.add_checkpoints() = *std::move(own);
    } else {
      failed = own.status();
    }
  }
  if (failed.ok()) return made;
  // Nothing half made is left behind: the checkpoints taken so far are released.
  for (size_t i = 0; i < stubs.size(); ++i) {
    Release(stubs[i].get(), caller, made.checkpoints(static_cast<int>(i)).id()).IgnoreError();
  }
  return failed;
}

grpc::ServerUnaryReactor* BackupService::CreateCheckpoints(
    grpc::CallbackServerContext* context, const backup::v1::CreateCheckpointsRequest* request,
    backup::v1::CreateCheckpointsResponse* response) {
  static constexpr char kMethod[] = "CreateCheckpoints";
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::vector<std::string> others;
  bool here = false;
  std::set<std::string> seen;
  absl::Status valid;
  if (request->services().empty())
    valid = absl::InvalidArgumentError("services: empty; name the services to checkpoint");
  for (const std::string& name : request->services()) {
    if (!valid.ok()) break;
    if (!seen.insert(name).second) {
      valid = absl::InvalidArgumentError(absl::StrCat("services: \"", name, "\" is named twice"));
    } else if (valid = CheckAskable("services", name); valid.ok()) {
      if (name == service_) {
        here = true;
      } else {
        others.push_back(name);
      }
    }
  }
  if (!valid.ok()) {
    FinishWith(reactor, kMethod, valid);
    return reactor;
  }
  if (others.empty()) {
    // A flush and hard links: short, like a write.
    FinishWith(reactor, kMethod, [&]() -> absl::Status {
      ASSIGN_OR_RETURN(*response->add_checkpoints(), CheckpointHere());
      return absl::OkStatus();
    }());
    return reactor;
  }
  fleet_->background->Post(
      [this, reactor, response, caller = OnBehalfOf(*context), others, here, deadline = context->deadline()] {
        FinishWith(reactor, kMethod, Deliver(CheckpointFleet(caller, others, here, deadline), response));
      },
      [reactor] {
        FinishWith(reactor, kMethod,
                   absl::UnavailableError("the aggregator is busy or shutting down; try again"));
      });
  return reactor;
}

template <typename Request, typename Response, typename Call>
grpc::ServerUnaryReactor* BackupService::ForwardElsewhere(grpc::CallbackServerContext* context,
                                                          const char* method, const Request& request,
                                                          Response* response, Call call) {
  const std::string& asked = request.service();
  if (asked.empty() || asked == service_) return nullptr;
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (absl::Status s = CheckAskable("service", asked); !s.ok()) {
    FinishWith(reactor, method, s);
    return reactor;
  }
  Request forwarded = request;
  forwarded.clear_service();  // the service asked answers for itself
  ForwardUnary<backup::v1::BackupService>(context, reactor, method, fleet_->channel_of(asked),
                                          std::move(forwarded), response, call);
  return reactor;
}

grpc::ServerUnaryReactor* BackupService::ReadCheckpointFile(
    grpc::CallbackServerContext* context, const backup::v1::ReadCheckpointFileRequest* request,
    backup::v1::ReadCheckpointFileResponse* response) {
  static constexpr char kMethod[] = "ReadCheckpointFile";
  if (auto* reactor = ForwardElsewhere(context, kMethod, *request, response, [](auto* async, auto... args) {
        async->ReadCheckpointFile(args...);
      })) {
    return reactor;
  }
  return FinishUnary(context, kMethod, [&]() -> absl::Status {
    if (request->offset() < 0) {
      return absl::InvalidArgumentError(absl::StrCat("offset: ", request->offset(), " is negative"));
    }
    uint64_t size = 0;
    ASSIGN_OR_RETURN(std::string data,
                     checkpoints_.Read(request->id(), request->name(),
                                       static_cast<uint64_t>(request->offset()), kChunkBytes, &size));
    response->set_data(std::move(data));
    response->set_size(static_cast<int64_t>(size));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* BackupService::ReleaseCheckpoint(
    grpc::CallbackServerContext* context, const backup::v1::ReleaseCheckpointRequest* request,
    backup::v1::ReleaseCheckpointResponse* response) {
  static constexpr char kMethod[] = "ReleaseCheckpoint";
  if (auto* reactor = ForwardElsewhere(context, kMethod, *request, response, [](auto* async, auto... args) {
        async->ReleaseCheckpoint(args...);
      })) {
    return reactor;
  }
  return FinishUnary(context, kMethod, [&]() { return checkpoints_.Release(request->id()); });
}

}  // namespace lkip
