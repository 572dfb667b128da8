// Withdrawing rehabilitasi imports (SKM, WHOQOL, registers) through the real IndicatorSource:
// each withdrawal brings the instrument's records and computed values back to what they were
// before the import, whatever came after it; each refusal writes nothing.
#include <gtest/gtest.h>

#include "common/bidang/import_retention.h"
#include "common/bidang/import_session.h"
#include "common/bidang/satker_values.h"
#include "common/storage/key_codec.h"
#include "common/testing/bidang_fixture.h"
#include "common/validation/date.h"
#include "services/rehabilitasi/rehabilitasi_service.h"

namespace lkip::rehabilitasi {
namespace {

using Fixture = testing::BidangFixture<v1::Rehabilitasi, RehabilitasiService>;

v1::SkmResponseRow Skm(int64_t n, const std::string& satker, std::vector<int> answers) {
  v1::SkmResponseRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  for (int a : answers) r.add_answers(a);
  return r;
}

v1::WhoqolRow Form(int64_t n, const std::string& client, const std::string& kind, const std::string& date,
                   int all) {
  v1::WhoqolRow r;
  r.set_row_number(n);
  r.set_satker_code("BNNP_NTB");
  r.set_client_ref(client);
  r.set_kind(kind);
  *r.mutable_date() = DateFromIso(date);
  for (int i = 0; i < kWhoqolItems; ++i) r.add_items(all);
  return r;
}

v1::RegisterEntryRow Entry(int64_t n, const std::string& satker, const std::string& ref,
                           const std::string& date) {
  v1::RegisterEntryRow r;
  r.set_row_number(n);
  r.set_satker_code(satker);
  r.set_measure("petugas_ibm_dilatih");
  r.set_entry_ref(ref);
  *r.mutable_qualified_date() = DateFromIso(date);
  return r;
}

class WithdrawalTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.PutUnits().ok()); }

  grpc::Status ImportSkm(const std::string& id, const std::vector<v1::SkmResponseRow>& rows) {
    indicator::v1::ImportResult ignored;
    return testing::StreamRows<v1::ImportSkmResponsesRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportSkmResponses(ctx, res); }, id, rows, &ignored);
  }
  grpc::Status ImportWhoqol(const std::string& id, const std::vector<v1::WhoqolRow>& rows) {
    indicator::v1::ImportResult ignored;
    return testing::StreamRows<v1::ImportWhoqolAssessmentsRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportWhoqolAssessments(ctx, res); }, id, rows,
        &ignored);
  }
  grpc::Status ImportRegister(const std::string& id, const std::vector<v1::RegisterEntryRow>& rows) {
    indicator::v1::ImportResult ignored;
    return testing::StreamRows<v1::ImportRegisterEntriesRequest>(
        [&](auto* ctx, auto* res) { return f_.stub().ImportRegisterEntries(ctx, res); }, id, rows, &ignored);
  }

  std::map<std::string, std::string> SkmState() {
    return testing::DataState(f_.store(), {kTagSkmAggregate, kTagComputedValue});
  }
  std::map<std::string, std::string> WhoqolState() {
    return testing::DataState(f_.store(), {kTagWhoqolClient, kTagComputedValue});
  }
  std::map<std::string, std::string> RegisterState() {
    return testing::DataState(f_.store(), {kTagRegisterEntry, kTagRegisterIndex, kTagComputedValue});
  }

  void ExpectWithdrawn(const std::string& kind, const std::string& id) {
    indicator::v1::ImportInfo info;
    grpc::Status s = f_.Withdraw(kind, id, "salah satker, diganti impor koreksi", &info);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(info.state(), indicator::v1::IMPORT_STATE_WITHDRAWN);
    EXPECT_EQ(info.withdrawn_by(), "kepala-seksi");
    EXPECT_EQ(info.withdraw_reason(), "salah satker, diganti impor koreksi");
    const auto audit = f_.store().ReadAudit(100000)->back();
    EXPECT_EQ(audit.actor(), "kepala-seksi");
    EXPECT_NE(audit.summary().find(kind + " import " + id + " withdrawn"), std::string::npos)
        << audit.summary();
  }

  Fixture f_{"rehabilitasi"};
};

