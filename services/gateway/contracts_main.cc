// Writes the published contracts at build time (docs/integration.md): the OpenAPI document of the
// REST API (openapi.h) and the JSON Schema of every JSON file lkip writes in protobuf's JSON
// mapping, from the descriptors and the .proto comments of the descriptor set.
//
//   lkip_contracts DESCRIPTOR_SET OUT_DIR VERSION
//     OUT_DIR/openapi.json, OUT_DIR/schemas/<file>.schema.json
#include <google/protobuf/descriptor.pb.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "common/files/text_file.h"
#include "lkip/keuangan/v1/keuangan.pb.h"
#include "lkip/nasional/v1/nasional.pb.h"
#include "lkip/report/v1/report.pb.h"
#include "services/gateway/openapi.h"
#include "services/gateway/served_apis.h"

namespace {

// The JSON files lkip writes from a message, and the message: lkipctl report (lkip.json),
// lkipctl verify (verify.json), lkipctl anggaran (anggaran.json), lkipctl nasional (nasional.json).
// capaian.json and manifest.json are views of their own, with schemas written by hand
// (report_render/schemas).
std::vector<std::pair<std::string, const google::protobuf::Descriptor*>> FilesWritten() {
  return {{"lkip.json", lkip::report::v1::Report::descriptor()},
          {"verify.json", lkip::report::v1::VerifyReportResponse::descriptor()},
          {"anggaran.json", lkip::keuangan::v1::BudgetTables::descriptor()},
          {"nasional.json", lkip::nasional::v1::RollUp::descriptor()}};
}

int Write(const std::filesystem::path& path, const nlohmann::ordered_json& doc) {
  if (auto written = lkip::WriteText(path, doc.dump(2) + "\n"); !written.ok()) {
    std::fprintf(stderr, "%s\n", std::string(written.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DESCRIPTOR_SET OUT_DIR VERSION\n", argv[0]);
    return 2;
  }
  google::protobuf::FileDescriptorSet set;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in || !set.ParseFromIstream(&in)) {
    std::fprintf(stderr, "%s: not a descriptor set\n", argv[1]);
    return 1;
  }
  auto routes = lkip::gateway::RouteTable::Build(lkip::gateway::ServedApis());
  if (!routes.ok()) {
    std::fprintf(stderr, "routes: %s\n", std::string(routes.status().message()).c_str());
    return 1;
  }
  const lkip::gateway::ProtoComments comments = lkip::gateway::CommentsOf(set);
  const std::filesystem::path out(argv[2]);
  std::filesystem::create_directories(out / "schemas");
  if (Write(out / "openapi.json", lkip::gateway::OpenApiDocument(*routes, comments, argv[3])) != 0) return 1;
  for (const auto& [file, message] : FilesWritten()) {
    const std::string stem = file.substr(0, file.rfind('.'));
    if (Write(out / "schemas" / (stem + ".schema.json"),
              lkip::gateway::FileSchema(file, message, comments)) != 0)
      return 1;
  }
  return 0;
}
