#include "tools/lkipctl/csv_import.h"

// libfccp's error class copies file names with strncpy, which GCC 12 flags; not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <google/protobuf/stubs/common.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/numeric/decimal.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "common/validation/date.h"

namespace lkip::ctl {
namespace {

constexpr int kBatchRows = 1000;

int64_t CountDataLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  int64_t lines = 0;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) lines += buffer[i] == '\n';
  }
  return lines > 0 ? lines - 1 : 0;  // minus the header row
}

// A cell that is not UTF-8 (a CSV saved as Windows-1252 or Latin-1) is refused here, naming its
// line, column and first bad byte: protobuf would refuse the row's message on the wire and the
// import would end with no word of why. The check is protobuf's own.
absl::Status Utf8Cell(const std::string& path, int64_t line, const std::string& column,
                      const std::string& cell) {
  const int valid = google::protobuf::internal::UTF8SpnStructurallyValid(cell);
  if (valid == static_cast<int>(cell.size())) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrFormat("%s: line %d, column %s: not UTF-8 text (byte 0x%02X at position %d); save the file "
                      "as UTF-8 (CSV UTF-8), not Windows-1252 or Latin-1",
                      path, line, column, static_cast<unsigned char>(cell[valid]), valid + 1));
}

// Parses a whole-number cell (empty counts as 0) or says which line, column and value.
absl::Status IntCell(const std::string& path, int64_t line, const std::string& column,
                     const std::string& cell, int* out) {
  *out = 0;
  if (cell.empty() || absl::SimpleAtoi(cell, out)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": line ", line, ", column ", column, ": \"", cell, "\" is not a whole number"));
}

// Parses a YYYY-MM-DD cell into the API's date or says which line, column and value (the service
// checks that the calendar has the day).
absl::Status DateCell(const std::string& path, int64_t line, const std::string& column,
                      const std::string& cell, common::v1::Date* out) {
  *out = DateFromIso(cell);
  if (!IsUnset(*out)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(path, ": line ", line, ", column ", column, ": \"", cell,
                                                 "\" is not a date (YYYY-MM-DD)"));
}

// The server's refusal, with every bad row it listed in the status details.
absl::Status Refusal(const std::string& path, const grpc::Status& status) {
  indicator::v1::ImportResult details;
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT ||
      !details.ParseFromString(status.error_details()) || details.errors_size() == 0) {
    return FromGrpc(status);
  }
  std::string listing = absl::StrCat(path, ": ", details.errors_total(), " bad rows, nothing imported:");
  for (const auto& e : details.errors()) {
    absl::StrAppend(&listing, "\n  line ", e.row_number(), ": ", e.field(), " \"", e.value(),
                    "\": ", e.problem());
  }
  if (details.errors_total() > details.errors_size()) {
    absl::StrAppend(&listing, "\n  ... and ", details.errors_total() - details.errors_size(), " more");
  }
  return absl::InvalidArgumentError(listing);
}

