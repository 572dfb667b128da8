// main() of every lkip service binary, the one place that starts, serves and drains: block the
// termination signals, parse the flags, load the rule sets, open the store, let the binary build
// what it serves, start the server, wait for SIGTERM, stop the binary's own work, drain. What
// the binary builds is destroyed after the server has drained and before the store closes.
//
//   int main(int argc, char** argv) {
//     return lkip::ServiceMain(argc, argv, "keuangan", [](const lkip::ServiceEnv& env)
//         -> absl::StatusOr<std::unique_ptr<lkip::ServedParts>> { ... });
//   }
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/rules/rule_book.h"
#include "common/server/server_flags.h"
#include "common/storage/store.h"

namespace grpc {
class Service;
}

namespace lkip {

// What ServiceMain has opened for the binary.
struct ServiceEnv {
  const CommonServiceConfig& config;
  Store* store;
  const RuleBook* rules;
};

// What a binary serves. Subclass it to own the objects behind `services`; ServiceMain keeps it
// until the server has drained.
class ServedParts {
 public:
  virtual ~ServedParts() = default;
  std::vector<grpc::Service*> services;   // not owned by this list
  std::vector<std::string> health_names;  // the full names the health service reports
  std::string log_detail;                 // appended to the event=serving line ("templates=...")
  // Called on SIGTERM before the server drains (e.g. finish or refuse background work whose
  // calls the server must still hold).
  virtual void BeforeDrain() {}
};

using BuildServed = std::function<absl::StatusOr<std::unique_ptr<ServedParts>>(const ServiceEnv&)>;

// Returns the process's exit code: 0 after a drain, 1 when it cannot start (rules, store, port),
// 2 when `build` refuses its configuration (INVALID_ARGUMENT).
int ServiceMain(int argc, char** argv, const std::string& service, const BuildServed& build);

}  // namespace lkip
