// lkipctl nasional: BNN headquarters' roll-up (lkip.nasional.v1) at the national service's
// address (--nasional or LKIP_NASIONAL): pull the provinces' reports, show where each stands,
// write the national table, and take a province's "Nasional" comparisons into its report.
#pragma once

#include <string>
#include <vector>

#include "tools/lkipctl/client.h"

namespace lkip::ctl {

struct NasionalRequest {
  std::string address;  // the national service
  int year = 0;
  std::vector<std::string> provinces;  // tarik: only these (default: every province)
  std::string out_dir;                 // tabel
  std::vector<std::string> formats;    // tabel: json, csv, xlsx, html (default: every format)
  bool allow_partial = false;          // tarik: exit 0 even when a province could not be pulled
};

// `step`: tarik (pull now), status (where each province stands), tabel (write the files).
int NasionalCmd(const Options& o, const std::string& step, const NasionalRequest& request);

// bandingkan: the province's "Nasional" comparisons from the national service, stored at the
// province's aggregator (o.aggregator) beside its previous-year values, which are kept.
int NasionalComparisonsCmd(const Options& o, const NasionalRequest& request, const std::string& province);

}  // namespace lkip::ctl
