// Every CSV importer on arbitrary bytes, end to end in one process: lkipctl's reader (libfccp,
// the UTF-8 and cell checks) streams through the aggregator's ImportInstrumentRows into the
// owning service, which checks every row and commits or refuses. The input is tried as each of
// the five instruments (SKM, IKP, WHOQOL, respondent scores, registers; the header row decides
// which one reads it). The property: an import refused anywhere writes nothing anywhere.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "common/log/log.h"
#include "common/testing/test_server.h"
#include "services/aggregator/suite_fixture.h"
#include "tools/fuzz/fuzz_input.h"
#include "tools/lkipctl/csv_import.h"

namespace {

using ImportFn = absl::StatusOr<lkip::indicator::v1::ImportResult> (*)(
    lkip::report::v1::ReportService::StubInterface&, grpc::ClientContext*, const std::string&,
    const lkip::indicator::v1::ImportHeader&, const lkip::ctl::Progress&);

struct State {
  lkip::testing::SuiteFixture suite;
  lkip::testing::TempDir dir;
  int64_t imports = 0;
};

State& Suite() {
  static State* state = [] {
    lkip::InitLogging("fuzz", "off");  // every refusal is expected; the log would drown the fuzzer's
    auto* s = new State();
    lkip::report::v1::ImportBundleResponse imported;  // the NTB unit tree, PK and values
    grpc::Status st = s->suite.reports().ImportBundle(
        lkip::testing::Context("fuzz").get(), lkip::testing::SuiteFixture::ExampleBundle(), &imported);
    if (!st.ok()) lkip::fuzz::Fail("the example bundle does not import");
    return s;
  }();
  return *state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  State& state = Suite();
  const std::string path = state.dir.Sub("rows.csv");
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  for (ImportFn import : {&lkip::ctl::ImportSkmCsv, &lkip::ctl::ImportIkpCsv, &lkip::ctl::ImportWhoqolCsv,
                          &lkip::ctl::ImportRespondentCsv, &lkip::ctl::ImportRegisterCsv}) {
    lkip::indicator::v1::ImportHeader header;
    header.set_import_id("fuzz-" + std::to_string(++state.imports));
    header.set_fiscal_year(2023);
    header.set_source_document("rows.csv");
    const uint64_t before = state.suite.CommitsEverywhere();
    auto context = lkip::testing::Context("fuzz");
    auto result = import(state.suite.reports(), context.get(), path, header, nullptr);
    if (!result.ok() && state.suite.CommitsEverywhere() != before) {
      lkip::fuzz::Fail("a refused import wrote something");
    }
  }
  return 0;
}
