// Pulls provinces' reports (lkip.report.v1.ReportService.GetReport) from their aggregators, all
// at once on gRPC's callback API, each call with the same deadline: a round ends when the last
// call ends or the deadline passes, whichever is first, and never waits on the slowest beyond it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "lkip/report/v1/report.grpc.pb.h"
#include "services/nasional/province_directory.h"
#include "services/nasional/snapshot_store.h"

namespace lkip::nasional {

// A province's pull: what the store records, and the report parsed (when the pull succeeded),
// so the roll-up that follows does not parse it again.
struct PulledReport {
  PullResult result;
  std::optional<report::v1::Report> report;
};

class ReportPuller {
 public:
  ReportPuller(const std::vector<ProvinceAccess>& provinces, absl::Duration deadline);

  // Pulls `fiscal_year` from the provinces at `indexes` (into the directory); `done` runs once,
  // from the last callback, with one result per index in that order (the report serialized
  // deterministically, with its digest). A token file that cannot be read fails that province's
  // pull.
  void Pull(int fiscal_year, const std::vector<size_t>& indexes,
            std::function<void(std::vector<PulledReport>)> done);

  absl::Duration deadline() const { return deadline_; }

 private:
  struct Province {
    std::string code;
    std::string token_file;
    std::unique_ptr<report::v1::ReportService::Stub> stub;
  };
  std::vector<Province> provinces_;
  absl::Duration deadline_;
};

}  // namespace lkip::nasional