// An SKM import taken back out of the running sums: the sums and index are those before it, and
// withdrawing the first import too leaves no SKM at all.
TEST_F(WithdrawalTest, SkmSumsAreThoseBeforeTheImport) {
  const auto empty = SkmState();
  ASSERT_TRUE(ImportSkm("skm-1", {Skm(2, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4}),
                                  Skm(3, "BNNP_NTB", {3, 3, 3, 4, 3, 3, 3, 4, 0})})
                  .ok());
  const auto after_first = SkmState();
  ASSERT_TRUE(ImportSkm("skm-2", {Skm(2, "BNNP_NTB", {1, 2, 1, 2, 1, 2, 1, 2, 1}),
                                  Skm(3, "BNNK_BIMA", {3, 3, 3, 3, 3, 3, 3, 3, 3})})
                  .ok());
  ASSERT_NE(SkmState(), after_first);
  ExpectWithdrawn("skm", "skm-2");
  EXPECT_EQ(SkmState(), after_first);
  ExpectWithdrawn("skm", "skm-1");
  EXPECT_EQ(SkmState(), empty);
  // The withdrawn id stays taken; its rows may come back under a new one (the digest is free).
  grpc::Status s = ImportSkm("skm-2", {Skm(2, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4})});
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("was withdrawn"), std::string::npos) << s.error_message();
  s = ImportSkm("skm-2-ulang", {Skm(2, "BNNP_NTB", {1, 2, 1, 2, 1, 2, 1, 2, 1}),
                                Skm(3, "BNNK_BIMA", {3, 3, 3, 3, 3, 3, 3, 3, 3})});
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(WithdrawalTest, EachRefusalWritesNothing) {
  ASSERT_TRUE(ImportSkm("skm-1", {Skm(2, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4})}).ok());
  ASSERT_TRUE(f_.Withdraw("skm", "skm-1", "dobel").ok());
  ASSERT_TRUE(ImportSkm("skm-3", {Skm(2, "BNNP_NTB", {3, 3, 3, 3, 3, 3, 3, 3, 3})}).ok());
  const uint64_t commits = f_.store().Commits();
  const auto state = SkmState();
  struct Case {
    std::string kind, id, reason;
    grpc::StatusCode code;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {"skm", "skm-3", "", grpc::StatusCode::INVALID_ARGUMENT, "reason: is required"},
           {"skm", "skm-3", "baris\x01rusak", grpc::StatusCode::INVALID_ARGUMENT, "reason:"},
           {"skm", "skm-3", std::string(501, 'x'), grpc::StatusCode::INVALID_ARGUMENT, "501 bytes sent"},
           {"", "skm-3", "x", grpc::StatusCode::INVALID_ARGUMENT, "kind: is required"},
           {"skm", "bad id!", "x", grpc::StatusCode::INVALID_ARGUMENT, "import_id: \"bad id!\""},
           {"skm", "skm-9", "x", grpc::StatusCode::NOT_FOUND, "skm/skm-9"},
           {"ikp", "skm-3", "x", grpc::StatusCode::NOT_FOUND, "rehabilitasi imports no ikp"},
           {"skm", "skm-1", "lagi", grpc::StatusCode::FAILED_PRECONDITION,
            "withdrawn before by kepala-seksi: dobel"},
       }) {
    grpc::Status s = f_.Withdraw(c.kind, c.id, c.reason);
    EXPECT_EQ(s.error_code(), c.code) << c.kind << "/" << c.id << ": " << s.error_message();
    EXPECT_NE(s.error_message().find(c.says), std::string::npos) << s.error_message();
    EXPECT_EQ(f_.store().Commits(), commits);
    EXPECT_EQ(SkmState(), state);
  }
}

// An import whose kept rows are gone (purged, or damaged) cannot be reversed: DATA_LOSS, and the
// sums are left as they are rather than reversed in part.
TEST_F(WithdrawalTest, AnImportWithoutAllItsRowsIsNotReversedInPart) {
  ASSERT_TRUE(ImportSkm("skm-1", {Skm(2, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4}),
                                  Skm(3, "BNNP_NTB", {3, 3, 3, 3, 3, 3, 3, 3, 3})})
                  .ok());
  // Row 3 lost from the import's one block of rows.
  const std::string block_key =
      KeyBuilder(kTagImportRowBlock).AddString("skm").AddString("skm-1").AddInt64(2).Build();
  storage::v1::ImportRowBlock block;
  ASSERT_TRUE(block.ParseFromString(f_.store().Find(block_key)->value()));
  ASSERT_EQ(block.rows_size(), 2);
  block.mutable_rows()->RemoveLast();
  ASSERT_TRUE(f_.store().WriteStaged({{block_key, block.SerializeAsString()}}).ok());
  const uint64_t commits = f_.store().Commits();
  const auto state = SkmState();
  grpc::Status s = f_.Withdraw("skm", "skm-1", "uji");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DATA_LOSS) << s.error_message();
  EXPECT_NE(s.error_message().find("committed 2 rows and 1 are kept"), std::string::npos)
      << s.error_message();
  EXPECT_EQ(f_.store().Commits(), commits);
  EXPECT_EQ(SkmState(), state);
}

