// Logging through spdlog: one line per event, key=value fields, to stderr; under systemd (stderr
// connected to the journal) to the journal with each event's priority.
#pragma once

#include <spdlog/spdlog.h>

#include <string>

namespace lkip {

// Installs a stderr (or journal) logger named after the service at the given level ("info" by default;
// an unknown level falls back to info).
void InitLogging(const std::string& service, const std::string& level);

}  // namespace lkip
