#include "common/testing/expected_figures.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

namespace lkip::testing {

const ExpectedFigures& Ntb2023Expected() {
  static const ExpectedFigures* figures = [] {
    const char* path = LKIP_SOURCE_DIR "/examples/ntb-2023/expected.json";
    std::ifstream in(path);
    const nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) {
      std::fprintf(stderr, "cannot read %s\n", path);
      std::abort();
    }
    auto* out = new ExpectedFigures;
    out->fiscal_year = doc["fiscal_year"].get<int>();
    out->province_code = doc["province_code"].get<std::string>();
    for (const auto& i : doc["indicators"]) {
      out->indicators.push_back({i["code"], i["target"], i["realisasi"], i["capaian"]});
    }
    for (const auto& [set, counts] : doc["bands"].items()) out->bands[set] = counts.get<std::vector<int>>();
    for (const auto& [k, v] : doc["anggaran"].items()) out->anggaran[k] = v.get<std::string>();
    return out;
  }();
  return *figures;
}

}  // namespace lkip::testing
