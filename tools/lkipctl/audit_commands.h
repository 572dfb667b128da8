// lkipctl audit: who changed what, when, from which previous value, in every service's audit
// trail (lkip.audit.v1 through the aggregator).
#pragma once

#include <string>

#include "tools/lkipctl/client.h"

namespace lkip::ctl {

struct AuditQuery {
  std::string service;  // empty: the aggregator, then every bidang service
  std::string actor;
  std::string satker;
  std::string keyspace;
  std::string since;  // RFC 3339
  std::string until;
  int limit = 200;    // entries printed at most
  bool json = false;  // one JSON object per entry instead of text
};

int AuditCmd(const Options& o, const AuditQuery& query);

}  // namespace lkip::ctl
