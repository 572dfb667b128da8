#include "report_render/run_tool.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"

extern char** environ;

namespace lkip::render {

absl::StatusOr<std::string> RunTool(const std::vector<std::string>& argv) {
  if (argv.empty()) return absl::InvalidArgumentError("RunTool: empty argv");
  // Output goes to an unlinked temporary file: no pipe to drain while waiting, however much
  // the tool prints.
  FILE* out = std::tmpfile();
  if (out == nullptr) return absl::UnavailableError(absl::StrCat("tmpfile: ", std::strerror(errno)));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fileno(out), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fileno(out), STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    std::fclose(out);
    return absl::UnavailableError(absl::StrCat(argv[0], " cannot be started: ", std::strerror(rc)));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::string text;
  std::rewind(out);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, out)) > 0;) text.append(buf, n);
  std::fclose(out);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    // posix_spawnp reports a missing program as exit 127 of the child on glibc.
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      return absl::UnavailableError(absl::StrCat(argv[0], " is not installed (exit 127)"));
    }
    const std::string tail = text.size() > 2000 ? text.substr(text.size() - 2000) : text;
    return absl::InternalError(absl::StrCat(
        absl::StrJoin(argv, " "), " failed (",
        WIFEXITED(status) ? absl::StrCat("exit ", WEXITSTATUS(status)) : std::string("killed"), "): ", tail));
  }
  return text;
}

std::string ToolVersion(const std::string& program) {
  // Asked once per program for the life of the process: starting WeasyPrint (Python) only to
  // print its version cost a second of every report.
  static absl::Mutex mu;
  static auto* versions ABSL_PT_GUARDED_BY(mu) = new absl::flat_hash_map<std::string, std::string>();
  {
    absl::MutexLock lock(&mu);
    if (auto it = versions->find(program); it != versions->end()) return it->second;
  }
  auto out = RunTool({program, "--version"});
  if (!out.ok()) return absl::StrCat("tidak tersedia (", out.status().message(), ")");
  std::string version = out->substr(0, out->find('\n'));
  absl::MutexLock lock(&mu);
  versions->emplace(program, version);
  return version;
}

}  // namespace lkip::render
