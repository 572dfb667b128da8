// Command-line parsing shared by every lkip server binary: `--help` lists all of the binary's
// flags (absl's default shows only those defined in a file named after the program, which for
// our binaries is none: "No flags matched"), and `--version` prints the release.
#pragma once

#include "absl/strings/string_view.h"

namespace lkip {

// Sets the usage text (`what` is one line saying what the program is) and parses argv; exits
// after printing for --help, --helpfull and --version, and with a message on a bad flag.
void ParseProgramFlags(int argc, char** argv, absl::string_view program, absl::string_view what);

}  // namespace lkip
