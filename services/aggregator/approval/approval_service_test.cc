// The approval workflow through its real stub over a suite in one process: the steps in order,
// each by its role; the year locked at every service once ditetapkan (a write there refused,
// naming the lock, and nothing written); the documents marked DRAF until then and the manifest
// signed after; reopening; an approval that cannot lock every service changes nothing; and a
// final document refused while anything remains, written without the mark once nothing does.
#include "services/aggregator/approval/approval_service.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/auth/signature.h"
#include "common/files/text_file.h"
#include "common/testing/test_pki.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "services/aggregator/report/report_builder.h"
#include "services/aggregator/suite_fixture.h"

namespace lkip::aggregator {
namespace {

using testing::Context;

// An overlay of the shipped 2023 rule set whose IKK-05, IKK-06 and IKK-13 rules a province has
// verified (as an operator would record it in /etc/lkip/rules.d), so that the example can become
// final.
std::string VerifiedRulesDirs() {
  static testing::TempDir dir;
  static const bool written = [] {
    std::string indicators;
    for (const char* code : {"IKK-05", "IKK-06", "IKK-13"}) {
      absl::StrAppend(&indicators, indicators.empty() ? "" : ",", "{\"code\": \"", code,
                      "\", \"verified\": true, \"source\": \"Dikonfirmasi dengan Deputi Pencegahan BNN\"}");
    }
    return WriteText(dir.Sub("2023.json"),
                     absl::StrCat("{\"version\": \"2023.1-terverifikasi\", \"extends\": \"2023.1\", ",
                                  "\"indicators\": [", indicators, "]}"))
        .ok();
  }();
  EXPECT_TRUE(written);
  return absl::StrCat(LKIP_SOURCE_DIR, "/deploy/rules:", dir.path());
}

Principal As(const std::string& subject, Role role) { return Principal{subject, role, "BNNP_NTB", {}, ""}; }

class ApprovalServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::Status s = suite_.ImportExample();
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  template <typename Request>
  Request Year(const std::string& note = "") {
    Request r;
    r.set_province_code("BNNP_NTB");
    r.set_fiscal_year(2023);
    if constexpr (requires { r.set_note(note); }) r.set_note(note);
    return r;
  }

  grpc::Status Submit(const Principal& who, approval::v1::Approval* out) {
    return approvals_->SubmitReport(Context(who).get(), Year<approval::v1::SubmitReportRequest>(), out);
  }
  grpc::Status Review(const Principal& who, const std::string& note, approval::v1::Approval* out) {
    return approvals_->ReviewReport(Context(who).get(), Year<approval::v1::ReviewReportRequest>(note), out);
  }
  grpc::Status Approve(const Principal& who, approval::v1::Approval* out) {
    return approvals_->ApproveReport(Context(who).get(), Year<approval::v1::ApproveReportRequest>(), out);
  }
  grpc::Status Reopen(const Principal& who, const std::string& note, approval::v1::Approval* out) {
    return approvals_->ReopenYear(Context(who).get(), Year<approval::v1::ReopenYearRequest>(note), out);
  }

  // A satker value of BNNK_BIMA at pencegahan, written by an admin of the province.
  grpc::Status WriteAtPencegahan(const std::string& value = "51.5") {
    indicator::v1::RecordSatkerValuesRequest rec;
    rec.set_fiscal_year(2023);
    auto* v = rec.add_values();
    v->set_measure("dektari");
    v->set_satker_code("BNNK_BIMA");
    v->mutable_value()->set_value(value);
    indicator::v1::RecordSatkerValuesResponse rr;
    return pencegahan::v1::Pencegahan::NewStub(suite_.bidang()[0]->server->Channel())
        ->RecordSatkerValues(Context("admin").get(), rec, &rr);
  }

  report::v1::RenderReportResponse Render() {
    report::v1::RenderReportResponse rendered;
    grpc::Status s =
        suite_.RenderExample({report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_JSON}, &rendered);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return rendered;
  }

  static const report::v1::RenderedFile* File(const report::v1::RenderReportResponse& r,
                                              const std::string& name) {
    for (const auto& f : r.files())
      if (f.name() == name) return &f;
    return nullptr;
  }

