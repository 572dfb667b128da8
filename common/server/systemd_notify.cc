#include "common/server/systemd_notify.h"

#include <systemd/sd-daemon.h>

#include "absl/strings/str_cat.h"

namespace lkip {

void NotifyReady(const std::string& status) {
  sd_notify(/*unset_environment=*/0, absl::StrCat("READY=1\nSTATUS=", status).c_str());
}

void NotifyStopping() { sd_notify(0, "STOPPING=1\nSTATUS=draining"); }

}  // namespace lkip
