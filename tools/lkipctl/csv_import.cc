#include "tools/lkipctl/csv_import.h"

// libfccp's error class copies file names with strncpy, which GCC 12 flags; not our code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status/status.h"

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
  return lines > 0 ? lines - 1 : 0;   // minus the header row
}

}  // namespace

std::string ImportIdFor(const std::string& path) {
  std::string id = std::filesystem::path(path).filename().string();
  for (char& c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  }
  return id.substr(0, 100);
}

absl::StatusOr<indicator::v1::ImportResult> ImportSkmCsv(rehabilitasi::v1::Rehabilitasi::StubInterface& stub,
                                                         grpc::ClientContext* context, const std::string& path,
                                                         const indicator::v1::ImportHeader& header,
                                                         const Progress& progress) {
  const int64_t total = CountDataLines(path);
  indicator::v1::ImportResult result;
  std::unique_ptr<grpc::ClientWriterInterface<rehabilitasi::v1::ImportSkmResponsesRequest>> writer;
  absl::Status local;   // a problem found here; the stream is then cancelled
  try {
    io::CSVReader<10, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> reader(path);
    reader.read_header(io::ignore_extra_column, "satker_code", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8",
                       "u9");
    writer = stub.ImportSkmResponses(context, &result);
    rehabilitasi::v1::ImportSkmResponsesRequest message;
    *message.mutable_header() = header;
    if (!writer->Write(message)) local = absl::UnavailableError("the service closed the import stream");
    std::string satker;
    std::array<std::string, 9> cells;
    int64_t done = 0;
    message.Clear();
    // Rows go in batches of kBatchRows (one message each).
    auto send = [&]() {
      if (message.rows().rows_size() == 0) return true;
      const bool sent = writer->Write(message);
      message.Clear();
      return sent;
    };
    while (local.ok() && reader.read_row(satker, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5],
                                         cells[6], cells[7], cells[8])) {
      auto* row = message.mutable_rows()->add_rows();
      row->set_row_number(static_cast<int64_t>(reader.get_file_line()));
      row->set_satker_code(satker);
      for (int i = 0; i < 9 && local.ok(); ++i) {
        int value = 0;
        if (!cells[i].empty() && !absl::SimpleAtoi(cells[i], &value)) {
          local = absl::InvalidArgumentError(absl::StrCat(path, ": line ", reader.get_file_line(), ", column u", i + 1,
                                                          ": \"", cells[i], "\" is not a whole number"));
        }
        row->add_answers(value);
      }
      ++done;
      if (local.ok() && message.rows().rows_size() == kBatchRows && !send()) break;   // Finish says why
      if (progress && (done % 10000 == 0 || done == total)) progress(done, total);
    }
    if (local.ok()) send();
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
  if (!status.ok()) {
    indicator::v1::ImportResult details;
    absl::Status s = FromGrpc(status);
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT && details.ParseFromString(status.error_details()) &&
        details.errors_size() > 0) {
      std::string listing = absl::StrCat(path, ": ", details.errors_total(), " bad rows, nothing imported:");
      for (const auto& e : details.errors()) {
        absl::StrAppend(&listing, "\n  line ", e.row_number(), ": ", e.field(), " \"", e.value(), "\": ", e.problem());
      }
      if (details.errors_total() > details.errors_size()) {
        absl::StrAppend(&listing, "\n  ... and ", details.errors_total() - details.errors_size(), " more");
      }
      return absl::InvalidArgumentError(listing);
    }
    return s;
  }
  return result;
}

}  // namespace lkip::ctl
