// Streaming registers kept as CSV through the aggregator (lkip.report.v1 ImportInstrumentRows)
// into the import of the service that owns them, in batches of 1,000 rows, with a progress
// callback. CSV parsing is libfccp's (Fast C++ CSV
// Parser): a header row names the columns (any order, extra columns ignored), values trimmed,
// quoted fields allowed. Each row carries its line number in the file.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "lkip/indicator/v1/indicator.pb.h"
#include "lkip/report/v1/report.grpc.pb.h"

namespace lkip::ctl {

// Called with (rows read, rows in the file) now and then.
using Progress = std::function<void(int64_t done, int64_t total)>;

// SKM questionnaires: `satker_code,u1,...,u9` (the nine elements of PermenPANRB 14/2017 in
// order, 1..4; empty or 0 = not answered).
absl::StatusOr<indicator::v1::ImportResult> ImportSkmCsv(report::v1::ReportService::StubInterface& stub,
                                                         grpc::ClientContext* context,
                                                         const std::string& path,
                                                         const indicator::v1::ImportHeader& header,
                                                         const Progress& progress);

// IKP assessments: `satker_code,lembaga,lingkungan,sdm,metode,anggaran,material,sistem,aktivitas`
// (scores 1..4).
absl::StatusOr<indicator::v1::ImportResult> ImportIkpCsv(report::v1::ReportService::StubInterface& stub,
                                                         grpc::ClientContext* context,
                                                         const std::string& path,
                                                         const indicator::v1::ImportHeader& header,
                                                         const Progress& progress);

// WHOQOL-BREF forms: `satker_code,client_ref,jenis,tanggal,dibalik,q1,...,q26` (jenis: intake
// or after; tanggal YYYY-MM-DD; dibalik: "ya" when Q3, Q4, Q26 were printed pre-reversed, else
// empty or "tidak"; answers 1..5, empty or 0 = missing).
absl::StatusOr<indicator::v1::ImportResult> ImportWhoqolCsv(report::v1::ReportService::StubInterface& stub,
                                                            grpc::ClientContext* context,
                                                            const std::string& path,
                                                            const indicator::v1::ImportHeader& header,
                                                            const Progress& progress);

// Respondent index scores (Dektari, Dektara): `satker_code,ukuran,responden,skor` (ukuran: the
// measure, e.g. dektari; skor a decimal, "51,3" or "51.3").
absl::StatusOr<indicator::v1::ImportResult> ImportRespondentCsv(
    report::v1::ReportService::StubInterface& stub, grpc::ClientContext* context, const std::string& path,
    const indicator::v1::ImportHeader& header, const Progress& progress);

// Register entries (§6.3): `satker_code,register,kode,tanggal,atribut,keterangan` (register:
// the measure, e.g. petugas_ibm_dilatih; kode: the entry's code; tanggal: the date it
// qualified; atribut: the profession for certified officers).
absl::StatusOr<indicator::v1::ImportResult> ImportRegisterCsv(report::v1::ReportService::StubInterface& stub,
                                                              grpc::ClientContext* context,
                                                              const std::string& path,
                                                              const indicator::v1::ImportHeader& header,
                                                              const Progress& progress);

// A default import id for a file: its name, with characters outside [A-Za-z0-9._-] replaced.
std::string ImportIdFor(const std::string& path);

}  // namespace lkip::ctl
