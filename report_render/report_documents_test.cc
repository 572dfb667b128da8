// The documents rendered in memory: lkip.json is the report in protobuf's JSON mapping, the
// Markdown comes with the charts it names, the manifest lists every output with its digest, the
// same report gives the same bytes, and a missing converter is named with its Debian package.
#include "report_render/report_documents.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/files/text_file.h"
#include "common/proto/deterministic.h"
#include "report_render/proto_walk.h"
#include "services/aggregator/report/example_inputs.h"

namespace lkip::render {
namespace {

using report::v1::DocumentFormat;

RenderOptions Options(std::set<DocumentFormat> formats) {
  RenderOptions o;
  o.formats = std::move(formats);
  o.templates = TemplatesFrom(LKIP_SOURCE_DIR "/report_render/templates");
  return o;
}

std::map<std::string, std::string> ByName(const std::vector<report::v1::RenderedFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& f : files) out[f.name()] = f.content();
  return out;
}

TEST(ReportDocumentsTest, TextFormatsChartsAndManifest) {
  const auto in = aggregator::ExampleReportInputs();
  const auto report = aggregator::BuildReport(in);
  auto o = Options({report::v1::DOCUMENT_FORMAT_JSON, report::v1::DOCUMENT_FORMAT_HTML,
                    report::v1::DOCUMENT_FORMAT_MD, report::v1::DOCUMENT_FORMAT_CAPAIAN});
  o.inputs = {{"capaian", &in.capaian}};
  auto files = RenderDocuments(report, in.capaian, o);
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_EQ(files->back().name(), "manifest.json");
  const auto by_name = ByName(*files);
  for (const char* name : {"lkip.json", "lkip.html", "lkip.md", "grafik/ikk-12.svg",
                           "grafik/anggaran-satker.svg", "capaian.json", "capaian.html"}) {
    EXPECT_TRUE(by_name.count(name)) << name;
  }
  // lkip.json is the typed report: it parses back into the same message (each Decimal's exact
  // fraction taken back from beside its rounded value).
  report::v1::Report back;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(by_name.at("lkip.json"), &back).ok());
  EXPECT_NE(back.SerializeAsString(), report.SerializeAsString()) << "the JSON holds no fraction as a value";
  ExactDecimalsFromJson(&back);
  EXPECT_EQ(back.SerializeAsString(), report.SerializeAsString());
  const auto manifest = nlohmann::json::parse(by_name.at("manifest.json"));
  EXPECT_EQ(manifest["outputs"].size(), files->size() - 1);
  for (const auto& out : manifest["outputs"]) {
    for (const auto& f : *files) {
      if (f.name() == out["file"]) {
        EXPECT_EQ(f.sha256(), out["sha256"]);
      }
    }
  }
  EXPECT_EQ(manifest["inputs"][0]["name"], "capaian");
  // The same report, the same bytes (the manifest carries the time).
  auto again = RenderDocuments(report, in.capaian, o);
  ASSERT_TRUE(again.ok());
  for (size_t i = 0; i + 1 < files->size(); ++i) EXPECT_EQ((*again)[i].content(), (*files)[i].content());
}

TEST(ReportDocumentsTest, FormatsNeedTheirSourceAndConvertersAreNamed) {
  const auto in = aggregator::ExampleReportInputs();
  const auto report = aggregator::BuildReport(in);
  auto pdf_alone = RenderDocuments(report, in.capaian, Options({report::v1::DOCUMENT_FORMAT_PDF}));
  EXPECT_EQ(pdf_alone.status().code(), absl::StatusCode::kInvalidArgument);
  auto o = Options({report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_PDF});
  o.weasyprint = "/nonexistent/weasyprint";
  auto missing = RenderDocuments(report, in.capaian, o);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("install Debian's weasyprint"), std::string::npos)
      << missing.status();
  EXPECT_EQ(FormatName(report::v1::DOCUMENT_FORMAT_DOCX), "docx");
  EXPECT_EQ(AllFormats().size(),
            static_cast<size_t>(report::v1::DocumentFormat_descriptor()->value_count() - 1));
}