  testing::SuiteFixture suite_{VerifiedRulesDirs()};
  std::unique_ptr<approval::v1::ApprovalService::Stub> approvals_ = suite_.aggregator().approvals();
  const Principal perencana_ = As("perencana.ntb", Role::kPerencana);
  const Principal apip_ = As("apip.ntb", Role::kApip);
  const Principal kepala_ = As("kepala.ntb", Role::kKepala);
  const Principal admin_ = As("admin.ntb", Role::kAdmin);
};

TEST_F(ApprovalServiceTest, EachStepInOrderByItsRoleThenTheYearIsLockedEverywhere) {
  approval::v1::Approval a;
  ASSERT_TRUE(
      approvals_->GetApproval(Context(apip_).get(), Year<approval::v1::GetApprovalRequest>(), &a).ok());
  EXPECT_EQ(a.state(), approval::v1::APPROVAL_STATE_DRAFT);

  // Out of order, or by the wrong role: refused, and the state does not move.
  grpc::Status s = Approve(kepala_, &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("is draft; approve needs it direviu"), std::string::npos)
      << s.error_message();
  s = Submit(kepala_, &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(s.error_message().find("role kepala"), std::string::npos) << s.error_message();

  ASSERT_TRUE(Submit(perencana_, &a).ok());
  EXPECT_EQ(a.state(), approval::v1::APPROVAL_STATE_DIAJUKAN);
  s = Review(apip_, "  ", &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("note"), std::string::npos);
  ASSERT_TRUE(Review(apip_, "Reviu selesai: angka IKK-12 diperiksa", &a).ok());
  EXPECT_EQ(a.state(), approval::v1::APPROVAL_STATE_DIREVIU);

  ASSERT_TRUE(WriteAtPencegahan().ok()) << "the year is not locked yet";

  // Until it is ditetapkan, the document says DRAF and nothing is signed; its lampiran lists
  // what changed since it was submitted.
  auto draft = Render();
  ASSERT_NE(File(draft, "lkip.html"), nullptr);
  const std::string& html = File(draft, "lkip.html")->content();
  EXPECT_NE(html.find("<div class=\"draf-mark\""), std::string::npos);
  EXPECT_NE(html.find("<li>Laporan belum ditetapkan oleh Kepala"), std::string::npos);
  EXPECT_EQ(File(draft, "manifest.sig"), nullptr);
  const size_t lampiran = html.find("Lampiran 3. Perubahan Data Setelah Laporan Diajukan");
  ASSERT_NE(lampiran, std::string::npos);
  EXPECT_NE(html.find("Laporan diajukan oleh perencana.ntb", lampiran), std::string::npos);
  EXPECT_NE(html.find("<td>pencegahan</td><td>admin</td><td>RecordSatkerValues", lampiran), std::string::npos)
      << html.substr(lampiran, 1500);
  EXPECT_EQ(html.find("ReviewReport", lampiran), std::string::npos) << "approval steps are not data changes";

  ASSERT_TRUE(Approve(kepala_, &a).ok());
  EXPECT_EQ(a.state(), approval::v1::APPROVAL_STATE_DITETAPKAN);
  ASSERT_EQ(a.history_size(), 3);
  EXPECT_EQ(a.history(2).actor(), "kepala.ntb");
  EXPECT_EQ(a.history(2).role(), "kepala");
  EXPECT_EQ(a.history(1).note(), "Reviu selesai: angka IKK-12 diperiksa");

  // Every write of the year is refused, naming the lock, and writes nothing.
  const size_t before = suite_.WritesEverywhere();
  s = WriteAtPencegahan("52.5");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("fiscal year 2023 of BNNP_NTB is locked"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("kepala.ntb"), std::string::npos) << s.error_message();
  report::v1::ImportBundleResponse imported;
  s = suite_.reports().ImportBundle(Context("admin").get(), testing::SuiteFixture::ExampleBundle(),
                                    &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_EQ(suite_.WritesEverywhere(), before);

  // The approval no longer remains (the example's missing texts and unverified rules still do:
  // FinalDocument below), and the manifest is signed with the suite's key.
  auto signed_report = Render();
  EXPECT_EQ(File(signed_report, "lkip.html")->content().find("Laporan belum ditetapkan oleh Kepala"),
            std::string::npos);
  const auto* manifest = File(signed_report, "manifest.json");
  const auto* signature = File(signed_report, "manifest.sig");
  ASSERT_NE(manifest, nullptr);
  ASSERT_NE(signature, nullptr);
  EXPECT_NE(manifest->content().find("APPROVAL_STATE_DITETAPKAN"), std::string::npos);
  const std::string key = *ReadText(testing::TestPkiDir() + "/report-signing.pub");
  EXPECT_TRUE(VerifySignatureFile(key, manifest->content(), signature->content()).ok());
  std::string changed = manifest->content();
  changed[changed.find("BNNP_NTB")] = 'X';
  EXPECT_EQ(VerifySignatureFile(key, changed, signature->content()).code(),
            absl::StatusCode::kFailedPrecondition);

  // Reopening: the Kepala or an admin, with a reason; then the year is writable again.
  EXPECT_EQ(Reopen(perencana_, "koreksi", &a).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Reopen(admin_, "", &a).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Reopen(admin_, "Koreksi realisasi IKK-03 setelah reviu BPK", &a).ok());
  EXPECT_EQ(a.state(), approval::v1::APPROVAL_STATE_DRAFT);
  EXPECT_EQ(a.history(3).note(), "Koreksi realisasi IKK-03 setelah reviu BPK");
  EXPECT_TRUE(WriteAtPencegahan("52.5").ok());
}

TEST_F(ApprovalServiceTest, EachAnswerOffersTheStepsTheCallerMayTakeNow) {
  using approval::v1::APPROVAL_ACTION_APPROVE;
  using approval::v1::APPROVAL_ACTION_REOPEN;
  using approval::v1::APPROVAL_ACTION_REVIEW;
  using approval::v1::APPROVAL_ACTION_SUBMIT;
  auto offered = [&](const Principal& who) {
    approval::v1::Approval a;
    EXPECT_TRUE(
        approvals_->GetApproval(Context(who).get(), Year<approval::v1::GetApprovalRequest>(), &a).ok());
    return std::vector<int>(a.allowed_actions().begin(), a.allowed_actions().end());
  };
  const Principal operator_bima{"operator.bima", Role::kOperator, "BNNP_NTB", {"BNNK_BIMA"}, ""};
  // Draft: only the perencana may submit; nobody reopens a draft.
  EXPECT_EQ(offered(perencana_), std::vector<int>{APPROVAL_ACTION_SUBMIT});
  EXPECT_EQ(offered(operator_bima), std::vector<int>{});
  EXPECT_EQ(offered(kepala_), std::vector<int>{});
  approval::v1::Approval a;
  ASSERT_TRUE(Submit(perencana_, &a).ok());
  EXPECT_EQ(std::vector<int>(a.allowed_actions().begin(), a.allowed_actions().end()), std::vector<int>{})
      << "the perencana's own answer: nothing more for it to do";
  EXPECT_EQ(offered(apip_), std::vector<int>{APPROVAL_ACTION_REVIEW});
  EXPECT_EQ(offered(kepala_), std::vector<int>{APPROVAL_ACTION_REOPEN});
  ASSERT_TRUE(Review(apip_, "Reviu selesai", &a).ok());
  EXPECT_EQ(offered(kepala_), (std::vector<int>{APPROVAL_ACTION_APPROVE, APPROVAL_ACTION_REOPEN}));
  EXPECT_EQ(offered(admin_), std::vector<int>{APPROVAL_ACTION_REOPEN});
  EXPECT_EQ(offered(perencana_), std::vector<int>{});
}

TEST_F(ApprovalServiceTest, AnApprovalThatCannotLockEveryServiceChangesNothing) {
  approval::v1::Approval a;
  ASSERT_TRUE(Submit(perencana_, &a).ok());
  ASSERT_TRUE(Review(apip_, "Tidak ada catatan", &a).ok());
  auto& last = *suite_.bidang().back();  // locked after every other one
  last.server->Stop();
  grpc::Status s = Approve(kepala_, &a);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(s.error_message().find(last.name), std::string::npos) << s.error_message();
  ASSERT_TRUE(
      approvals_->GetApproval(Context(kepala_).get(), Year<approval::v1::GetApprovalRequest>(), &a).ok());
  EXPECT_EQ(a.state(), approval::v1::APPROVAL_STATE_DIREVIU);
  EXPECT_TRUE(WriteAtPencegahan().ok()) << "the services locked before the failure are unlocked again";
}

// The audit trail of every service, read through the aggregator with the caller's token: who
// changed which satker's value and what it was before.
TEST_F(ApprovalServiceTest, EveryServicesAuditTrailIsReadThroughTheAggregator) {
  ASSERT_TRUE(WriteAtPencegahan("51.5").ok());
  auto audit = suite_.aggregator().audit();
  audit::v1::ListAuditEntriesRequest request;
  request.set_service("pencegahan");
  request.set_satker_code("BNNK_BIMA");
  request.set_keyspace("satker_value");
  audit::v1::ListAuditEntriesResponse page;
  grpc::Status s = audit->ListAuditEntries(Context(apip_).get(), request, &page);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_FALSE(page.entries().empty());
  const auto& last = page.entries(page.entries_size() - 1);
  EXPECT_EQ(last.service(), "pencegahan");
  EXPECT_EQ(last.actor(), "admin");
  EXPECT_EQ(last.method(), "RecordSatkerValues");
  ASSERT_EQ(last.changes_size(), 1);
  EXPECT_EQ(last.changes(0).key(), "2023 / dektari / BNNP_NTB / BNNK_BIMA");
  EXPECT_TRUE(last.changes(0).had_previous());
  EXPECT_NE(last.changes(0).previous().find("\"value\":\"50.28\""), std::string::npos)
      << last.changes(0).previous();

  request.Clear();
  request.set_service("aggregator");
  request.set_keyspace("perjanjian_kinerja");
  ASSERT_TRUE(audit->ListAuditEntries(Context(apip_).get(), request, &page).ok());
  ASSERT_EQ(page.entries_size(), 1);
  EXPECT_EQ(page.entries(0).method(), "ImportBundle");

  request.set_service("keuangann");
  s = audit->ListAuditEntries(Context(apip_).get(), request, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("service: \"keuangann\""), std::string::npos) << s.error_message();
}

TEST_F(ApprovalServiceTest, FinalDocumentRefusedWhileAnythingRemainsThenWrittenWithoutTheMark) {
  report::v1::RenderReportRequest final_render;
  final_render.set_fiscal_year(2023);
  final_render.set_province_code("BNNP_NTB");
  final_render.add_formats(report::v1::DOCUMENT_FORMAT_HTML);
  final_render.add_formats(report::v1::DOCUMENT_FORMAT_MD);
  final_render.set_final_document(true);
  report::v1::RenderReportResponse rendered;
  // The example as imported: no approval, no texts: refused, each item listed.
  grpc::Status s = suite_.reports().RenderReport(Context().get(), final_render, &rendered);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("\n1. Laporan belum ditetapkan oleh Kepala"), std::string::npos)
      << s.error_message();
  EXPECT_NE(s.error_message().find("Teks belum diisi: definisi operasional IKK-15."), std::string::npos)
      << s.error_message();
  EXPECT_EQ(rendered.files_size(), 0);
  // The same as a draft: marked, the list on its front page, in both formats.
  auto draft = Render();
  const std::string& html = File(draft, "lkip.html")->content();
  EXPECT_NE(html.find("<div class=\"draf-mark\""), std::string::npos);
  EXPECT_NE(html.find("YANG MASIH HARUS DISELESAIKAN"), std::string::npos);
  EXPECT_NE(html.find("<li>Teks belum diisi: definisi operasional IKK-15.</li>"), std::string::npos);

  // The example's bundle holds no DIPA: the budget is unavailable, and listed.
  EXPECT_NE(html.find("<li>Data anggaran (DIPA dan realisasi) tidak tersedia"), std::string::npos);
  report::v1::ImportBundleResponse imported;
  s = suite_.reports().ImportBundle(Context("admin").get(), testing::SuiteFixture::RawBundle("keuangan.json"),
                                    &imported);
  ASSERT_TRUE(s.ok()) << s.error_message();

  // Every text written, the signing date after the fiscal year (the verifier's ERROR otherwise),
  // then submitted, reviewed and approved.
  report::v1::GetReportRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  report::v1::Report report;
  ASSERT_TRUE(suite_.reports().GetReport(Context().get(), get, &report).ok());
  aggregator::v1::PutNarrativesRequest texts;
  texts.set_fiscal_year(2023);
  texts.set_province_code("BNNP_NTB");
  for (const std::string& key : MissingTextKeys(report)) {
    auto* n = texts.add_narratives();
    n->set_key(key);
    n->set_text(key == "penandatangan.tempat_tanggal" ? "Mataram, 15 Januari 2024"
                                                      : "Teks uji yang sudah ditulis.");
  }
  aggregator::v1::PutNarrativesResponse put;
  ASSERT_TRUE(suite_.aggregator().data()->PutNarratives(Context(perencana_).get(), texts, &put).ok());
  approval::v1::Approval a;
  s = suite_.reports().RenderReport(Context().get(), final_render, &rendered);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("1 item(s) remain"), std::string::npos) << s.error_message();
  ASSERT_TRUE(Submit(perencana_, &a).ok());
  ASSERT_TRUE(Review(apip_, "Reviu selesai", &a).ok());
  ASSERT_TRUE(Approve(kepala_, &a).ok());

  s = suite_.reports().RenderReport(Context().get(), final_render, &rendered);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const std::string& final_html = File(rendered, "lkip.html")->content();
  EXPECT_EQ(final_html.find("<div class=\"draf-mark\""), std::string::npos);
  EXPECT_EQ(final_html.find("YANG MASIH HARUS DISELESAIKAN"), std::string::npos);
  EXPECT_EQ(File(rendered, "lkip.md")->content().find("DRAF"), std::string::npos);
}

}  // namespace
}  // namespace lkip::aggregator
