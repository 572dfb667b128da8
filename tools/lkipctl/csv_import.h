// Streaming a register kept as CSV into its service's client-streaming import RPC, with a
// progress line on long files. CSV parsing is libfccp's (Fast C++ CSV Parser).
#pragma once

#include <functional>
#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "lkip/indicator/v1/indicator.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"

namespace lkip::ctl {

// Called with (rows sent, rows in the file) now and then.
using Progress = std::function<void(int64_t done, int64_t total)>;

// The SKM CSV: a header row `satker_code,u1,u2,u3,u4,u5,u6,u7,u8,u9` (u1..u9 the nine elements
// of PermenPANRB 14/2017 in order, 1..4, empty or 0 = not answered); columns in any order,
// extra columns ignored. Each data row is sent with its line number in the file. A cell that is
// not a whole number fails before anything is sent, naming the line, column and value.
absl::StatusOr<indicator::v1::ImportResult> ImportSkmCsv(rehabilitasi::v1::Rehabilitasi::StubInterface& stub,
                                                         grpc::ClientContext* context, const std::string& path,
                                                         const indicator::v1::ImportHeader& header,
                                                         const Progress& progress);

// A default import id for a file: its name, with characters outside [A-Za-z0-9._-] replaced.
std::string ImportIdFor(const std::string& path);

}  // namespace lkip::ctl