// Reads the CSV's N named columns row by row, builds each row with `fill` and streams them to
// the aggregator in batches after the header, each message wrapping the instrument's own
// request (`wrap`: where it goes in ImportInstrumentRowsRequest). A problem found locally
// cancels the stream: nothing is imported.
template <size_t N, typename Request, typename Fill>
absl::StatusOr<indicator::v1::ImportResult> StreamCsv(
    report::v1::ReportService::StubInterface& stub,
    Request* (report::v1::ImportInstrumentRowsRequest::*wrap)(), const std::string& path,
    const indicator::v1::ImportHeader& header, const std::array<std::string, N>& columns,
    grpc::ClientContext* context, Fill fill, const Progress& progress) {
  const int64_t total = CountDataLines(path);
  indicator::v1::ImportResult result;
  std::unique_ptr<grpc::ClientWriterInterface<report::v1::ImportInstrumentRowsRequest>> writer;
  absl::Status local;
  try {
    io::CSVReader<N, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> reader(path);
    std::apply([&](const auto&... names) { reader.read_header(io::ignore_extra_column, names...); }, columns);
    writer = stub.ImportInstrumentRows(context, &result);
    report::v1::ImportInstrumentRowsRequest wrapped;
    Request& message = *(wrapped.*wrap)();
    *message.mutable_header() = header;
    if (!writer->Write(wrapped)) local = absl::UnavailableError("the aggregator closed the import stream");
    message.Clear();
    auto send = [&]() {
      if (message.rows().rows_size() == 0) return true;
      const bool sent = writer->Write(wrapped);
      message.Clear();
      return sent;
    };
    std::array<std::string, N> cells;
    int64_t done = 0;
    while (local.ok() && std::apply([&](auto&... c) { return reader.read_row(c...); }, cells)) {
      auto* row = message.mutable_rows()->add_rows();
      const auto line = static_cast<int64_t>(reader.get_file_line());
      row->set_row_number(line);
      for (size_t i = 0; i < N && local.ok(); ++i) local = Utf8Cell(path, line, columns[i], cells[i]);
      if (local.ok()) local = fill(line, cells, row);
      ++done;
      if (local.ok() && message.rows().rows_size() == kBatchRows && !send()) break;  // Finish says why
      if (progress && (done % 10000 == 0 || done == total)) progress(done, total);
    }
    if (local.ok() && send()) {
      message.mutable_end()->set_rows(done);
      writer->Write(wrapped);  // only after it does the service commit
    }
  } catch (const io::error::base& e) {
    local = absl::InvalidArgumentError(absl::StrCat(path, ": ", e.what()));
  }
  if (!writer) return local;
  if (!local.ok()) {
    context->TryCancel();
    writer->Finish();
    return local;
  }
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) return Refusal(path, status);
  return result;
}

}  // namespace

std::string ImportIdFor(const std::string& path) {
  std::string id = std::filesystem::path(path).filename().string();
  for (char& c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  }
  return id.substr(0, 100);
}

absl::StatusOr<indicator::v1::ImportResult> ImportSkmCsv(report::v1::ReportService::StubInterface& stub,
                                                         grpc::ClientContext* context,
                                                         const std::string& path,
                                                         const indicator::v1::ImportHeader& header,
                                                         const Progress& progress) {
  const std::array<std::string, 10> columns = {"satker_code", "u1", "u2", "u3", "u4",
                                               "u5",          "u6", "u7", "u8", "u9"};
  return StreamCsv<10>(
      stub, &report::v1::ImportInstrumentRowsRequest::mutable_skm, path, header, columns, context,
      [&](int64_t line, const std::array<std::string, 10>& cells, rehabilitasi::v1::SkmResponseRow* row) {
        row->set_satker_code(cells[0]);
        for (int i = 1; i < 10; ++i) {
          int value = 0;
          RETURN_IF_ERROR(IntCell(path, line, columns[i], cells[i], &value));
          row->add_answers(value);
        }
        return absl::OkStatus();
      },
      progress);
}

absl::StatusOr<indicator::v1::ImportResult> ImportIkpCsv(report::v1::ReportService::StubInterface& stub,
                                                         grpc::ClientContext* context,
                                                         const std::string& path,
                                                         const indicator::v1::ImportHeader& header,
                                                         const Progress& progress) {
  const std::array<std::string, 9> columns = {"satker_code", "lembaga",  "lingkungan", "sdm",      "metode",
                                              "anggaran",    "material", "sistem",     "aktivitas"};
  return StreamCsv<9>(
      stub, &report::v1::ImportInstrumentRowsRequest::mutable_ikp, path, header, columns, context,
      [&](int64_t line, const std::array<std::string, 9>& cells, pencegahan::v1::IkpAssessmentRow* row) {
        row->set_satker_code(cells[0]);
        row->set_institution(cells[1]);
        row->set_lingkungan(cells[2]);
        for (int i = 3; i < 9; ++i) {
          int value = 0;
          RETURN_IF_ERROR(IntCell(path, line, columns[i], cells[i], &value));
          row->add_scores(value);
        }
        return absl::OkStatus();
      },
      progress);
}

