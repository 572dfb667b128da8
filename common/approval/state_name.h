// The name of an approval state as people read it ("draft", "diajukan", "direviu",
// "ditetapkan"): the schema's enum names without their prefix, so the list is kept in one place,
// proto/lkip/approval/v1/approval.proto.
#pragma once

#include <string>

#include "lkip/approval/v1/approval.pb.h"

namespace lkip {

// UNSPECIFIED (no step taken yet) is "draft".
std::string ApprovalStateName(approval::v1::ApprovalState state);

}  // namespace lkip
