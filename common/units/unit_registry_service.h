// gRPC adapter of lkip.unit.v1.UnitRegistry over a service's store; every service serves it.
#pragma once

#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/unit/v1/unit.grpc.pb.h"

namespace lkip {

class UnitRegistryService final : public unit::v1::UnitRegistry::CallbackService {
 public:
  explicit UnitRegistryService(Store* store) : store_(store) {}

  // What PutUnits does, for a caller in the same process (the aggregator's bundle import).
  // `caller_province`: the province of the caller's token (lkip::PutUnits).
  absl::StatusOr<unit::v1::PutUnitsResponse> Put(const WriteContext& context,
                                                 const unit::v1::PutUnitsRequest& request,
                                                 std::string_view caller_province = "");

  grpc::ServerUnaryReactor* PutUnits(grpc::CallbackServerContext* context,
                                     const unit::v1::PutUnitsRequest* request,
                                     unit::v1::PutUnitsResponse* response) override;
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* context,
                                      const unit::v1::ListUnitsRequest* request,
                                      unit::v1::ListUnitsResponse* response) override;

 private:
  Store* store_;
  WriteSerializer writes_;  // the tree is validated as a whole before each write
};

}  // namespace lkip
