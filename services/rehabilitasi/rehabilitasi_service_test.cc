// The rehabilitasi service's SKM import through the real client-streaming stub, on a real
// server and store.
#include "services/rehabilitasi/rehabilitasi_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_session.h"
#include "common/storage/key_codec.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"

namespace lkip::rehabilitasi {
namespace {

using testing::Context;

class SkmImportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_->PutUnits().ok()); }

  struct Row {
    int64_t number;
    std::string satker;
    std::vector<int> answers;
  };

  grpc::Status Import(const std::string& id, const std::vector<Row>& rows,
                      indicator::v1::ImportResult* result, bool header = true, bool same_rows_again = false,
                      const Principal* caller = nullptr) {
    std::vector<v1::SkmResponseRow> messages;
    for (const auto& r : rows) {
      auto& m = messages.emplace_back();
      m.set_row_number(r.number);
      m.set_satker_code(r.satker);
      for (int a : r.answers) m.add_answers(a);
    }
    return testing::StreamRows<v1::ImportSkmResponsesRequest>(
        [&](auto* ctx, auto* res) { return f_->stub().ImportSkmResponses(ctx, res); }, id, messages, result,
        header, same_rows_again, caller);
  }

  std::vector<Row> Good() {
    return {{2, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4}},
            {3, "BNNP_NTB", {3, 3, 3, 4, 3, 3, 3, 4, 3}},
            {4, "BNNP_NTB", {4, 3, 4, 4, 4, 4, 4, 4, 0}},
            {5, "BNNK_BIMA", {3, 3, 3, 3, 3, 3, 3, 3, 3}}};
  }

  // Rows staged or kept, counted inside their blocks.
  size_t StagedRows() {
    size_t rows = 0;
    auto blocks = f_->store().Scan(std::string(1, static_cast<char>(kTagImportRowBlock)), 100000);
    EXPECT_TRUE(blocks.ok()) << blocks.status();
    if (!blocks.ok()) return 0;
    for (const auto& kv : *blocks) {
      storage::v1::ImportRowBlock block;
      EXPECT_TRUE(block.ParseFromString(kv.value));
      rows += block.rows_size();
    }
    return rows + f_->store().Scan(std::string(1, static_cast<char>(kTagImportRow)), 100000)->size();
  }

  std::unique_ptr<testing::BidangFixture<v1::Rehabilitasi, RehabilitasiService>> f_ =
      std::make_unique<testing::BidangFixture<v1::Rehabilitasi, RehabilitasiService>>("rehabilitasi");
};

// The rows of a stream are an operator's only when their satker is its own: one row of another
// satker refuses the whole import (nothing is imported).
TEST_F(SkmImportTest, AnOperatorStreamsRowsOfItsOwnSatkerOnly) {
  const Principal wayan{"wayan", Role::kOperator, "BNNP_NTB", {"BNNK_BIMA"}, ""};
  indicator::v1::ImportResult result;
  const std::vector<Row> bima = {{2, "BNNK_BIMA", {4, 4, 4, 4, 4, 4, 4, 4, 4}},
                                 {3, "BNNK_BIMA", {3, 3, 3, 4, 3, 3, 3, 4, 3}}};
  grpc::Status s = Import("skm-bima", bima, &result, true, false, &wayan);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const size_t audits = f_->AuditEntries();
  std::vector<Row> mixed = bima;
  mixed.push_back({4, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4}});
  s = Import("skm-mixed", mixed, &result, true, false, &wayan);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("BNNK_BIMA only, not BNNP_NTB"), std::string::npos) << s.error_message();
  EXPECT_EQ(f_->AuditEntries(), audits);
  EXPECT_EQ(StagedRows(), 2u);  // skm-bima's, kept; nothing of skm-mixed
}