// A store written before row blocks keeps an import's rows one per key (kTagImportRow): such an
// import is withdrawn all the same, exactly.
TEST_F(WithdrawalTest, AnImportKeptOneRowPerKeyIsWithdrawnAsWell) {
  const auto before = SkmState();
  std::vector<v1::SkmResponseRow> rows;
  for (int i = 0; i < 2500; ++i) {
    rows.push_back(Skm(i + 2, i % 2 ? "BNNP_NTB" : "BNNK_BIMA", {1 + i % 4, 2, 3, 4, 1, 2, 3, 4, 1 + i % 3}));
  }
  ASSERT_TRUE(ImportSkm("skm-lama", rows).ok());
  // The blocks rewritten as the rows a store of before blocks holds, in one batch.
  const std::string blocks = KeyBuilder(kTagImportRowBlock).AddString("skm").AddString("skm-lama").Build();
  auto stored = f_.store().Scan(blocks, 10);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 3u) << "1.000 rows to a block";
  std::vector<KeyValue> one_per_key;
  int64_t n = 2;
  for (const auto& kv : *stored) {
    storage::v1::ImportRowBlock block;
    ASSERT_TRUE(block.ParseFromString(kv.value));
    for (const auto& row : block.rows()) {
      one_per_key.push_back(
          {KeyBuilder(kTagImportRow).AddString("skm").AddString("skm-lama").AddInt64(n++).Build(), row});
    }
  }
  ASSERT_EQ(one_per_key.size(), rows.size());
  ASSERT_TRUE(f_.store().DiscardStaged({blocks}).ok());
  ASSERT_TRUE(f_.store().WriteStaged(one_per_key).ok());

  ASSERT_TRUE(f_.Withdraw("skm", "skm-lama", "koreksi").ok());
  EXPECT_EQ(SkmState(), before);
}

// WHOQOL: the latest after form counts; withdrawing the import that brought it brings the one
// before back, withdrawing the import of an earlier one changes nothing that counts, and
// withdrawing the intake's import leaves the client without a pair.
TEST_F(WithdrawalTest, WhoqolFormsComeAndGoWithTheirImports) {
  const auto empty = WhoqolState();
  ASSERT_TRUE(ImportWhoqol("awal", {Form(2, "K-1", "intake", "2023-02-01", 2),
                                    Form(3, "K-1", "after", "2023-06-01", 4),
                                    Form(4, "K-2", "intake", "2023-02-02", 3)})
                  .ok());
  const auto after_awal = WhoqolState();
  ASSERT_TRUE(
      ImportWhoqol("lama", {Form(2, "K-1", "after", "2023-04-01", 1)}).ok());  // earlier: does not count
  const auto after_lama = WhoqolState();
  ASSERT_TRUE(ImportWhoqol("akhir", {Form(2, "K-1", "after", "2023-09-01", 1),
                                     Form(3, "K-2", "after", "2023-09-02", 5)})
                  .ok());
  ASSERT_NE(WhoqolState(), after_lama);
  ExpectWithdrawn("whoqol", "akhir");
  EXPECT_EQ(WhoqolState(), after_lama);
  ExpectWithdrawn("whoqol", "lama");
  EXPECT_EQ(WhoqolState(), after_awal);
  // A form on the date of a withdrawn one is welcome again.
  ASSERT_TRUE(ImportWhoqol("lama-2", {Form(2, "K-1", "after", "2023-04-01", 1)}).ok());
  ExpectWithdrawn("whoqol", "lama-2");
  ExpectWithdrawn("whoqol", "awal");
  EXPECT_EQ(WhoqolState(), empty);
}

