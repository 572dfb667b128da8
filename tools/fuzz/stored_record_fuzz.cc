// The stored-record decoders on arbitrary bytes: a suite in one process holds the NTB example
// from its records (every bundle and CSV of examples/ntb-2023/raw); each input replaces the value
// of one stored record (the input's first bytes choose the service and the key: a unit, an
// aggregate, a client, a case file, a DIPA, an LKE, ...; staged raw rows and the audit are left
// alone) with the rest of the input, then asks the aggregator for the whole report, which reads
// every record of the province. A corrupt record may fail the read with a status (DATA_LOSS,
// INTERNAL); it must never crash a service. The record is put back afterwards.
#include <cstdint>
#include <string>
#include <vector>

#include "common/bidang/import_session.h"
#include "common/log/log.h"
#include "common/testing/test_server.h"
#include "services/aggregator/suite_fixture.h"
#include "tools/fuzz/fuzz_input.h"
#include "tools/lkipctl/csv_import.h"

namespace {

using ImportFn = absl::StatusOr<lkip::indicator::v1::ImportResult> (*)(
    lkip::report::v1::ReportService::StubInterface&, grpc::ClientContext*, const std::string&,
    const lkip::indicator::v1::ImportHeader&, const lkip::ctl::Progress&);

struct Record {
  lkip::Store* store;
  std::string key;
  std::string value;
};

struct State {
  lkip::testing::SuiteFixture suite{LKIP_SOURCE_DIR "/deploy/rules:" LKIP_SOURCE_DIR
                                                    "/examples/ntb-2023/raw/rules"};
  std::vector<Record> records;
};

void Load(State& s) {
  for (const char* name :
       {"published.json", "kawasan.json", "keuangan.json", "pemberantasan.json", "zonaintegritas.json"}) {
    lkip::report::v1::ImportBundleResponse imported;
    grpc::Status st = s.suite.reports().ImportBundle(lkip::testing::Context("fuzz").get(),
                                                     lkip::testing::SuiteFixture::RawBundle(name), &imported);
    if (!st.ok()) lkip::fuzz::Fail("an example bundle does not import");
  }
  const std::pair<const char*, ImportFn> csvs[] = {{"skm.csv", &lkip::ctl::ImportSkmCsv},
                                                   {"ikp.csv", &lkip::ctl::ImportIkpCsv},
                                                   {"whoqol.csv", &lkip::ctl::ImportWhoqolCsv},
                                                   {"respondents.csv", &lkip::ctl::ImportRespondentCsv},
                                                   {"register.csv", &lkip::ctl::ImportRegisterCsv}};
  for (const auto& [name, import] : csvs) {
    lkip::indicator::v1::ImportHeader header;
    header.set_import_id(name);
    header.set_fiscal_year(2023);
    header.set_source_document(name);
    auto context = lkip::testing::Context("fuzz");
    if (!import(s.suite.reports(), context.get(),
                std::string(LKIP_SOURCE_DIR "/examples/ntb-2023/raw/") + name, header, nullptr)
             .ok()) {
      lkip::fuzz::Fail("an example CSV does not import");
    }
  }
  std::vector<lkip::Store*> stores = {&s.suite.aggregator_store()};
  for (auto& b : s.suite.bidang()) stores.push_back(b->store.get());
  for (lkip::Store* store : stores) {
    for (int tag = 0; tag < lkip::kTagAudit; ++tag) {
      if (tag == lkip::kTagImportRow) continue;  // raw rows: not read back by any report
      auto kvs = store->Scan(std::string(1, static_cast<char>(tag)), 100000);
      if (!kvs.ok()) lkip::fuzz::Fail("a store does not scan");
      for (auto& kv : *kvs) s.records.push_back({store, std::move(kv.key), std::move(kv.value)});
    }
  }
}

State& Suite() {
  static State* state = [] {
    lkip::InitLogging("fuzz", "off");  // every refusal is expected; the log would drown the fuzzer's
    auto* s = new State();
    Load(*s);
    return s;
  }();
  return *state;
}

void Put(const Record& r, std::string value) {
  lkip::Mutation m;
  m.Put(r.key, std::move(value));
  lkip::WriteContext context;
  context.actor = "fuzz";
  context.method = "fuzz";
  if (!r.store->Commit(context, std::move(m)).ok()) lkip::fuzz::Fail("a record cannot be written");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  State& state = Suite();
  lkip::fuzz::Input in(data, size);
  const Record& record = state.records[in.Integer<uint32_t>() % state.records.size()];
  Put(record, std::string(in.rest()));
  lkip::report::v1::GetReportRequest get;
  get.set_fiscal_year(2023);
  get.set_province_code("BNNP_NTB");
  lkip::report::v1::Report report;
  (void)state.suite.reports().GetReport(lkip::testing::Context("fuzz").get(), get, &report);
  Put(record, record.value);
  return 0;
}
