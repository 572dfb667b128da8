// The report's lampiran of the data changed after it was last submitted (diajukan): every
// service's audit trail since that moment (lkip.audit.v1), approval steps and year locks left
// out, oldest first. A reviewer sees what moved under the figures they were asked to review.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/storage/store.h"
#include "lkip/approval/v1/approval.pb.h"
#include "lkip/audit/v1/audit.pb.h"
#include "lkip/report/v1/report.pb.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

// The lampiran from the entries read (any order) and the services whose trail is incomplete
// (pure).
report::v1::ChangesAfterSubmission ChangesOf(const approval::v1::ApprovalEvent& submission,
                                             std::vector<audit::v1::AuditEntry> entries,
                                             std::vector<std::string> incomplete);

// Reads the aggregator's own trail (`own`) and every bidang service's, with callbacks (the
// deadline of `parent`, capped at the clients' timeout), and calls `done` once: nullopt when the
// report was never submitted. A service that cannot be read is named in `incomplete`.
void FetchChangesAfterSubmission(const approval::v1::Approval& approval, const Store& own,
                                 BidangClients& clients, grpc::CallbackServerContext* parent,
                                 std::function<void(std::optional<report::v1::ChangesAfterSubmission>)> done);

}  // namespace lkip::aggregator
