#include "tools/lkipctl/approval_commands.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "common/approval/state_name.h"
#include "common/auth/signature.h"
#include "common/files/text_file.h"
#include "common/proto/deterministic.h"
#include "lkip/approval/v1/approval.grpc.pb.h"

namespace lkip::ctl {
namespace {

using approval::v1::ApprovalService;

template <typename Request>
Request YearRequest(int year, const std::string& province, const std::string& note) {
  Request r;
  r.set_fiscal_year(year);
  r.set_province_code(province);
  r.set_note(note);
  return r;
}

}  // namespace

int ApprovalCmd(const Options& o, const std::string& step, int year, const std::string& province,
                const std::string& note) {
  auto stub = ApprovalService::NewStub(Connect(o));
  auto ctx = Ctx(o);
  approval::v1::Approval out;
  grpc::Status s;
  if (step == "status") {
    approval::v1::GetApprovalRequest r;
    r.set_fiscal_year(year);
    r.set_province_code(province);
    s = stub->GetApproval(ctx.get(), r, &out);
  } else if (step == "submit") {
    s = stub->SubmitReport(ctx.get(), YearRequest<approval::v1::SubmitReportRequest>(year, province, note),
                           &out);
  } else if (step == "review") {
    s = stub->ReviewReport(ctx.get(), YearRequest<approval::v1::ReviewReportRequest>(year, province, note),
                           &out);
  } else if (step == "approve") {
    s = stub->ApproveReport(ctx.get(), YearRequest<approval::v1::ApproveReportRequest>(year, province, note),
                            &out);
  } else {
    s = stub->ReopenYear(ctx.get(), YearRequest<approval::v1::ReopenYearRequest>(year, province, note), &out);
  }
  if (!s.ok()) return Fail(absl::StrCat("approval ", step), s);
  std::cout << out.province_code() << " " << out.fiscal_year() << ": " << ApprovalStateName(out.state())
            << "\n";
  for (const auto& e : out.history()) {
    std::cout << "  " << e.time() << "  " << ApprovalStateName(e.from_state()) << " -> "
              << ApprovalStateName(e.to_state()) << "  " << e.actor() << " (" << e.role() << ")"
              << (e.note().empty() ? "" : ": " + e.note()) << "\n";
  }
  return 0;
}

int VerifySignatureCmd(const std::string& dir, const std::string& public_key) {
  const std::string what = "verify-signature";
  const std::filesystem::path folder(dir);
  auto key = ReadText(public_key);
  if (!key.ok())
    return Fail(what, absl::InvalidArgumentError(absl::StrCat("--public-key: ", key.status().message())));
  auto manifest = ReadText(folder / "manifest.json");
  if (!manifest.ok()) return Fail(what, manifest.status());
  auto signature = ReadText(folder / "manifest.sig");
  if (!signature.ok()) {
    return Fail(what, absl::FailedPreconditionError(absl::StrCat(
                          (folder / "manifest.sig").string(),
                          " cannot be read: only the documents of a ditetapkan report are signed (",
                          signature.status().message(), ")")));
  }
  if (absl::Status v = VerifySignatureFile(*key, *manifest, *signature); !v.ok()) {
    return Fail(what, absl::FailedPreconditionError(absl::StrCat("manifest.json: ", v.message())));
  }
  const auto m = nlohmann::json::parse(*manifest, nullptr, /*allow_exceptions=*/false);
  if (!m.is_object() || !m.contains("outputs") || !m["outputs"].is_array()) {
    return Fail(what, absl::InvalidArgumentError("manifest.json: no outputs listed"));
  }
  int checked = 0;
  for (const auto& out : m["outputs"]) {
    const std::string file = out.value("file", "");
    auto bytes = ReadText(folder / file);
    if (!bytes.ok()) {
      return Fail(what, absl::FailedPreconditionError(absl::StrCat(file, ": listed in the signed manifest, ",
                                                                   bytes.status().message())));
    }
    if (Sha256Hex(*bytes) != out.value("sha256", "")) {
      return Fail(what, absl::FailedPreconditionError(
                            absl::StrCat(file, ": changed since it was signed (SHA-256 ", Sha256Hex(*bytes),
                                         ", signed ", out.value("sha256", ""), ")")));
    }
    ++checked;
  }
  std::string approved;
  if (m.contains("approval") && m["approval"].contains("history") && !m["approval"]["history"].empty()) {
    const auto& last = m["approval"]["history"].back();
    approved = absl::StrCat("; ditetapkan by ", last.value("actor", "?"), " at ", last.value("time", "?"));
  }
  std::cout << "verify-signature: manifest.json signed by the key given; " << checked << " files match it"
            << approved << "\n";
  return 0;
}

}  // namespace lkip::ctl
