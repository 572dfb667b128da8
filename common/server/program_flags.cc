#include "common/server/program_flags.h"

#include <string>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/str_cat.h"

#ifndef LKIP_VERSION
#error "LKIP_VERSION is set by common/CMakeLists.txt from the project's version"
#endif

namespace lkip {

void ParseProgramFlags(int argc, char** argv, absl::string_view program, absl::string_view what) {
  absl::FlagsUsageConfig config;
  // Every flag linked into the binary is one of its own: ours, and absl's --flagfile family.
  config.contains_help_flags = [](absl::string_view) { return true; };
  config.contains_helpshort_flags = [](absl::string_view) { return true; };
  config.version_string = [program = std::string(program)] {
    return absl::StrCat(program, " (lkip) ", LKIP_VERSION, "\n");
  };
  config.normalize_filename = [](absl::string_view file) {
    // Flags are grouped by the file that defines them; show it relative to the source tree.
    const size_t at = file.find("/common/");
    const size_t svc = file.find("/services/");
    const size_t from = at != absl::string_view::npos ? at : svc;
    return std::string(from == absl::string_view::npos ? file : file.substr(from + 1));
  };
  absl::SetFlagsUsageConfig(std::move(config));
  absl::SetProgramUsageMessage(
      absl::StrCat(what, "\n\nUsage: ", program, " [--flagfile=/etc/lkip/", program,
                   ".flags] [--flag=value ...]\nFlags may also come from the environment with "
                   "--fromenv=name,... (FLAGS_name). docs/operations.md describes each service."));
  absl::ParseCommandLine(argc, argv);
}

}  // namespace lkip