// lkip.docx takes its page setup from the reference document the build made, and the manifest
// records which one; a configured reference that is not there is refused, naming the flag.
TEST(ReportDocumentsTest, DocxFromTheReferenceDocument) {
  const auto in = aggregator::ExampleReportInputs();
  const auto report = aggregator::BuildReport(in);
  auto o = Options({report::v1::DOCUMENT_FORMAT_MD, report::v1::DOCUMENT_FORMAT_DOCX});
  o.docx_reference = LKIP_DOCX_REFERENCE;
  auto files = RenderDocuments(report, in.capaian, o);
  ASSERT_TRUE(files.ok()) << files.status();
  const auto by_name = ByName(*files);
  ASSERT_TRUE(by_name.count("lkip.docx"));
  auto reference = ReadText(LKIP_DOCX_REFERENCE);
  ASSERT_TRUE(reference.ok()) << reference.status();
  const auto manifest = nlohmann::json::parse(by_name.at("manifest.json"));
  const nlohmann::json recorded = {{"file", "lkip-reference.docx"}, {"sha256", Sha256Hex(*reference)}};
  EXPECT_NE(std::find(manifest["templates"].begin(), manifest["templates"].end(), recorded),
            manifest["templates"].end())
      << manifest["templates"];

  o.docx_reference = "/nonexistent/lkip-reference.docx";
  auto missing = RenderDocuments(report, in.capaian, o);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("--docx_reference"), std::string::npos) << missing.status();
  // Without one, pandoc's default: nothing recorded.
  o.docx_reference.clear();
  auto plain = RenderDocuments(report, in.capaian, o);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(nlohmann::json::parse(ByName(*plain).at("manifest.json")).dump().find("lkip-reference.docx"),
            std::string::npos);
}

// The office's logo on the cover: inside lkip.html (so in the PDF) and beside lkip.md (so in
// the DOCX), recorded in the manifest; none without one; a file that is no image is refused.
TEST(ReportDocumentsTest, TheCoversLogo) {
  static constexpr unsigned char kPng[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
      0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
      0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  const std::string png(reinterpret_cast<const char*>(kPng), sizeof kPng);
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "cover_logo";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(WriteText(dir / "logo.png", png).ok());
  ASSERT_TRUE(WriteText(dir / "logo.txt", "BNNP NTB").ok());
  auto logo = ReadCoverLogo((dir / "logo.png").string());
  ASSERT_TRUE(logo.ok()) << logo.status();
  EXPECT_EQ(logo->file, "grafik/logo.png");

  const auto in = aggregator::ExampleReportInputs();
  const auto report = aggregator::BuildReport(in);
  auto o = Options({report::v1::DOCUMENT_FORMAT_HTML, report::v1::DOCUMENT_FORMAT_MD});
  o.logo = &*logo;
  auto files = RenderDocuments(report, in.capaian, o);
  ASSERT_TRUE(files.ok()) << files.status();
  auto by_name = ByName(*files);
  EXPECT_NE(by_name.at("lkip.html").find(R"(<img class="cover-logo" src="data:image/png;base64,iVBORw0KGgo)"),
            std::string::npos);
  EXPECT_NE(by_name.at("lkip.md").find("\n\n![Logo BNNP Nusa Tenggara Barat](grafik/logo.png)\n"),
            std::string::npos);
  EXPECT_EQ(by_name.at("grafik/logo.png"), png);
  const auto manifest = nlohmann::json::parse(by_name.at("manifest.json"));
  const nlohmann::json recorded = {{"file", "grafik/logo.png"}, {"sha256", Sha256Hex(png)}};
  EXPECT_NE(std::find(manifest["templates"].begin(), manifest["templates"].end(), recorded),
            manifest["templates"].end());

  o.logo = nullptr;
  by_name = ByName(*RenderDocuments(report, in.capaian, o));
  EXPECT_EQ(by_name.at("lkip.html").find("cover-logo\""), std::string::npos);
  EXPECT_EQ(by_name.count("grafik/logo.png"), 0u);

  auto text = ReadCoverLogo((dir / "logo.txt").string());
  EXPECT_EQ(text.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(text.status().message().find("is not a PNG, JPEG or SVG image"), std::string::npos)
      << text.status();
  EXPECT_NE(text.status().message().find("--logo"), std::string::npos);
  EXPECT_FALSE(ReadCoverLogo((dir / "none.png").string()).ok());
}

}  // namespace
}  // namespace lkip::render
