// Tells systemd how a service stands (sd_notify(3)): units are Type=notify, so `systemctl
// start` returns once the service serves, and lkip.target is reached when all of them do. Outside
// systemd (NOTIFY_SOCKET unset) these do nothing.
#pragma once

#include <string>

namespace lkip {

// READY=1 with a one-line status (e.g. the address served).
void NotifyReady(const std::string& status);
// STOPPING=1: the service drains its calls.
void NotifyStopping();

}  // namespace lkip