// Imports are objects: listed a page at a time (by kind and id, filtered by year) and shown one
// by one with their rows, digest, actor and the satker they changed.
TEST_F(SkmImportTest, CommittedImportsAreListedAndShown) {
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("skm-b", Good(), &result).ok());
  std::vector<Row> other = Good();
  other[0].answers[0] = 1;
  ASSERT_TRUE(Import("skm-a", other, &result).ok());
  ASSERT_FALSE(
      Import("skm-c", {{2, "BNNP_NTB", {9, 9, 9, 9, 9, 9, 9, 9, 9}}}, &result).ok());  // refused: not listed
  indicator::v1::ListImportsRequest list;
  list.set_fiscal_year(2023);
  list.set_page_size(1);
  std::vector<std::string> ids;
  do {
    indicator::v1::ListImportsResponse page;
    grpc::Status s = f_->source().ListImports(testing::Context().get(), list, &page);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_LE(page.imports_size(), 1);
    for (const auto& i : page.imports()) ids.push_back(i.kind() + "/" + i.import_id());
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(ids, (std::vector<std::string>{"skm/skm-a", "skm/skm-b"}));
  list.set_fiscal_year(2022);
  list.set_page_size(0);
  indicator::v1::ListImportsResponse none;
  ASSERT_TRUE(f_->source().ListImports(testing::Context().get(), list, &none).ok());
  EXPECT_EQ(none.imports_size(), 0);

  indicator::v1::GetImportRequest get;
  get.set_kind("skm");
  get.set_import_id("skm-b");
  indicator::v1::ImportInfo info;
  ASSERT_TRUE(f_->source().GetImport(testing::Context().get(), get, &info).ok());
  EXPECT_EQ(info.service(), "rehabilitasi");
  EXPECT_EQ(info.rows(), 4);
  EXPECT_EQ(info.actor(), "petugas");
  EXPECT_EQ(info.source_document(), "skm-b.csv");
  EXPECT_EQ(info.digest_sha256().size(), 64u);
  EXPECT_EQ(std::vector<std::string>(info.satker_codes().begin(), info.satker_codes().end()),
            (std::vector<std::string>{"BNNK_BIMA", "BNNP_NTB"}));
  get.set_import_id("skm-c");
  grpc::Status s = f_->source().GetImport(testing::Context().get(), get, &info);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  EXPECT_NE(s.error_message().find("skm/skm-c"), std::string::npos) << s.error_message();
  list.set_page_size(10001);
  s = f_->source().ListImports(testing::Context().get(), list, &none);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("page_size"), std::string::npos) << s.error_message();
}

TEST_F(SkmImportTest, ImportComputesTheSkmIndexPerSatker) {
  indicator::v1::ImportResult result;
  grpc::Status s = Import("skm-2023-01", Good(), &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(result.rows(), 4);
  EXPECT_FALSE(result.already_imported());
  EXPECT_EQ(result.satker_updated_size(), 2);

  v1::GetSkmResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNP_NTB");
  v1::SkmResult skm;
  ASSERT_TRUE(f_->stub().GetSkmResult(Context().get(), get, &skm).ok());
  EXPECT_EQ(skm.questionnaires(), 3);
  EXPECT_EQ(skm.elements(1).nrr().value(), "10/3");  // 4, 3, 3
  EXPECT_EQ(skm.elements(8).nrr().value(), "3.5");   // 4, 3 (third unanswered)
  EXPECT_EQ(skm.elements(8).answered(), 2);
  // NRR 11/3, 10/3, 11/3, 4, 11/3, 11/3, 11/3, 4, 7/2: sum 199/6; index = sum / 9 = 199/54.
  EXPECT_EQ(skm.index().value(), "199/54");
  EXPECT_EQ(skm.weight(), "1/9");
  EXPECT_EQ(f_->store().ReadAudit(100)->back().actor(), "petugas");
}

TEST_F(SkmImportTest, ComputedAndRecordedValuesSitSideBySide) {
  indicator::v1::RecordSatkerValuesRequest rec;
  rec.set_fiscal_year(2023);
  auto* v = rec.add_values();
  v->set_measure("ikm_layanan_rehab");
  v->set_satker_code("BNNP_NTB");
  v->mutable_value()->set_value("3.81");
  v->set_source_document("LKIP 2023");
  ASSERT_TRUE(f_->Record(rec).ok());
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("skm-2023-01", Good(), &result).ok());

  // The shipped rules use the recorded value for IKK-11; the computed one is shown beside it.
  auto values = f_->Values("IKK-11");
  ASSERT_EQ(values.values_size(), 1);
  EXPECT_EQ(values.values(0).realisasi().value(), "3.81");
  const auto& row = values.values(0).satker_rows(0);
  EXPECT_EQ(row.provenance().kind(), common::v1::PROVENANCE_KIND_IMPORTED);
  EXPECT_EQ(row.alternative().value().value(), "199/54");
  EXPECT_EQ(row.alternative().provenance().kind(), common::v1::PROVENANCE_KIND_COMPUTED);
  EXPECT_NE(row.alternative().provenance().rule_ref().find("PermenPANRB 14/2017"), std::string::npos);
}

