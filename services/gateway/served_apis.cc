#include "services/gateway/served_apis.h"

#include "lkip/aggregator/v1/aggregator.pb.h"
#include "lkip/approval/v1/approval.pb.h"
#include "lkip/audit/v1/audit.pb.h"
#include "lkip/nasional/v1/nasional.pb.h"
#include "lkip/report/v1/report.pb.h"
#include "lkip/unit/v1/unit.pb.h"

namespace lkip::gateway {

std::vector<ServedFile> ServedApis() {
  // A message of each file names the file (and links its descriptors into the binary).
  return {
      {report::v1::GetReportRequest::descriptor()->file(), "aggregator"},
      {aggregator::v1::GetCapaianRequest::descriptor()->file(), "aggregator"},
      {approval::v1::GetApprovalRequest::descriptor()->file(), "aggregator"},
      {unit::v1::ListUnitsRequest::descriptor()->file(), "aggregator"},
      {audit::v1::ListAuditEntriesRequest::descriptor()->file(), "aggregator"},
      {nasional::v1::GetRollUpRequest::descriptor()->file(), "nasional"},
  };
}

}  // namespace lkip::gateway
