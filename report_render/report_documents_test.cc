// The documents rendered in memory: lkip.json is the report in protobuf's JSON mapping, the
// Markdown comes with the charts it names, the manifest lists every output with its digest, the
// same report gives the same bytes, and a missing converter is named with its Debian package.
#include "report_render/report_documents.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace lkip::render
