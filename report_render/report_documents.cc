#include "report_render/report_documents.h"

#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/files/text_file.h"
#include "common/proto/deterministic.h"
#include "common/status/macros.h"
#include "report_render/capaian_output.h"
#include "report_render/document_view.h"
#include "report_render/json_text.h"
#include "report_render/proto_json.h"
#include "report_render/rendered_cache.h"
#include "report_render/report_csv.h"
#include "report_render/report_xlsx.h"
#include "report_render/run_tool.h"

namespace lkip::render {
namespace {

using ordered_json = nlohmann::ordered_json;
namespace fs = std::filesystem;

// A folder of its own under the system's temporary folder, removed with everything in it.
class ScratchDir {
 public:
  static absl::StatusOr<ScratchDir> Make() {
    std::string pattern = (fs::temp_directory_path() / "lkip-render-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      return absl::UnavailableError("cannot create a scratch folder for the report");
    return ScratchDir(pattern);
  }
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit ScratchDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

// An external converter (the Debian package of the same name) run on the scratch folder.
struct Conversion {
  std::string output;   // "lkip.pdf"
  std::string package;  // "weasyprint"
  std::vector<std::string> argv;
  absl::Status status;
};

void Run(Conversion* c) {
  if (auto run = RunTool(c->argv); !run.ok()) {
    c->status = absl::FailedPreconditionError(absl::StrCat(
        c->output, ": ", run.status().message(), " (install Debian's ", c->package, " on the server)"));
  }
}

report::v1::RenderedFile FileOf(const std::string& name, std::string bytes) {
  report::v1::RenderedFile file;
  file.set_name(name);
  file.set_sha256(Sha256Hex(bytes));
  file.set_content(std::move(bytes));
  return file;
}

// The content of the file named `name` among `files`; nullptr when it was not made.
const std::string* Content(const std::vector<report::v1::RenderedFile>& files, const std::string& name) {
  for (const auto& f : files) {
    if (f.name() == name) return &f.content();
  }
  return nullptr;
}

// lkip.json, lkip.html, lkip.md and the charts, as asked for, rendered anew (lkip.json on a
// thread of its own while the templates render).
absl::StatusOr<std::vector<report::v1::RenderedFile>> RenderTexts(const report::v1::Report& report,
                                                                  const ReportTemplates* templates,
                                                                  const CoverLogo* logo, bool json, bool html,
                                                                  bool md) {
  std::vector<report::v1::RenderedFile> out;
  report::v1::RenderedFile json_file;
  std::jthread json_writer;
  if (json) {
    json_writer = std::jthread([&report, &json_file] {
      std::string text = ProtoJsonText(report);
      text += '\n';
      json_file = FileOf("lkip.json", std::move(text));
    });
  }
  std::vector<std::pair<std::string, std::string>> rendered;
  ordered_json presentation;
  if (html || md) {
    presentation = Presentation(report);
    if (logo != nullptr) presentation["logo"] = {{"src", DataUri(*logo)}, {"file", logo->file}};
    ASSIGN_OR_RETURN(rendered, templates->Render(report, presentation));
  }
  if (json) {
    json_writer.join();
    out.push_back(std::move(json_file));
  }
  for (auto& [name, text] : rendered) out.push_back(FileOf(name, std::move(text)));
  // The charts as files for lkip.md (and through it lkip.docx), named in the view.
  if (md) {
    for (const auto& [file, svg] : ChartFiles(presentation)) out.push_back(FileOf(file, svg + "\n"));
    if (logo != nullptr) out.push_back(FileOf(logo->file, logo->bytes));
  }
  return out;
}

// The documents of one render: found in or put into the options' cache (`kept`), or this
// render's own when no cache keeps them (`own`, whose bytes can be moved into the response).
struct Texts {
  std::shared_ptr<const TextDocuments> kept;
  TextDocuments own;
  const TextDocuments& get() const { return kept ? *kept : own; }
};

// The text documents with the templates' digests: from the options' cache when the same report
// was rendered with the same templates.
absl::StatusOr<Texts> TextDocumentsOf(const report::v1::Report& report, const RenderOptions& o, bool json,
                                      bool html, bool md) {
  Texts out;
  std::shared_ptr<const ReportTemplates> templates;
  if (html || md) {
    TemplateCache once;
    ASSIGN_OR_RETURN(templates, (o.template_cache ? o.template_cache : &once)->Load(o.templates, html, md));
    for (const auto& [file, text] : templates->files()) {
      out.own.templates.push_back({{"file", file}, {"sha256", Sha256Hex(text)}});
    }
    // The logo is part of what the documents are made from: in the manifest and the cache's key.
    if (o.logo != nullptr)
      out.own.templates.push_back({{"file", o.logo->file}, {"sha256", Sha256Hex(o.logo->bytes)}});
  }
  if (o.rendered_cache == nullptr) {
    ASSIGN_OR_RETURN(out.own.files, RenderTexts(report, templates.get(), o.logo, json, html, md));
    return out;
  }
  std::string key = RenderedCache::KeyOf(report, json, html, md, out.own.templates);
  if ((out.kept = o.rendered_cache->Find(key))) return out;
  ASSIGN_OR_RETURN(out.own.files, RenderTexts(report, templates.get(), o.logo, json, html, md));
  out.kept = std::make_shared<const TextDocuments>(std::move(out.own));
  o.rendered_cache->Put(std::move(key), out.kept);
  return out;
}

}  // namespace

std::string FormatName(DocumentFormat format) {
  return absl::AsciiStrToLower(
      absl::StripPrefix(report::v1::DocumentFormat_Name(format), "DOCUMENT_FORMAT_"));
}

std::vector<DocumentFormat> AllFormats() {
  std::vector<DocumentFormat> out;
  const auto* e = report::v1::DocumentFormat_descriptor();
  for (int i = 0; i < e->value_count(); ++i) {
    if (e->value(i)->number() != report::v1::DOCUMENT_FORMAT_UNSPECIFIED) {
      out.push_back(static_cast<DocumentFormat>(e->value(i)->number()));
    }
  }
  return out;
}

absl::StatusOr<std::vector<report::v1::RenderedFile>> RenderDocuments(
    const report::v1::Report& report, const aggregator::v1::CapaianReport& capaian, const RenderOptions& o) {
  using report::v1::DOCUMENT_FORMAT_CAPAIAN;
  using report::v1::DOCUMENT_FORMAT_DOCX;
  using report::v1::DOCUMENT_FORMAT_HTML;
  using report::v1::DOCUMENT_FORMAT_JSON;
  using report::v1::DOCUMENT_FORMAT_MD;
  using report::v1::DOCUMENT_FORMAT_PDF;
  using report::v1::DOCUMENT_FORMAT_XLSX;
  const auto& f = o.formats;
  if (f.count(DOCUMENT_FORMAT_PDF) && !f.count(DOCUMENT_FORMAT_HTML)) {
    return absl::InvalidArgumentError("formats: pdf is made from html; add html");
  }
  if (f.count(DOCUMENT_FORMAT_DOCX) && !f.count(DOCUMENT_FORMAT_MD)) {
    return absl::InvalidArgumentError("formats: docx is made from md; add md");
  }
  std::vector<report::v1::RenderedFile> files;
  ordered_json manifest;
  manifest["fiscal_year"] = report.fiscal_year();
  manifest["province_code"] = report.province_code();
  manifest["generated_at"] = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  manifest["complete"] = report.complete();
  manifest["rule_set_version"] = report.rule_set_version();
  manifest["approval"] = ProtoJson(report.approval());
  const bool ditetapkan = report.approval().state() == approval::v1::APPROVAL_STATE_DITETAPKAN;
  if (ditetapkan && !o.sign_manifest) {
    return absl::FailedPreconditionError(
        "the report is ditetapkan, and its manifest must be signed: the aggregator has no "
        "--report_signing_key");
  }
  manifest["inputs"] = ordered_json::array();  // filled when the digests are taken
  // The inputs' digests are taken on a thread of their own while the documents render.
  std::vector<std::string> input_digests(o.inputs.size());
  std::jthread digester([&o, &input_digests] {
    for (size_t i = 0; i < o.inputs.size(); ++i)
      input_digests[i] = Sha256Hex(SerializeDeterministic(*o.inputs[i].second));
  });
  manifest["templates"] = ordered_json::array();
  manifest["outputs"] = ordered_json::array();
  auto add_file = [&](report::v1::RenderedFile file) {
    manifest["outputs"].push_back(
        {{"file", file.name()}, {"bytes", file.content().size()}, {"sha256", file.sha256()}});
    files.push_back(std::move(file));
  };
  auto add = [&](const std::string& name, std::string bytes) { add_file(FileOf(name, std::move(bytes))); };

  const bool json = f.count(DOCUMENT_FORMAT_JSON), html = f.count(DOCUMENT_FORMAT_HTML),
             md = f.count(DOCUMENT_FORMAT_MD);
  ASSIGN_OR_RETURN(Texts text, TextDocumentsOf(report, o, json, html, md));
  digester.join();
  for (size_t i = 0; i < o.inputs.size(); ++i)
    manifest["inputs"].push_back({{"name", o.inputs[i].first}, {"sha256", input_digests[i]}});
  for (const auto& t : text.get().templates) manifest["templates"].push_back(t);
  if (text.kept) {
    for (const auto& file : text.kept->files) add_file(file);
  } else {
    for (auto& file : text.own.files) add_file(std::move(file));
  }
  if (f.count(DOCUMENT_FORMAT_CAPAIAN)) {
    const ordered_json table = CapaianJson(capaian);
    ASSIGN_OR_RETURN(std::string tmpl_text, o.templates("capaian.html.mustache"));
    manifest["templates"].push_back({{"file", "capaian.html.mustache"}, {"sha256", Sha256Hex(tmpl_text)}});
    auto page = RenderTemplate(table, tmpl_text);
    if (!page.ok())
      return absl::InvalidArgumentError(absl::StrCat("capaian.html.mustache: ", page.status().message()));
    add("capaian.json", JsonText(table) + "\n");
    add("capaian.html", std::move(*page));
  }

  if (f.count(report::v1::DOCUMENT_FORMAT_CSV)) {
    for (const char* name : kReportCsvTables) {
      if (absl::string_view(name) == "anggaran" && !report.anggaran().available())
        continue;  // the report says why
      for (const CsvDialect* dialect : {&kCsvIndonesian, &kCsvIso}) {
        ASSIGN_OR_RETURN(std::string csv, ReportCsv(report, name, *dialect));
        add(absl::StrCat(kTableFolder, name, dialect->indonesian ? "" : "-iso", ".csv"), std::move(csv));
      }
    }
  }

  ordered_json tools = {{"libxlsxwriter", LXW_VERSION},
                        {"protobuf", google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION)},
                        {"grpc", grpc::Version()}};
  const bool pdf = f.count(DOCUMENT_FORMAT_PDF), docx = f.count(DOCUMENT_FORMAT_DOCX),
             xlsx = f.count(DOCUMENT_FORMAT_XLSX);
  if (pdf || docx || xlsx) {
    ASSIGN_OR_RETURN(const ScratchDir scratch, ScratchDir::Make());
    const fs::path& dir = scratch.path();
    std::vector<Conversion> conversions;
    if (pdf) {
      RETURN_IF_ERROR(WriteText(dir / "lkip.html", *Content(files, "lkip.html")));
      conversions.push_back(
          {"lkip.pdf",
           "weasyprint",
           {o.weasyprint, "--quiet", (dir / "lkip.html").string(), (dir / "lkip.pdf").string()},
           absl::OkStatus()});
    }
    if (docx) {
      RETURN_IF_ERROR(WriteText(dir / "lkip.md", *Content(files, "lkip.md")));
      fs::create_directories(dir / kChartFolder);
      for (const auto& file : files) {
        if (absl::StartsWith(file.name(), kChartFolder))
          RETURN_IF_ERROR(WriteText(dir / file.name(), file.content()));
      }
      // The Markdown's title heading becomes the document's title (its first paragraph and
      // its title property) and its chapters Heading 1, which the reference document starts on
      // a new page; the instansi is the author property.
      Conversion c{"lkip.docx",
                   "pandoc",
                   {o.pandoc, "--from=markdown", "--to=docx", "--toc", "--shift-heading-level-by=-1",
                    "--metadata=lang:id-ID", "--metadata=toc-title:Daftar Isi",
                    absl::StrCat("--metadata=author:", report.instansi()),
                    absl::StrCat("--resource-path=", dir.string()), (dir / "lkip.md").string(), "-o",
                    (dir / "lkip.docx").string()},
                   absl::OkStatus()};
      if (!o.docx_reference.empty()) {
        absl::StatusOr<std::string> reference = ReadText(o.docx_reference);
        if (!reference.ok())
          return absl::FailedPreconditionError(
              absl::StrCat("the DOCX reference document ", o.docx_reference,
                           " cannot be read (aggregator --docx_reference): ", reference.status().message()));
        manifest["templates"].push_back({{"file", "lkip-reference.docx"}, {"sha256", Sha256Hex(*reference)}});
        c.argv.push_back(absl::StrCat("--reference-doc=", o.docx_reference));
      }
      conversions.push_back(std::move(c));
    }
    // The converters run at the same time: the report takes as long as the slower one.
    for (const auto& c : conversions) o.progress(absl::StrCat(c.output, " (", c.package, ") ..."));
    std::vector<std::thread> running;
    for (size_t i = 1; i < conversions.size(); ++i) running.emplace_back(Run, &conversions[i]);
    if (!conversions.empty()) Run(&conversions[0]);
    if (xlsx) {
      o.progress("lkip.xlsx ...");
      const absl::Status written = WriteReportXlsx(report, dir / "lkip.xlsx");
      if (!written.ok()) {
        for (auto& t : running) t.join();
        return written;
      }
    }
    for (auto& t : running) t.join();
    for (const auto& c : conversions) {
      RETURN_IF_ERROR(c.status);
      tools[c.package] = ToolVersion(c.argv[0]);
      ASSIGN_OR_RETURN(std::string bytes, ReadText(dir / c.output));
      add(c.output, std::move(bytes));
    }
    if (xlsx) {
      ASSIGN_OR_RETURN(std::string bytes, ReadText(dir / "lkip.xlsx"));
      add("lkip.xlsx", std::move(bytes));
    }
  }
  manifest["tools"] = tools;
  report::v1::RenderedFile m;
  m.set_name("manifest.json");
  m.set_content(JsonText(manifest) + "\n");
  m.set_sha256(Sha256Hex(m.content()));
  if (ditetapkan) {
    ASSIGN_OR_RETURN(std::string signature, o.sign_manifest(m.content()));
    files.push_back(std::move(m));
    files.push_back(FileOf("manifest.sig", std::move(signature)));
    return files;
  }
  files.push_back(std::move(m));
  return files;
}

}  // namespace lkip::render
