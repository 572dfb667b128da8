// The flags every lkip server binary shares, parsed into plain config structs. The flags are
// defined in server_flags.cc, linked only into the binaries' main(); library code never reads
// flags (style guide §3.9).
#pragma once

#include <string>

#include "common/server/server_runner.h"
#include "common/storage/store.h"

namespace lkip {

struct CommonServiceConfig {
  ServerConfig server;
  StoreOptions store;
  std::string rules_dir;
  std::string metrics_listen;  // the operations port (common/server/ops_http.h); empty: none
  std::string log_level;
};

// Parses argv (absl flags, --flagfile and --tryfromenv supported) and returns the validated
// config; exits with a message naming the flag when a required one is missing.
CommonServiceConfig ParseCommonFlags(int argc, char** argv, const std::string& service);

}  // namespace lkip
