#include "tools/lkipctl/report_documents.h"

#include <openssl/evp.h>
#include <xlsxwriter.h>


#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status/status.h"
#include "common/storage/store.h"
#include "tools/lkipctl/json_text.h"
#include "tools/lkipctl/report_templates.h"
#include "tools/lkipctl/report_xlsx.h"
#include "tools/lkipctl/run_tool.h"
#include "tools/lkipctl/text_file.h"

namespace lkip::ctl {
namespace {

using ordered_json = nlohmann::ordered_json;
namespace fs = std::filesystem;

ordered_json InputDigest(const char* name, const char* source, const google::protobuf::Message& message) {
  return {{"name", name}, {"source", source}, {"sha256", Sha256Hex(SerializeDeterministic(message))}};
}

}  // namespace

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

absl::StatusOr<ordered_json> WriteReportDocuments(const ReportInputs& in, const ordered_json& view,
                                                   const DocumentOptions& o) {
  const auto& f = o.formats;
  if (f.count("pdf") && !f.count("html")) return absl::InvalidArgumentError("formats: pdf is made from html; add html");
  if (f.count("docx") && !f.count("md")) return absl::InvalidArgumentError("formats: docx is made from md; add md");
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot create ", o.out_dir.string(), ": ", ec.message()));

  ordered_json manifest;
  manifest["fiscal_year"] = view["fiscal_year"];
  manifest["province"] = view["province"];
  manifest["generated_at"] = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  manifest["complete"] = view["complete"];
  manifest["rule_set_version"] = view["rule_set_version"];
  manifest["inputs"] = ordered_json::array(
      {InputDigest("capaian", "aggregator GetCapaian", in.capaian),
       InputDigest("perjanjian_kinerja", "aggregator GetPerjanjianKinerja", in.pk),
       InputDigest("narratives", "aggregator GetNarratives", in.narratives),
       InputDigest("comparisons", "aggregator GetComparisons", in.comparisons)});
  if (in.budget_available) manifest["inputs"].push_back(InputDigest("budget_tables", "keuangan GetBudgetTables", in.budget));
  manifest["templates"] = ordered_json::array();
  manifest["outputs"] = ordered_json::array();
  auto record = [&](const std::string& name, const std::string& bytes) {
    manifest["outputs"].push_back({{"file", name}, {"bytes", bytes.size()}, {"sha256", Sha256Hex(bytes)}});
  };
  // A text output is hashed from memory; a file another program wrote is read back.
  auto write_output = [&](const std::string& name, const std::string& bytes) -> absl::Status {
    RETURN_IF_ERROR(WriteText(o.out_dir / name, bytes));
    record(name, bytes);
    return absl::OkStatus();
  };
  auto output = [&](const std::string& name) -> absl::Status {
    ASSIGN_OR_RETURN(std::string bytes, ReadText(o.out_dir / name));
    record(name, bytes);
    return absl::OkStatus();
  };

  if (f.count("json")) RETURN_IF_ERROR(write_output("lkip.json", JsonText(view) + "\n"));
  if (f.count("md")) {
    // The charts as files for lkip.md (and through it lkip.docx), named in the view.
    std::vector<std::pair<std::string, std::string>> charts;
    for (const auto& s : view["sasaran"]) {
      for (const auto& ind : s["indicators"]) charts.emplace_back(ind["grafik_file"], ind["grafik_svg"]);
    }
    if (view.contains("anggaran")) {
      charts.emplace_back(view["anggaran"]["grafik_program_file"], view["anggaran"]["grafik_program_svg"]);
      charts.emplace_back(view["anggaran"]["grafik_satker_file"], view["anggaran"]["grafik_satker_svg"]);
    }
    fs::create_directories(o.out_dir / "grafik", ec);
    if (ec) return absl::UnavailableError(absl::StrCat("cannot create ", (o.out_dir / "grafik").string(), ": ", ec.message()));
    for (const auto& [file, svg] : charts) RETURN_IF_ERROR(WriteText(o.out_dir / file, svg + "\n"));
  }
  ASSIGN_OR_RETURN(const ReportTemplates templates, ReportTemplates::Load(o.template_dir, f.count("html"), f.count("md")));
  for (const auto& [file, text] : templates.files()) {
    manifest["templates"].push_back({{"file", file}, {"sha256", Sha256Hex(text)}});
  }
  ASSIGN_OR_RETURN(const auto rendered, templates.Render(view));
  for (const auto& [name, text] : rendered) RETURN_IF_ERROR(write_output(name, text));
  ordered_json tools = {{"libxlsxwriter", LXW_VERSION},
                        {"protobuf", google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION)},
                        {"grpc", grpc::Version()}};
  // A format made by an external program (the Debian package of the same name).
  auto convert = [&](const std::string& format, const std::string& program, const std::string& package,
                     const std::vector<std::string>& argv) -> absl::Status {
    if (!f.count(format)) return absl::OkStatus();
    const std::string name = absl::StrCat("lkip.", format);
    o.progress(absl::StrCat(name, " (", package, ") ..."));
    std::vector<std::string> args{program};
    args.insert(args.end(), argv.begin(), argv.end());
    if (auto run = RunTool(args); !run.ok()) {
      return absl::Status(run.status().code(),
                          absl::StrCat(name, ": ", run.status().message(), " (install Debian's ", package,
                                       ", or leave ", format, " out of --formats)"));
    }
    tools[package] = ToolVersion(program);
    return output(name);
  };
  RETURN_IF_ERROR(convert("pdf", o.weasyprint, "weasyprint",
                          {"--quiet", (o.out_dir / "lkip.html").string(), (o.out_dir / "lkip.pdf").string()}));
  RETURN_IF_ERROR(convert("docx", o.pandoc, "pandoc",
                          {"--from=markdown", "--to=docx", "--toc", "--metadata=lang:id-ID",
                           absl::StrCat("--resource-path=", o.out_dir.string()), (o.out_dir / "lkip.md").string(),
                           "-o", (o.out_dir / "lkip.docx").string()}));
  if (f.count("xlsx")) {
    o.progress("lkip.xlsx ...");
    RETURN_IF_ERROR(WriteReportXlsx(view, o.out_dir / "lkip.xlsx"));
    RETURN_IF_ERROR(output("lkip.xlsx"));
  }
  manifest["tools"] = tools;
  RETURN_IF_ERROR(WriteText(o.out_dir / "manifest.json", JsonText(manifest) + "\n"));
  return manifest;
}

}  // namespace lkip::ctl
