// Bundles through the real suite in one process. A write a service refuses is refused in the
// prepare phase, before any write; one it refuses later (a racing write) makes the aggregator
// roll back the writes made before it: every store, the aggregator's included, holds exactly the
// keys and values it held before the bundle. A complete bundle rolls back on request,
// unless a later write changed one of its keys. (A bundle cut off by a service that went away is
// journaled INCOMPLETE and completed by sending it again: tests/import_faults_test.py.)
#include <gtest/gtest.h>

#include "common/registry/bidang_registry.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"
#include "services/aggregator/ingest/bundle_import.h"
#include "services/aggregator/ingest/bundle_journal.h"
#include "services/aggregator/suite_fixture.h"

namespace lkip::aggregator {
namespace {

using testing::Context;

// Everything a store holds but its bookkeeping (the audit trail, the bundle indexes and markers,
// the aggregator's bundle journal).
std::map<std::string, std::string> Data(const Store& store) {
  std::map<std::string, std::string> out;
  auto rows = store.Scan("", 10000000);
  EXPECT_TRUE(rows.ok()) << rows.status();
  for (auto& kv : *rows) {
    const auto tag = static_cast<uint8_t>(kv.key[0]);
    if (tag == kTagAudit || tag == kTagBundleWrite || tag == kTagBundleRolledBack || tag == kTagBundleJournal)
      continue;
    out[kv.key] = std::move(kv.value);
  }
  return out;
}

class BundleRollbackTest : public ::testing::Test {
 protected:
  std::vector<std::map<std::string, std::string>> Everywhere() {
    std::vector<std::map<std::string, std::string>> out;
    for (auto& b : suite_.bidang()) out.push_back(Data(*b->store));
    out.push_back(Data(suite_.aggregator_store()));
    return out;
  }
  grpc::Status Import(const report::v1::ImportBundleRequest& req, report::v1::ImportBundleResponse* resp) {
    return suite_.reports().ImportBundle(Context("operator").get(), req, resp);
  }
  report::v1::BundleInfo Bundle(const std::string& id) {
    report::v1::GetBundleRequest get;
    get.set_bundle_id(id);
    report::v1::BundleInfo info;
    grpc::Status s = suite_.reports().GetBundle(Context().get(), get, &info);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return info;
  }

