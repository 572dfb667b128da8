// Bundles through the real suite in one process. A write a service refuses halfway makes the
// aggregator roll back the writes made before it: every store, the aggregator's included, holds
// exactly the keys and values it held before the bundle. A complete bundle rolls back on request,
// unless a later write changed one of its keys. (A bundle cut off by a service that went away is
// journaled INCOMPLETE and completed by sending it again: tests/import_faults_test.py.)
#include <gtest/gtest.h>

#include "common/registry/bidang_registry.h"
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
// what pemberantasan holds), refused by pemberantasan after the values and the PK were written.
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

TEST_F(BundleRollbackTest, ARefusedWriteRollsTheBundleBackEverywhere) {
  report::v1::ImportBundleResponse resp;
  grpc::Status s = Import(testing::SuiteFixture::ExampleBundle(), &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.bundle_id().substr(0, 2), "b-");
  EXPECT_EQ(Bundle(resp.bundle_id()).state(), report::v1::BUNDLE_STATE_COMPLETE);
  ASSERT_TRUE(Import(testing::SuiteFixture::RawBundle("pemberantasan.json"), &resp).ok());
  const auto before = Everywhere();
  const size_t audits = suite_.WritesEverywhere();

  s = Import(Correction(), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_NE(s.error_message().find("case file BP/01/XII/2022/BNNP-NTB -> pemberantasan"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("they were rolled back: nothing of bundle koreksi-1 is imported"),
            std::string::npos)
      << s.error_message();
  EXPECT_EQ(Everywhere(), before);
  EXPECT_GT(suite_.WritesEverywhere(), audits) << "the writes and their rollback are in the audit trail";
  report::v1::BundleInfo info = Bundle("koreksi-1");
  EXPECT_EQ(info.state(), report::v1::BUNDLE_STATE_ROLLED_BACK);
  EXPECT_EQ(info.attempt(), 1);
  EXPECT_EQ(info.actor(), "operator");
  EXPECT_EQ(info.rolled_back_size(), static_cast<int>(BidangServices().size()) + 1);
  EXPECT_NE(info.error().find("P-21"), std::string::npos) << info.error();
  int written = 0;
  for (const auto& step : info.steps()) written += step.written();
  EXPECT_GT(written, 0) << "values and the PK were written before the refusal";

  // Sent again, it is a second attempt (its own tag), refused and rolled back the same way.
  s = Import(Correction(), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(Bundle("koreksi-1").attempt(), 2);
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
