// Runs an external program of the document chain (WeasyPrint, pandoc) without a shell: argv
// as given, stdout and stderr captured, the exit status checked.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace lkip::render {

// The program's stdout and stderr together. UNAVAILABLE when it cannot be started (not
// installed), INTERNAL with the end of its output when it exits non-zero.
absl::StatusOr<std::string> RunTool(const std::vector<std::string>& argv);

// The first line `program --version` prints, or "tidak tersedia (<reason>)"; asked once per
// program for the life of the process (a failure is asked again).
std::string ToolVersion(const std::string& program);

}  // namespace lkip::render
