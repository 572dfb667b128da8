// lkipctl approval (the workflow of a province's report: status, submit, review, approve,
// reopen) and lkipctl verify-signature (a written document set against its signed manifest).
#pragma once

#include <string>

#include "tools/lkipctl/client.h"

namespace lkip::ctl {

// `step`: status, submit, review, approve or reopen. Prints the state and its history.
int ApprovalCmd(const Options& o, const std::string& step, int year, const std::string& province,
                const std::string& note);

// Checks `dir`'s manifest.sig against `public_key` (PEM), then every output the manifest lists
// against its SHA-256. 0 when all match; 1 naming the first thing that does not.
int VerifySignatureCmd(const std::string& dir, const std::string& public_key);

}  // namespace lkip::ctl