absl::StatusOr<indicator::v1::ImportResult> ImportWhoqolCsv(report::v1::ReportService::StubInterface& stub,
                                                            grpc::ClientContext* context,
                                                            const std::string& path,
                                                            const indicator::v1::ImportHeader& header,
                                                            const Progress& progress) {
  constexpr size_t kColumns = 5 + 26;
  std::array<std::string, kColumns> columns = {"satker_code", "client_ref", "jenis", "tanggal", "dibalik"};
  for (int q = 1; q <= 26; ++q) columns[4 + q] = absl::StrCat("q", q);
  return StreamCsv<kColumns>(
      stub, &report::v1::ImportInstrumentRowsRequest::mutable_whoqol, path, header, columns, context,
      [&](int64_t line, const std::array<std::string, kColumns>& cells, rehabilitasi::v1::WhoqolRow* row) {
        row->set_satker_code(cells[0]);
        row->set_client_ref(cells[1]);
        row->set_kind(cells[2]);
        RETURN_IF_ERROR(DateCell(path, line, columns[3], cells[3], row->mutable_date()));
        const std::string reversed = absl::AsciiStrToLower(cells[4]);
        if (reversed != "" && reversed != "ya" && reversed != "tidak") {
          return absl::InvalidArgumentError(absl::StrCat(path, ": line ", line, ", column dibalik: \"",
                                                         cells[4], "\" is neither ya nor tidak"));
        }
        row->set_pre_reversed(reversed == "ya");
        for (size_t i = 5; i < kColumns; ++i) {
          int value = 0;
          RETURN_IF_ERROR(IntCell(path, line, columns[i], cells[i], &value));
          row->add_items(value);
        }
        return absl::OkStatus();
      },
      progress);
}

absl::StatusOr<indicator::v1::ImportResult> ImportRespondentCsv(
    report::v1::ReportService::StubInterface& stub, grpc::ClientContext* context, const std::string& path,
    const indicator::v1::ImportHeader& header, const Progress& progress) {
  const std::array<std::string, 4> columns = {"satker_code", "ukuran", "responden", "skor"};
  return StreamCsv<4>(
      stub, &report::v1::ImportInstrumentRowsRequest::mutable_respondent_scores, path, header, columns,
      context,
      [&](int64_t line, const std::array<std::string, 4>& cells, pencegahan::v1::RespondentScoreRow* row) {
        row->set_satker_code(cells[0]);
        row->set_measure(cells[1]);
        row->set_respondent_ref(cells[2]);
        auto score = Decimal::ParseLocalized(cells[3]);
        if (!score.ok()) {
          return absl::InvalidArgumentError(absl::StrCat(path, ": line ", line, ", column skor: \"", cells[3],
                                                         "\" is not a number (51,3 or 51.3)"));
        }
        row->mutable_score()->set_value(score->ToExactString());
        return absl::OkStatus();
      },
      progress);
}

absl::StatusOr<indicator::v1::ImportResult> ImportRegisterCsv(report::v1::ReportService::StubInterface& stub,
                                                              grpc::ClientContext* context,
                                                              const std::string& path,
                                                              const indicator::v1::ImportHeader& header,
                                                              const Progress& progress) {
  const std::array<std::string, 6> columns = {"satker_code", "register", "kode",
                                              "tanggal",     "atribut",  "keterangan"};
  return StreamCsv<6>(
      stub, &report::v1::ImportInstrumentRowsRequest::mutable_register_entries, path, header, columns,
      context,
      [&](int64_t line, const std::array<std::string, 6>& cells, rehabilitasi::v1::RegisterEntryRow* row) {
        row->set_satker_code(cells[0]);
        row->set_measure(cells[1]);
        row->set_entry_ref(cells[2]);
        RETURN_IF_ERROR(DateCell(path, line, columns[3], cells[3], row->mutable_qualified_date()));
        row->set_attribute(cells[4]);
        row->set_description(cells[5]);
        return absl::OkStatus();
      },
      progress);
}

}  // namespace lkip::ctl
