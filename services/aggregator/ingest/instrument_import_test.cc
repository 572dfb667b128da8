// Instrument rows streamed through the aggregator reach the bidang service that owns them, over
// real servers on 127.0.0.1:0: the rows are imported with the caller's actor; the service's
// refusal comes back with its bad rows; a stream that changes instrument, is empty, or names a
// service without an address is refused, and nothing is written.
#include "services/aggregator/ingest/instrument_import.h"

#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "common/testing/bidang_fixture.h"
#include "services/aggregator/aggregator_fixture.h"
#include "services/rehabilitasi/rehabilitasi_service.h"

namespace lkip::aggregator {
namespace {

using report::v1::ImportInstrumentRowsRequest;

ImportInstrumentRowsRequest SkmHeader(const std::string& import_id) {
  ImportInstrumentRowsRequest m;
  auto* h = m.mutable_skm()->mutable_header();
  h->set_import_id(import_id);
  h->set_fiscal_year(2023);
  h->set_source_document(import_id + ".csv");
  return m;
}

ImportInstrumentRowsRequest SkmEnd(int64_t rows) {
  ImportInstrumentRowsRequest m;
  m.mutable_skm()->mutable_end()->set_rows(rows);
  return m;
}

ImportInstrumentRowsRequest SkmRow(int64_t line, const std::string& satker, int answer) {
  ImportInstrumentRowsRequest m;
  auto* row = m.mutable_skm()->mutable_row();
  row->set_row_number(line);
  row->set_satker_code(satker);
  for (int i = 0; i < 9; ++i) row->add_answers(answer);
  return m;
}

class InstrumentImportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(rehab_.PutUnits().ok()); }

  grpc::Status Stream(const std::vector<ImportInstrumentRowsRequest>& messages,
                      indicator::v1::ImportResult* result) {
    auto ctx = testing::Context("petugas-skm");
    auto writer = aggregator_.reports().ImportInstrumentRows(ctx.get(), result);
    for (const auto& m : messages) {
      if (!writer->Write(m)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }

  // As Stream, again while the service still holds the import id of a stream it has not yet
  // seen end (ABORTED, "already streaming"): the caller hears of a cancellation first.
  grpc::Status StreamOnceFree(const std::vector<ImportInstrumentRowsRequest>& messages,
                              indicator::v1::ImportResult* result) {
    grpc::Status s;
    for (int attempt = 0; attempt < 100; ++attempt) {
      s = Stream(messages, result);
      if (s.error_code() != grpc::StatusCode::ABORTED) break;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return s;
  }

  testing::BidangFixture<rehabilitasi::v1::Rehabilitasi, rehabilitasi::RehabilitasiService> rehab_{
      "rehabilitasi"};
  // pencegahan is not configured: its instruments have no address.
  testing::AggregatorFixture aggregator_{{{"rehabilitasi", rehab_.address()}}};
};

TEST_F(InstrumentImportTest, RowsReachTheServiceWithTheCallersActor) {
  indicator::v1::ImportResult result;
  grpc::Status s =
      Stream({SkmHeader("skm-1"), SkmRow(2, "BNNP_NTB", 4), SkmRow(3, "BNNK_BIMA", 3), SkmEnd(2)}, &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(result.rows(), 2);
  EXPECT_EQ(result.import_id(), "skm-1");
  auto audit = rehab_.store().ReadAudit(100000);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().actor(), "petugas-skm");
  // The same import again changes nothing, and says so.
  s = Stream({SkmHeader("skm-1"), SkmRow(2, "BNNP_NTB", 4), SkmRow(3, "BNNK_BIMA", 3), SkmEnd(2)}, &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(result.already_imported());
}

TEST_F(InstrumentImportTest, TheServicesRefusalComesBackWithItsBadRows) {
  const size_t audits = rehab_.AuditEntries();
  indicator::v1::ImportResult result;
  grpc::Status s = Stream(
      {SkmHeader("skm-bad"), SkmRow(2, "BNNP_NTB", 4), SkmRow(3, "BNNK_LOMBOK", 4), SkmEnd(2)}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details())) << s.error_message();
  ASSERT_EQ(details.errors_size(), 1);
  EXPECT_EQ(details.errors(0).row_number(), 3);
  EXPECT_EQ(details.errors(0).field(), "satker_code");
  EXPECT_EQ(rehab_.AuditEntries(), audits);
}

TEST_F(InstrumentImportTest, AStreamThatChangesInstrumentIsRefusedAndWritesNothing) {
  const size_t audits = rehab_.AuditEntries();
  ImportInstrumentRowsRequest whoqol;
  whoqol.mutable_whoqol()->mutable_row()->set_row_number(3);
  indicator::v1::ImportResult result;
  grpc::Status s = Stream({SkmHeader("skm-mixed"), SkmRow(2, "BNNP_NTB", 4), whoqol}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(),
            "message 3: instrument whoqol, but the import began as skm; nothing is imported");
  EXPECT_EQ(rehab_.AuditEntries(), audits);
  // The id is free once the service has seen the stream end: the discarded import kept nothing.
  s = StreamOnceFree({SkmHeader("skm-mixed"), SkmRow(2, "BNNP_NTB", 4), SkmEnd(1)}, &result);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(result.already_imported());
}

TEST_F(InstrumentImportTest, AStreamWithoutItsEndMessageImportsNothing) {
  const size_t audits = rehab_.AuditEntries();
  indicator::v1::ImportResult result;
  grpc::Status s = Stream({SkmHeader("skm-cut"), SkmRow(2, "BNNP_NTB", 4)}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("without the import's end message"), std::string::npos)
      << s.error_message();
  s = Stream({SkmHeader("skm-cut"), SkmRow(2, "BNNP_NTB", 4), SkmEnd(2)}, &result);
  EXPECT_EQ(s.error_message(), "end.rows: 2 rows declared, 1 received; nothing is imported");
  EXPECT_EQ(rehab_.AuditEntries(), audits);
}

TEST_F(InstrumentImportTest, EmptyStreamsAndServicesWithoutAddressAreRefused) {
  indicator::v1::ImportResult result;
  grpc::Status s = Stream({}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("the stream is empty"), std::string::npos) << s.error_message();

  ImportInstrumentRowsRequest none;
  s = Stream({none}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("names no instrument"), std::string::npos) << s.error_message();

  ImportInstrumentRowsRequest ikp;
  ikp.mutable_ikp()->mutable_header()->set_import_id("ikp-1");
  s = Stream({ikp}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(s.error_message().find("pencegahan has no address"), std::string::npos) << s.error_message();
}

TEST_F(InstrumentImportTest, ACallerThatGoesAwayImportsNothing) {
  const size_t audits = rehab_.AuditEntries();
  indicator::v1::ImportResult result;
  auto ctx = testing::Context("petugas-skm");
  auto writer = aggregator_.reports().ImportInstrumentRows(ctx.get(), &result);
  ASSERT_TRUE(writer->Write(SkmHeader("skm-gone")));
  ASSERT_TRUE(writer->Write(SkmRow(2, "BNNP_NTB", 4)));
  ctx->TryCancel();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_EQ(rehab_.AuditEntries(), audits);
  // The service let go of the id: the whole file under it is accepted, as new.
  grpc::Status s = StreamOnceFree({SkmHeader("skm-gone"), SkmRow(2, "BNNP_NTB", 4), SkmEnd(1)}, &result);
  EXPECT_TRUE(s.ok()) << s.error_message();
  EXPECT_FALSE(result.already_imported());
}

}  // namespace
}  // namespace lkip::aggregator