TEST_F(SkmImportTest, ARuleSetCanNameTheComputedValue) {
  rules::v1::RuleSet rs = (*testing::ShippedRules().ForYear(2023))->rules();
  for (auto& ind : *rs.mutable_indicators()) {
    if (ind.code() == "IKK-11") ind.set_value_source(rules::v1::VALUE_SOURCE_COMPUTED);
  }
  rs.mutable_instruments()->set_skm_weight("0.11");
  f_ = std::make_unique<testing::BidangFixture<v1::Rehabilitasi, RehabilitasiService>>(
      "rehabilitasi", std::move(*RuleBook::FromRuleSets({rs})));
  ASSERT_TRUE(f_->PutUnits().ok());
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("skm-2023-01", Good(), &result).ok());
  auto values = f_->Values("IKK-11");
  // 0,11 x sum of NRR (199/6) = 2189/600
  EXPECT_EQ(values.values(0).realisasi().value(), "2189/600");
  EXPECT_EQ(values.values(0).satker_rows(0).provenance().kind(), common::v1::PROVENANCE_KIND_COMPUTED);
}

TEST_F(SkmImportTest, RepeatingAnImportChangesNothingAndSaysSo) {
  indicator::v1::ImportResult first, second, other;
  ASSERT_TRUE(Import("skm-2023-01", Good(), &first).ok());
  const size_t audits = f_->AuditEntries();
  const size_t staged = StagedRows();
  ASSERT_TRUE(Import("skm-2023-01", Good(), &second).ok());
  EXPECT_TRUE(second.already_imported());
  EXPECT_EQ(f_->AuditEntries(), audits);
  EXPECT_EQ(StagedRows(), staged);
  auto rows = Good();
  rows[0].answers[0] = 1;
  grpc::Status s = Import("skm-2023-01", rows, &other);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(f_->AuditEntries(), audits);
}

