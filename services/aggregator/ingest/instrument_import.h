// Instrument imports streamed through the aggregator (lkip.report.v1 ImportInstrumentRows).
// Each message the client sends is forwarded as it is, on a client stream, to the bidang
// service that owns the instrument, one at a time: the next message is read only when the
// service has taken the last, so a slow service slows the client instead of filling the
// aggregator's memory. The service's answer, its status details included (the bad rows), goes
// back to the client unchanged. The caller's actor travels with the call; its deadline is the
// caller's, capped by the aggregator's import timeout; a cancelled caller cancels the stream.
#pragma once

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"
#include "lkip/indicator/v1/indicator.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "services/aggregator/bidang_clients.h"

namespace lkip::aggregator {

// The reactor of one ImportInstrumentRows call; it deletes itself when the call is done.
grpc::ServerReadReactor<report::v1::ImportInstrumentRowsRequest>* StartInstrumentImport(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response, const BidangClients& clients,
    absl::Duration timeout);

}  // namespace lkip::aggregator
