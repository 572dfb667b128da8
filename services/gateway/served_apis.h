// Which APIs the gateway serves and which service answers each: the aggregator, the provincial
// suite's one entry point (the report, its data, approval, units, audit), and headquarters'
// national service. The bidang services are never reached directly: only the aggregator talks
// to them.
#pragma once

#include <vector>

#include "services/gateway/http_route.h"

namespace lkip::gateway {

std::vector<ServedFile> ServedApis();

}  // namespace lkip::gateway