// A renamed copy of a file is not counted twice: the same rows under another id are refused,
// naming the import that has them, unless the header says they are meant to count again.
TEST_F(SkmImportTest, TheSameRowsUnderAnotherIdAreRefusedUnlessMeant) {
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("skm-januari", Good(), &result).ok());
  const size_t audits = f_->AuditEntries();
  grpc::Status s = Import("skm-januari-salinan", Good(), &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(s.error_message().find("the same 4 rows were imported before as skm-januari"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(f_->AuditEntries(), audits);
  ASSERT_TRUE(Import("skm-januari-salinan", Good(), &result, true, /*same_rows_again=*/true).ok());
  EXPECT_EQ(result.rows(), 4);
  EXPECT_FALSE(result.already_imported());
  EXPECT_EQ(f_->AuditEntries(), audits + 1);
}

TEST_F(SkmImportTest, BadRowsAreAllReportedAndNothingIsWritten) {
  const size_t audits = f_->AuditEntries();
  auto rows = Good();
  rows.push_back({6, "BNNP_NTB", {3, 3, 3, 3, 5, 3, 3, 3, 3}});     // SKM answer 5
  rows.push_back({7, "BNNK_LOMBOK", {3, 3, 3, 3, 3, 3, 3, 3, 3}});  // unknown satker
  rows.push_back({8, "BNNP_NTB", {3, 3, 3}});                       // three answers
  rows.push_back({9, "BNNP_NTB", {0, 0, 0, 0, 0, 0, 0, 0, 0}});     // nothing answered
  indicator::v1::ImportResult result;
  grpc::Status s = Import("skm-2023-bad", rows, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("row 6"), std::string::npos) << s.error_message();
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  ASSERT_EQ(details.errors_size(), 4);
  EXPECT_EQ(details.errors(0).row_number(), 6);
  EXPECT_EQ(details.errors(0).field(), "answers[4] (produk spesifikasi jenis pelayanan)");
  EXPECT_EQ(details.errors(0).value(), "5");
  EXPECT_EQ(details.errors(1).field(), "satker_code");
  EXPECT_EQ(details.errors(1).value(), "BNNK_LOMBOK");
  EXPECT_EQ(details.errors(2).field(), "answers");
  EXPECT_EQ(details.errors(3).row_number(), 9);
  EXPECT_EQ(f_->AuditEntries(), audits);
  EXPECT_EQ(StagedRows(), 0u);
  v1::GetSkmResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNP_NTB");
  v1::SkmResult skm;
  EXPECT_EQ(f_->stub().GetSkmResult(Context().get(), get, &skm).error_code(), grpc::StatusCode::NOT_FOUND);
  // The same id can then be used for the corrected rows.
  ASSERT_TRUE(Import("skm-2023-bad", Good(), &result).ok());
}

size_t PendingImports(Store& store) {
  return store.Scan(std::string(1, static_cast<char>(kTagImportPending)), 1000000)->size();
}

// A stream that ends without its end message, after rows were already staged (the first 10.000
// are written as they arrive), leaves nothing behind: not the rows, not the pending marker.
TEST_F(SkmImportTest, AnAbandonedImportLeavesNoStagedRows) {
  indicator::v1::ImportResult result;
  auto ctx = Context();
  auto writer = f_->stub().ImportSkmResponses(ctx.get(), &result);
  v1::ImportSkmResponsesRequest m;
  m.mutable_header()->set_import_id("skm-cut");
  m.mutable_header()->set_fiscal_year(2023);
  ASSERT_TRUE(writer->Write(m));
  for (int i = 0; i < 10500; ++i) {
    m.Clear();
    m.mutable_row()->set_row_number(i + 2);
    m.mutable_row()->set_satker_code("BNNP_NTB");
    for (int a = 0; a < 9; ++a) m.mutable_row()->add_answers(3);
    ASSERT_TRUE(writer->Write(m));
  }
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("without the import's end message"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(StagedRows(), 0u);
  EXPECT_EQ(PendingImports(f_->store()), 0u);
}

// What a killed service leaves staged (the session never ended) is discarded when it starts.
TEST_F(SkmImportTest, ImportsACrashCutOffArePurgedAtStart) {
  indicator::v1::ImportHeader header;
  header.set_import_id("skm-crash");
  header.set_fiscal_year(2023);
  {
    auto session = ImportSession::Begin(&f_->store(), "skm", header, {"petugas", "ImportSkmResponses", ""});
    ASSERT_TRUE(session.ok()) << session.status();
    for (int i = 0; i < 10001; ++i) ASSERT_TRUE((*session)->Stage(i + 2, "row").ok());
  }  // dropped, as a crash would: neither committed nor abandoned
  EXPECT_EQ(StagedRows(), 10000u);
  EXPECT_EQ(PendingImports(f_->store()), 1u);
  auto purged = PurgeAbandonedImports(f_->store());
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(StagedRows(), 0u);
  EXPECT_EQ(PendingImports(f_->store()), 0u);
  // A committed import keeps its rows (they are its raw data) and leaves no marker.
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("skm-2023", Good(), &result).ok());
  EXPECT_EQ(*PurgeAbandonedImports(f_->store()), 0);
  EXPECT_EQ(StagedRows(), Good().size());
}

// However many a crash left (10.001 here, past the 10.000 one scan once read), the start purges
// them all, a page at a time, rather than refusing to start.
TEST_F(SkmImportTest, AnyNumberOfCutOffImportsIsPurgedAtStart) {
  // What each cut-off import leaves: its pending marker and a staged row (as ImportSession writes
  // them once its first 10.000 rows are staged).
  std::vector<KeyValue> left;
  for (int i = 0; i < 10001; ++i) {
    const std::string id = absl::StrCat("skm-crash-", i);
    left.push_back({KeyBuilder(kTagImportPending).AddString("skm").AddString(id).Build(), "pending"});
    left.push_back({KeyBuilder(kTagImportRowBlock).AddString("skm").AddString(id).AddInt64(2).Build(), ""});
    left.push_back({KeyBuilder(kTagImportRow).AddString("skm").AddString(id).AddInt64(2).Build(), "row"});
  }
  ASSERT_TRUE(f_->store().WriteStaged(left).ok());
  EXPECT_EQ(PendingImports(f_->store()), 10001u);
  auto purged = PurgeAbandonedImports(f_->store());
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 10001);
  EXPECT_EQ(StagedRows(), 0u);
  EXPECT_EQ(PendingImports(f_->store()), 0u);
}

TEST_F(SkmImportTest, StreamLevelErrors) {
  indicator::v1::ImportResult result;
  grpc::Status s = Import("x", Good(), &result, /*header=*/false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("header"), std::string::npos);
  s = Import("bad id!", Good(), &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("header.import_id: \"bad id!\""), std::string::npos) << s.error_message();
  s = Import("empty", {}, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto rows = Good();
  rows[1].number = 1;  // goes backwards
  s = Import("order", rows, &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(f_->AuditEntries(), 1u);  // only the units
  v1::GetSkmResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNK_NOWHERE");
  v1::SkmResult skm;
  EXPECT_EQ(f_->stub().GetSkmResult(Context().get(), get, &skm).error_code(), grpc::StatusCode::NOT_FOUND);
  get.set_fiscal_year(2040);
  EXPECT_EQ(f_->stub().GetSkmResult(Context().get(), get, &skm).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace lkip::rehabilitasi

namespace lkip::rehabilitasi {
namespace {

// WHOQOL-BREF through the real stream.
class WhoqolImportTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  static v1::WhoqolRow Form(int64_t n, const std::string& client, const std::string& kind,
                            const std::string& date, int all, const std::string& satker = "BNNP_NTB") {
    v1::WhoqolRow r;
    r.set_row_number(n);
    r.set_satker_code(satker);
    r.set_client_ref(client);
    r.set_kind(kind);
    *r.mutable_date() = DateFromIso(date);
    for (int i = 0; i < kWhoqolItems; ++i) r.add_items(all);
    return r;
  }

  grpc::Status Import(const std::string& id, const std::vector<v1::WhoqolRow>& rows,
                      indicator::v1::ImportResult* r) {
    return testing::StreamRows<v1::ImportWhoqolAssessmentsRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportWhoqolAssessments(ctx, res); }, id, rows, r);
  }

  testing::BidangFixture<v1::Rehabilitasi, RehabilitasiService> f_{"rehabilitasi"};
};

TEST_F(WhoqolImportTest, PercentageOfImprovedClients) {
  indicator::v1::ImportResult result;
  // K-001 and K-002 improve (answers 2 -> 4); K-003 does not (4 -> 2); K-004 has no after form.
  ASSERT_TRUE(
      Import("whoqol-1",
             {Form(2, "K-001", "intake", "2023-02-01", 2), Form(3, "K-002", "intake", "2023-02-03", 2),
              Form(4, "K-003", "intake", "2023-03-01", 4), Form(5, "K-004", "intake", "2023-04-01", 3)},
             &result)
          .ok());
  grpc::Status s =
      Import("whoqol-2",
             {Form(2, "K-001", "after", "2023-08-01", 4), Form(3, "K-002", "after", "2023-08-02", 4),
              Form(4, "K-003", "after", "2023-08-03", 2)},
             &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetWhoqolResultRequest get;
  get.set_fiscal_year(2023);
  get.set_satker_code("BNNP_NTB");
  v1::WhoqolResult r;
  ASSERT_TRUE(f_.stub().GetWhoqolResult(Context().get(), get, &r).ok());
  EXPECT_EQ(r.clients_assessed(), 4);
  EXPECT_EQ(r.clients_compared(), 3);
  EXPECT_EQ(r.improved(), 2);
  EXPECT_EQ(r.percentage().value(), "200/3");
  auto values = f_.Values("IKK-06");
  // Nothing recorded: the shipped rule (recorded values) finds no value, the computed one is kept.
  EXPECT_FALSE(values.values(0).available());
}

// Two imports streaming at once each carry an intake for the same client: the one that commits
// first is kept, the other refused whole (its rule is checked again when it commits), never one
// silently overwriting the other.
TEST_F(WhoqolImportTest, ConcurrentImportsCannotBothGiveAClientAnIntake) {
  indicator::v1::ImportResult a_result;
  auto ctx = Context("petugas-a");
  auto a = f_.stub().ImportWhoqolAssessments(ctx.get(), &a_result);
  v1::ImportWhoqolAssessmentsRequest m;
  m.mutable_header()->set_import_id("whoqol-a");
  m.mutable_header()->set_fiscal_year(2023);
  ASSERT_TRUE(a->Write(m));
  m.Clear();
  *m.mutable_row() = Form(2, "K-001", "intake", "2023-02-01", 2);
  ASSERT_TRUE(a->Write(m));
  // Let the service take A's row (it reads the client's record then) before B commits.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const size_t audits = f_.AuditEntries();
  indicator::v1::ImportResult b_result;
  grpc::Status b = Import("whoqol-b", {Form(2, "K-001", "intake", "2023-02-05", 4)}, &b_result);
  ASSERT_TRUE(b.ok()) << b.error_message();
  m.Clear();
  m.mutable_end()->set_rows(1);
  a->Write(m);
  a->WritesDone();
  grpc::Status s = a->Finish();
  ASSERT_FALSE(s.ok()) << "both imports acknowledged an intake of K-001";
  if (s.error_code() == grpc::StatusCode::ABORTED) {
    EXPECT_NE(s.error_message().find("client K-001 of BNNP_NTB: an intake assessment on 2023-02-05 was "
                                     "committed by import whoqol-b while this import streamed"),
              std::string::npos)
        << s.error_message();
  } else {  // A's row arrived after B committed: refused row by row
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  }
  EXPECT_EQ(f_.AuditEntries(), audits + 1) << "B's commit only";
  // A's id is free again: nothing of it was committed.
  indicator::v1::ImportResult again;
  ASSERT_TRUE(Import("whoqol-a", {Form(2, "K-002", "intake", "2023-02-01", 2)}, &again).ok());
  EXPECT_FALSE(again.already_imported());
}

TEST_F(WhoqolImportTest, RepeatingAnImportIsComparedByDigestNotRefusedAgainstItsOwnResult) {
  const std::vector<v1::WhoqolRow> rows = {Form(2, "K-001", "intake", "2023-02-01", 2),
                                           Form(3, "K-001", "after", "2023-08-01", 4)};
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("whoqol-1", rows, &result).ok());
  const size_t audits = f_.AuditEntries();
  // Checked row by row, the intake would now be "a second intake"; the repeat says unchanged.
  grpc::Status s = Import("whoqol-1", rows, &result);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(result.already_imported());
  EXPECT_EQ(f_.AuditEntries(), audits);
}

TEST_F(WhoqolImportTest, ThousandsOfBadRowsStillReachTheClientWithTheirCount) {
  std::vector<v1::WhoqolRow> rows;
  for (int i = 0; i < 3000; ++i)
    rows.push_back(Form(i + 2, absl::StrCat("K-", i), "intake", "2023-02-31", 2));
  indicator::v1::ImportResult result;
  grpc::Status s = Import("whoqol-bad", rows, &result);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  EXPECT_EQ(details.errors_total(), 3000);
  EXPECT_GT(details.errors_size(), 10);
  EXPECT_LT(details.errors_size(), 3000);
  EXPECT_EQ(details.errors(0).field(), "date");
}

TEST_F(WhoqolImportTest, BadFormsAreRefusedByRowAndNothingIsWritten) {
  indicator::v1::ImportResult result;
  ASSERT_TRUE(Import("whoqol-1", {Form(2, "K-001", "intake", "2023-02-01", 3)}, &result).ok());
  const size_t audits = f_.AuditEntries();
  auto zero_and_six = Form(3, "K-002", "intake", "2023-02-01", 3);
  zero_and_six.set_items(4, 6);
  auto six_missing = Form(4, "K-003", "intake", "2023-02-01", 3);
  for (int i : {0, 1, 2, 3, 5, 6}) six_missing.set_items(i, 0);
  grpc::Status s =
      Import("whoqol-bad",
             {Form(2, "K-001", "intake", "2023-02-01", 3),  // a second intake
              zero_and_six, six_missing, Form(5, "Budi Santoso", "intake", "2023-02-01", 3),
              Form(6, "K-005", "asesmen", "2023-02-01", 3), Form(7, "K-006", "after", "2023-02-30", 3),
              Form(8, "K-007", "intake", "9999-12-31", 3)},
             &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  indicator::v1::ImportResult details;
  ASSERT_TRUE(details.ParseFromString(s.error_details()));
  ASSERT_EQ(details.errors_size(), 7) << details.DebugString();
  EXPECT_EQ(details.errors(0).field(), "kind");
  EXPECT_NE(details.errors(0).problem().find("already has an intake assessment on 2023-02-01"),
            std::string::npos);
  EXPECT_EQ(details.errors(1).field(), "items[4] (Q5)");
  EXPECT_EQ(details.errors(1).value(), "6");
  EXPECT_EQ(details.errors(2).field(), "items");
  EXPECT_NE(details.errors(2).problem().find("6 of 26 items are missing"), std::string::npos);
  EXPECT_EQ(details.errors(3).field(), "client_ref");
  EXPECT_EQ(details.errors(4).field(), "kind");
  EXPECT_EQ(details.errors(5).field(), "date");
  EXPECT_EQ(details.errors(6).field(), "date");
  EXPECT_EQ(details.errors(6).value(), "9999-12-31");
  EXPECT_NE(details.errors(6).problem().find("is outside 2000.."), std::string::npos)
      << details.errors(6).problem();
  EXPECT_EQ(f_.AuditEntries(), audits);
  // The same client and date twice within one import.
  s = Import("whoqol-dup",
             {Form(2, "K-009", "after", "2023-09-01", 3), Form(3, "K-009", "after", "2023-09-01", 4)},
             &result);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace lkip::rehabilitasi
