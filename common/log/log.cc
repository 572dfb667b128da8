#include "common/log/log.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace lkip {

void InitLogging(const std::string& service, const std::string& level) {
  auto logger = spdlog::stderr_logger_mt(service);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l service=%n %v");
  auto parsed = spdlog::level::from_str(level);
  logger->set_level(parsed == spdlog::level::off && level != "off" ? spdlog::level::info : parsed);
  spdlog::set_default_logger(logger);
}

}  // namespace lkip
