// The provincial aggregators the national service pulls from (--provinces, a
// lkip.nasional.v1.ProvinceDirectory in protobuf's JSON mapping), read and checked at start:
// each with the transport it is reached by (its CA, this service's client certificate for it,
// the hq token it accepts).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace lkip::nasional {

struct ProvinceAccess {
  std::string province_code;
  std::string name;
  std::string address;
  std::string server_name;  // empty: the address's host
  std::string ca_pem;
  std::string cert_pem;
  std::string key_pem;
  std::string token_file;     // read at every pull, so a renewed token is used without a restart
  bool insecure_dev = false;  // plaintext, no token
};

// What a province's entry falls back to.
struct DirectoryDefaults {
  std::string ca_pem;
  std::string cert_pem;
  std::string key_pem;
  std::string token_file;
  bool insecure_dev = false;  // plaintext to every province, no token (--insecure_dev)
};

// Reads the directory; files it names are relative to its folder. INVALID_ARGUMENT naming the
// entry's field and value (a province code given twice or not "BNNP_...", an empty address, a
// file that cannot be read, no token file at all); NOT_FOUND for a missing directory file.
absl::StatusOr<std::vector<ProvinceAccess>> LoadDirectory(const std::string& path,
                                                          const DirectoryDefaults& defaults);

}  // namespace lkip::nasional
