// The commands that record data other than a bundle: registers kept as CSV streamed to the
// service that owns them (with progress), the report's written texts and comparison values
// stored in the aggregator; and waiting for services to be ready.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/lkipctl/client.h"
#include "tools/lkipctl/csv_import.h"

namespace lkip::ctl {

// The CSV files lkipctl streams through the aggregator, which passes each to the service that
// owns it (docs/bundle-format.md).
struct CsvKind {
  std::string kind;
  std::string help;
  std::function<absl::StatusOr<indicator::v1::ImportResult>(
      const std::shared_ptr<grpc::Channel>&, grpc::ClientContext*, const std::string&,
      const indicator::v1::ImportHeader&, const Progress&)>
      stream;
};

const std::vector<CsvKind>& CsvKinds();

// Streams a CSV register through the aggregator, showing progress on stderr. An empty
// `source_document` names the file.
int ImportRegister(const Options& o, const CsvKind& csv, const std::string& path, int year,
                   std::string import_id, const std::string& source_document, bool same_rows_again);
// The report's written texts from {"fiscal_year", "province_code", "narratives": {key: text}}.
int SetNarratives(const Options& o, const std::string& path);
// Each IKK's comparisons (last year, national) from a PutComparisonsRequest in JSON.
int SetComparisons(const Options& o, const std::string& path);
// The committed bulk imports (of a year, 0: all; of a kind, empty: all), every page, one line each.
int ListImportsCmd(const Options& o, int year, const std::string& kind);
// One import in full: its rows, digest, actor, time, source and the satker it changed.
int ShowImportCmd(const Options& o, const std::string& kind, const std::string& import_id);
// Withdraws a committed import: its effect reversed at its service, with `reason` in the audit.
int WithdrawImportCmd(const Options& o, const std::string& kind, const std::string& import_id,
                      const std::string& reason);
// Waits until every address reports SERVING (gRPC health).
int WaitReady(const Options& o, const std::vector<std::string>& addresses, int timeout_s);

}  // namespace lkip::ctl
