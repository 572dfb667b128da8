#include "common/units/unit_registry_service.h"

#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/units/unit_tree.h"

namespace lkip {

grpc::ServerUnaryReactor* UnitRegistryService::PutUnits(grpc::CallbackServerContext* context,
                                                        const unit::v1::PutUnitsRequest* request,
                                                        unit::v1::PutUnitsResponse* response) {
  return FinishUnary(context, "PutUnits", *request, [&] {
    return Deliver(
        Put(MakeWriteContext(*context, "PutUnits", *request), *request, PrincipalOf(*context).province),
        response);
  });
}

absl::StatusOr<unit::v1::PutUnitsResponse> UnitRegistryService::Put(const WriteContext& context,
                                                                    const unit::v1::PutUnitsRequest& request,
                                                                    std::string_view caller_province) {
  WriteSerializer::Turn turn(writes_);
  return lkip::PutUnits(*store_, context, request, caller_province);
}

grpc::ServerUnaryReactor* UnitRegistryService::ListUnits(grpc::CallbackServerContext* context,
                                                         const unit::v1::ListUnitsRequest* request,
                                                         unit::v1::ListUnitsResponse* response) {
  return FinishUnary(context, "ListUnits", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> tree, LoadUnitTree(*store_));
    for (const auto& u : tree->units()) *response->add_units() = u;
    return absl::OkStatus();
  });
}

}  // namespace lkip
