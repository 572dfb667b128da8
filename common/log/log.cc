#include "common/log/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>

namespace lkip {
namespace {

// True when stderr is the journal's stream (systemd sets JOURNAL_STREAM to its device:inode;
// a redirection by the operator makes them differ). Then each line goes to the journal with its
// priority, and journalctl -p warning -u lkip-<service> finds the warnings.
bool StderrIsJournal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (stream == nullptr) return false;
  struct stat st;
  if (fstat(fileno(stderr), &st) != 0) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  return dev == static_cast<unsigned long long>(st.st_dev) &&
         ino == static_cast<unsigned long long>(st.st_ino);
}

}  // namespace

void InitLogging(const std::string& service, const std::string& level) {
  std::shared_ptr<spdlog::logger> logger;
  if (StderrIsJournal()) {
    // The journal stamps time and unit itself: the line is the event alone.
    logger = std::make_shared<spdlog::logger>(service, std::make_shared<spdlog::sinks::systemd_sink_mt>(
                                                           "lkip-" + service, /*enable_formatting=*/true));
    logger->set_pattern("%v");
  } else {
    logger = spdlog::stderr_logger_mt(service);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l service=%n %v");
  }
  auto parsed = spdlog::level::from_str(level);
  logger->set_level(parsed == spdlog::level::off && level != "off" ? spdlog::level::info : parsed);
  spdlog::set_default_logger(logger);
}

}  // namespace lkip
