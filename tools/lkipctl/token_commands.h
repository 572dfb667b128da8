// lkipctl token issue: the admin signs a user's token with the key only the admin holds
// (docs/security.md, "Tokens"). No service is called.
#pragma once

#include <string>
#include <vector>

namespace lkip::ctl {

struct TokenRequest {
  std::string signing_key;  // PEM file of the EC P-256 private key (dev: <pki>/token.key)
  std::string subject;
  std::string role;
  std::string province;
  std::vector<std::string> satker;
  std::string bidang;
  std::string valid = "8h";  // absl duration: "8h", "30m", "168h"
};

// Prints the token on stdout and what it allows on stderr; 1 naming the option that is wrong.
int IssueTokenCmd(const TokenRequest& request);

}  // namespace lkip::ctl
