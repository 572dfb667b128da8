// lkipctl backup DIR: a consistent copy of every service's store, read out through the aggregator
// (lkip.backup.v1), with manifest.json; lkipctl restore DIR: the copy put back into a stopped
// suite's data folder (common/storage/restore.h). docs/operations.md, "Backups".
#pragma once

#include <string>
#include <vector>

#include "tools/lkipctl/client.h"

namespace lkip::ctl {

// `services` empty: the aggregator and every bidang service.
int BackupCmd(const Options& o, const std::string& dir, std::vector<std::string> services);

// `data_dir`: the folder of the services' stores, each in `<data_dir>/<service>` (/var/lib/lkip
// for the package, VAR/data for scripts/suite.sh). `services` empty: every one in the backup.
int RestoreCmd(const std::string& dir, const std::string& data_dir, const std::vector<std::string>& services);

}  // namespace lkip::ctl
