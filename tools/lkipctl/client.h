// What every lkipctl command shares: the connection to the aggregator (the one address lkipctl
// needs), a context per call (deadline, actor), error printing and exit codes, and writing the
// files a call returned.
#pragma once

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::ctl {

// 0 success; 1 error (bad input, a call failed); 2 usage; 3 the result is partial (a service was
// unavailable) and --allow-partial was not given; 4 verify --strict found an ERROR; 5 report
// --final refused: something remains (listed).
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;
inline constexpr int kExitFindings = 4;
inline constexpr int kExitNotFinal = 5;

struct Options {
  std::string aggregator;     // host:port
  std::string pki_dir;        // ca.crt, client.crt, client.key (scripts/dev-pki.sh)
  std::string token;          // the user's token (lkipctl token issue)
  bool insecure_dev = false;  // plaintext to an --insecure_dev suite; then `actor` is sent
  std::string actor;          // x-lkip-actor: recorded as "unverified:<actor>" by --insecure_dev servers only
  std::shared_ptr<grpc::ChannelCredentials> credentials;  // made from the above by Authenticate
  int timeout_s = 30;                                     // each call's deadline
  int long_timeout_s = 600;  // the deadline of calls that take minutes: imports, rendering
};

// Makes o->credentials from the PKI folder and the token (or plaintext for --insecure-dev);
// INVALID_ARGUMENT naming the option that is missing or unreadable.
absl::Status Authenticate(Options* o);
std::shared_ptr<grpc::Channel> Connect(const Options& o, const std::string& address);
inline std::shared_ptr<grpc::Channel> Connect(const Options& o) { return Connect(o, o.aggregator); }
// A context with the deadline of `seconds` (default: the options') and the actor.
std::unique_ptr<grpc::ClientContext> Ctx(const Options& o, int seconds = 0);

// "lkipctl: <what>: <CODE>: <message>" on stderr; returns kExitError.
int Fail(const std::string& what, const absl::Status& status);
int Fail(const std::string& what, const grpc::Status& status);

// Writes each file under `dir` (creating it and sub-folders), skipping the names in `skip`: all of
// them or, when one cannot be written, none (the files already there stay as they were).
absl::Status WriteFiles(const std::filesystem::path& dir,
                        const google::protobuf::RepeatedPtrField<report::v1::RenderedFile>& files,
                        const std::vector<std::string>& skip = {});

// A message in protobuf's JSON mapping as every JSON file of lkip writes it (report_render/
// proto_walk.h): indented, field names as in the .proto, every field written (a sisa of 0 is
// written, not left out), decimals as decimals.
std::string JsonOf(const google::protobuf::Message& message);

// A time the services recorded (µs since the epoch), as lkipctl shows every time: "2026-12-05 12:39:00 UTC".
std::string RecordedAt(int64_t unix_micros);

}  // namespace lkip::ctl