// Registers: an import that replaced an entry gives it back when withdrawn; withdrawing the
// import an entry was later replaced by another leaves the later one counting.
TEST_F(WithdrawalTest, RegisterEntriesReplacedAreBroughtBack) {
  const auto empty = RegisterState();
  ASSERT_TRUE(ImportRegister("ibm-1", {Entry(2, "BNNP_NTB", "IBM-1", "2023-03-01"),
                                       Entry(3, "BNNP_NTB", "IBM-2", "2023-03-02")})
                  .ok());
  const auto after_first = RegisterState();
  // Moves IBM-2 to Bima and into 2022, adds IBM-3.
  ASSERT_TRUE(ImportRegister("ibm-2", {Entry(2, "BNNK_BIMA", "IBM-2", "2022-12-01"),
                                       Entry(3, "BNNK_BIMA", "IBM-3", "2023-05-01")})
                  .ok());
  ASSERT_NE(RegisterState(), after_first);
  ExpectWithdrawn("register", "ibm-2");
  EXPECT_EQ(RegisterState(), after_first);
  const std::vector<v1::RegisterEntryRow> again = {Entry(2, "BNNK_BIMA", "IBM-2", "2022-12-01"),
                                                   Entry(3, "BNNK_BIMA", "IBM-3", "2023-05-01")};
  ASSERT_TRUE(ImportRegister("ibm-2b", again).ok());
  // ibm-1 goes from under ibm-2b's IBM-2: what is left is what ibm-2b alone makes.
  ExpectWithdrawn("register", "ibm-1");
  Fixture alone{"rehabilitasi"};
  ASSERT_TRUE(alone.PutUnits().ok());
  indicator::v1::ImportResult ignored;
  ASSERT_TRUE(testing::StreamRows<v1::ImportRegisterEntriesRequest>(
                  [&](auto* ctx, auto* res) { return alone.stub().ImportRegisterEntries(ctx, res); },
                  "ibm-2b", again, &ignored)
                  .ok());
  EXPECT_EQ(RegisterState(),
            testing::DataState(alone.store(), {kTagRegisterEntry, kTagRegisterIndex, kTagComputedValue}));
  ExpectWithdrawn("register", "ibm-2b");
  EXPECT_EQ(RegisterState(), empty);
}

// Past --import_rows_keep_days an import's rows are purged in one audited commit: it stays listed
// with the date, a repeat is still recognised by its digest, a withdrawal is refused.
TEST_F(WithdrawalTest, PurgedRowsEndWithdrawalButNotTheDigest) {
  const std::vector<v1::SkmResponseRow> rows = {Skm(2, "BNNP_NTB", {4, 4, 4, 4, 4, 4, 4, 4, 4}),
                                                Skm(3, "BNNK_BIMA", {3, 3, 3, 3, 3, 3, 3, 3, 3})};
  ASSERT_TRUE(ImportSkm("skm-lama", rows).ok());
  const std::string kept_rows(1, static_cast<char>(kTagImportRowBlock));
  EXPECT_EQ(f_.store().Scan(kept_rows, 10)->size(), 1u) << "two rows, one block";
  auto purged = PurgeExpiredImportRows(f_.store(), absl::Hours(1));
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 0);  // younger than an hour
  absl::SleepFor(absl::Milliseconds(2));
  purged = PurgeExpiredImportRows(f_.store(), absl::Milliseconds(1));
  ASSERT_TRUE(purged.ok()) << purged.status();
  EXPECT_EQ(*purged, 1);
  EXPECT_EQ(f_.store().Scan(kept_rows, 10)->size(), 0u);
  EXPECT_NE(f_.store().ReadAudit(1000)->back().summary().find("rows of skm import skm-lama purged (2 rows"),
            std::string::npos);
  EXPECT_EQ(*PurgeExpiredImportRows(f_.store(), absl::Milliseconds(1)), 0);  // once

  indicator::v1::GetImportRequest get;
  get.set_kind("skm");
  get.set_import_id("skm-lama");
  indicator::v1::ImportInfo info;
  ASSERT_TRUE(f_.source().GetImport(testing::Context().get(), get, &info).ok());
  EXPECT_GT(info.rows_purged_unix_micros(), 0);
  EXPECT_EQ(info.state(), indicator::v1::IMPORT_STATE_COMMITTED);

  const uint64_t commits = f_.store().Commits();
  const auto state = SkmState();
  grpc::Status s = f_.Withdraw("skm", "skm-lama", "koreksi");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("rows were purged"), std::string::npos) << s.error_message();
  EXPECT_EQ(f_.store().Commits(), commits);
  EXPECT_EQ(SkmState(), state);
  indicator::v1::ImportResult again;
  s = testing::StreamRows<v1::ImportSkmResponsesRequest>(
      [&](auto* ctx, auto* res) { return f_.stub().ImportSkmResponses(ctx, res); }, "skm-lama", rows, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(again.already_imported());
  s = ImportSkm("skm-salinan", rows);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
}

}  // namespace
}  // namespace lkip::rehabilitasi