  testing::SuiteFixture suite_;
};

// The example's values and PK, with a satker value changed and one case-file stage dated before
// the stage pemberantasan holds for that file: checked whole by the aggregator (it cannot know
// what pemberantasan holds), refused by pemberantasan in the prepare phase.
report::v1::ImportBundleRequest Correction() {
  report::v1::ImportBundleRequest req = testing::SuiteFixture::ExampleBundle();
  req.set_bundle_id("koreksi-1");
  auto* value = req.mutable_bundle()->mutable_satker_values(0);
  value->mutable_value()->set_value(value->value().value() == "1" ? "2" : "1");
  auto* stage = req.mutable_bundle()->mutable_pemberantasan()->add_case_stages();
  stage->set_satker_code("BNNP_NTB");
  stage->set_case_ref("BP/01/XII/2022/BNNP-NTB");
  stage->set_stage(pemberantasan::v1::CASE_STAGE_P21);
  stage->mutable_date()->set_year(2022);
  stage->mutable_date()->set_month(12);
  stage->mutable_date()->set_day(6);
  return req;
}

pemberantasan::v1::RecordCaseStageRequest Spdp(const std::string& case_ref, int month) {
  pemberantasan::v1::RecordCaseStageRequest stage;
  stage.set_satker_code("BNNP_NTB");
  stage.set_case_ref(case_ref);
  stage.set_stage(pemberantasan::v1::CASE_STAGE_SPDP);
  stage.mutable_date()->set_year(2023);
  stage.mutable_date()->set_month(month);
  stage.mutable_date()->set_day(1);
  return stage;
}

// The refusal comes in the prepare phase, before any write: no store commits anything, and the
// bundle is not journaled. A dry run is checked the same way by every service.
TEST_F(BundleRollbackTest, ABundleAServiceRefusesIsRefusedBeforeAnyWrite) {
  report::v1::ImportBundleResponse resp;
  grpc::Status s = Import(testing::SuiteFixture::ExampleBundle(), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.bundle_id().substr(0, 2), "b-");
  EXPECT_EQ(Bundle(resp.bundle_id()).state(), report::v1::BUNDLE_STATE_COMPLETE);
  ASSERT_TRUE(Import(testing::SuiteFixture::RawBundle("pemberantasan.json"), &resp).ok());
  const auto before = Everywhere();
  const uint64_t commits = suite_.CommitsEverywhere();

  for (bool dry_run : {true, false}) {
    auto req = Correction();
    req.set_dry_run(dry_run);
    s = Import(req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
    EXPECT_NE(s.error_message().find("case file BP/01/XII/2022/BNNP-NTB -> pemberantasan"), std::string::npos)
        << s.error_message();
    EXPECT_NE(s.error_message().find("P-21"), std::string::npos) << s.error_message();
    EXPECT_NE(s.error_message().find("nothing was written"), std::string::npos) << s.error_message();
    EXPECT_EQ(suite_.CommitsEverywhere(), commits) << (dry_run ? "dry run" : "import");
    EXPECT_EQ(Everywhere(), before);
  }
  report::v1::GetBundleRequest get;
  get.set_bundle_id("koreksi-1");
  report::v1::BundleInfo info;
  EXPECT_EQ(suite_.reports().GetBundle(Context().get(), get, &info).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // A dry run of a bundle the services accept says what each would write, and writes nothing.
  auto fine = Correction();
  fine.mutable_bundle()->mutable_pemberantasan()->clear_case_stages();
  *fine.mutable_bundle()->mutable_pemberantasan()->add_case_stages() = Spdp("BP/99/III/2023/BNNP-NTB", 3);
  fine.set_dry_run(true);
  s = Import(fine, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  int to_write = 0;
  for (const auto& step : resp.steps()) to_write += step.written();
  EXPECT_EQ(to_write, 2) << "the changed satker value and the new case file";
  EXPECT_EQ(suite_.CommitsEverywhere(), commits);
  EXPECT_EQ(Everywhere(), before);
}

// A write from elsewhere between the phases can still make a service refuse a write of the bundle
// that its prepare accepted: the aggregator then rolls back what the bundle wrote, everywhere.
TEST_F(BundleRollbackTest, AWriteRacingTheBundleBetweenItsPhasesRollsItBackEverywhere) {
  report::v1::ImportBundleResponse resp;
  ASSERT_TRUE(Import(testing::SuiteFixture::ExampleBundle(), &resp).ok());
  auto req = Correction();
  req.mutable_bundle()->mutable_pemberantasan()->clear_case_stages();
  *req.mutable_bundle()->mutable_pemberantasan()->add_case_stages() = Spdp("BP/99/III/2023/BNNP-NTB", 3);
  std::vector<std::map<std::string, std::string>> before;
  aggregator::ImportCall call{WriteContext{"operator", "ImportBundle", ""},
                              {},
                              /*may_write_units=*/true,
                              std::chrono::system_clock::now() + std::chrono::seconds(60)};
  call.after_prepare = [&] {
    // Another operator opens the same case file, a month earlier: the bundle's SPDP then cannot
    // follow it.
    for (auto& b : suite_.bidang()) {
      if (b->name != "pemberantasan") continue;
      pemberantasan::v1::RecordCaseStageResponse opened;
      grpc::Status s =
          pemberantasan::v1::Pemberantasan::NewStub(b->server->Channel())
              ->RecordCaseStage(Context("operator-2").get(), Spdp("BP/99/III/2023/BNNP-NTB", 2), &opened);
      EXPECT_TRUE(s.ok()) << s.error_message();
    }
    before = Everywhere();
  };
  auto& agg = suite_.aggregator();
  auto imported = aggregator::ImportBundle(req, call, agg.clients(), agg.units(), agg.stores());
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(imported.status().code(), absl::StatusCode::kInvalidArgument) << imported.status();
  EXPECT_NE(imported.status().message().find("SPDP cannot follow SPDP"), std::string::npos)
      << imported.status();
  EXPECT_NE(
      imported.status().message().find("they were rolled back: nothing of bundle koreksi-1 is imported"),
      std::string::npos)
      << imported.status();
  EXPECT_EQ(Everywhere(), before) << "the racing write stays; the bundle's writes are gone";
  report::v1::BundleInfo info = Bundle("koreksi-1");
  EXPECT_EQ(info.state(), report::v1::BUNDLE_STATE_ROLLED_BACK);
  EXPECT_EQ(info.attempt(), 1);
  EXPECT_EQ(info.actor(), "operator");
  EXPECT_EQ(info.rolled_back_size(), static_cast<int>(BidangServices().size()) + 1);
  int written = 0;
  for (const auto& step : info.steps()) written += step.written();
  EXPECT_GT(written, 0) << "the satker value was written before the refusal";

  // Sent again, it is a second attempt (its own tag), refused in its prepare phase now.
  grpc::Status s = Import(req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(Everywhere(), before);
  // Rolling back a rolled-back bundle changes nothing.
  report::v1::RollBackBundleRequest rollback;
  rollback.set_bundle_id("koreksi-1");
  report::v1::RollBackBundleResponse rolled;
  const uint64_t commits = suite_.CommitsEverywhere();
  ASSERT_TRUE(suite_.reports().RollBackBundle(Context("kepala").get(), rollback, &rolled).ok());
  EXPECT_EQ(rolled.bundle().state(), report::v1::BUNDLE_STATE_ROLLED_BACK);
  EXPECT_EQ(suite_.CommitsEverywhere(), commits);
}

// A complete bundle can be rolled back too; another bundle under its id is refused; a write made
// after the bundle to a key it wrote stops the rollback at that service, which the journal names.
TEST_F(BundleRollbackTest, ACompleteBundleRollsBackUnlessALaterWriteChangedItsKeys) {
  const auto empty = Everywhere();
  report::v1::ImportBundleRequest req = testing::SuiteFixture::ExampleBundle();
  req.set_bundle_id("ntb-2023");
  report::v1::ImportBundleResponse resp;
  ASSERT_TRUE(Import(req, &resp).ok());
  auto other = Correction();
  other.set_bundle_id("ntb-2023");
  grpc::Status s = Import(other, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
  EXPECT_NE(s.error_message().find("names another bundle"), std::string::npos) << s.error_message();

  // A later bundle rewrites one of its satker values.
  auto later = testing::SuiteFixture::ExampleBundle();
  later.set_bundle_id("ralat");
  auto* value = later.mutable_bundle()->mutable_satker_values(0);
  value->mutable_value()->set_value(value->value().value() == "1" ? "2" : "1");
  ASSERT_TRUE(Import(later, &resp).ok());
  report::v1::RollBackBundleRequest rollback;
  rollback.set_bundle_id("ntb-2023");
  report::v1::RollBackBundleResponse rolled;
  s = suite_.reports().RollBackBundle(Context("kepala").get(), rollback, &rolled);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_NE(s.error_message().find("changed after bundle ntb-2023"), std::string::npos) << s.error_message();
  EXPECT_EQ(Bundle("ntb-2023").state(), report::v1::BUNDLE_STATE_ROLLBACK_INCOMPLETE);
  // The later bundle rolled back first, the first one then rolls back whole.
  rollback.set_bundle_id("ralat");
  ASSERT_TRUE(suite_.reports().RollBackBundle(Context("kepala").get(), rollback, &rolled).ok());
  rollback.set_bundle_id("ntb-2023");
  s = suite_.reports().RollBackBundle(Context("kepala").get(), rollback, &rolled);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(Everywhere(), empty);

  // The journal lists both, by id, a page at a time, and by state.
  report::v1::ListBundlesRequest list;
  list.set_page_size(1);
  std::vector<std::string> listed;
  do {
    report::v1::ListBundlesResponse page;
    ASSERT_TRUE(suite_.reports().ListBundles(Context().get(), list, &page).ok());
    for (const auto& b : page.bundles()) {
      listed.push_back(b.bundle_id() + " " + report::v1::BundleState_Name(b.state()));
      EXPECT_EQ(b.steps_size(), 0);
    }
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  EXPECT_EQ(listed, (std::vector<std::string>{"ntb-2023 BUNDLE_STATE_ROLLED_BACK",
                                              "ralat BUNDLE_STATE_ROLLED_BACK"}));
  list.set_state(report::v1::BUNDLE_STATE_COMPLETE);
  list.set_page_size(0);
  report::v1::ListBundlesResponse none;
  ASSERT_TRUE(suite_.reports().ListBundles(Context().get(), list, &none).ok());
  EXPECT_EQ(none.bundles_size(), 0);
  list.set_page_size(10001);
  EXPECT_EQ(suite_.reports().ListBundles(Context().get(), list, &none).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace lkip::aggregator
