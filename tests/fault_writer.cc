// The unary writer of the fault suite (tests/import_faults_test.py): case-file stages sent one by
// one to pemberantasan, so that the test can kill the service among them and check afterwards
// that every acknowledged write is there, no write that was never sent is, and the P-21 counter
// the service keeps beside the files equals the files.
//
//   fault_writer write ADDRESS PREFIX FILES   sends SPDP, Tahap I, P-21 of files PREFIX/0..FILES-1
//                                             of BNNP_NTB, printing "sent REF N" before each call
//                                             and "ack REF N" after its success (N: the stage's
//                                             index 0..2); exits 1 at the first failure
//   fault_writer check ADDRESS PREFIX FILES   prints "stages REF N" (N stages stored) per file,
//                                             then "p21_files N" (BNNP_NTB's files with a P-21 in
//                                             2023) and "p21_count N" (its computed IKK-12 count)
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "common/server/transport_security.h"
#include "lkip/indicator/v1/indicator.grpc.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.grpc.pb.h"

namespace {

using lkip::pemberantasan::v1::CaseStage;
using lkip::pemberantasan::v1::Pemberantasan;

constexpr char kSatker[] = "BNNP_NTB";
constexpr CaseStage kStages[] = {lkip::pemberantasan::v1::CASE_STAGE_SPDP,
                                 lkip::pemberantasan::v1::CASE_STAGE_TAHAP_I,
                                 lkip::pemberantasan::v1::CASE_STAGE_P21};

std::unique_ptr<grpc::ClientContext> Context() {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return c;
}

int Write(Pemberantasan::Stub& stub, const std::string& prefix, int files) {
  for (int i = 0; i < files; ++i) {
    const std::string ref = prefix + "/" + std::to_string(i);
    for (int n = 0; n < 3; ++n) {
      lkip::pemberantasan::v1::RecordCaseStageRequest req;
      req.set_satker_code(kSatker);
      req.set_case_ref(ref);
      req.set_stage(kStages[n]);
      req.mutable_date()->set_year(2023);
      req.mutable_date()->set_month(2 + n);
      req.mutable_date()->set_day(1);
      std::cout << "sent " << ref << " " << n << std::endl;
      lkip::pemberantasan::v1::RecordCaseStageResponse resp;
      grpc::Status s = stub.RecordCaseStage(Context().get(), req, &resp);
      if (!s.ok()) {
        std::cerr << "fault_writer: " << ref << " stage " << n << ": " << s.error_message() << "\n";
        return 1;
      }
      std::cout << "ack " << ref << " " << n << std::endl;
    }
  }
  return 0;
}

int Check(const std::shared_ptr<grpc::Channel>& channel, const std::string& prefix, int files) {
  auto stub = Pemberantasan::NewStub(channel);
  for (int i = 0; i < files; ++i) {
    lkip::pemberantasan::v1::GetCaseFileRequest get;
    get.set_satker_code(kSatker);
    get.set_case_ref(prefix + "/" + std::to_string(i));
    lkip::pemberantasan::v1::CaseFile file;
    grpc::Status s = stub->GetCaseFile(Context().get(), get, &file);
    if (s.error_code() == grpc::StatusCode::NOT_FOUND) {
      std::cout << "stages " << get.case_ref() << " 0\n";
      continue;
    }
    if (!s.ok()) {
      std::cerr << "fault_writer: " << get.case_ref() << ": " << s.error_message() << "\n";
      return 1;
    }
    std::cout << "stages " << get.case_ref() << " " << file.stages_size() << "\n";
  }
  lkip::pemberantasan::v1::ListP21FilesRequest list;
  list.set_fiscal_year(2023);
  list.set_satker_code(kSatker);
  list.set_page_size(10000);
  int p21 = 0;
  do {
    lkip::pemberantasan::v1::ListP21FilesResponse page;
    grpc::Status s = stub->ListP21Files(Context().get(), list, &page);
    if (!s.ok()) {
      std::cerr << "fault_writer: ListP21Files: " << s.error_message() << "\n";
      return 1;
    }
    p21 += page.files_size();
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  std::cout << "p21_files " << p21 << "\n";
  // The counter, as the service computes IKK-12 from it: BNNP_NTB's computed value (the row's
  // value, or its alternative where a recorded value comes first).
  lkip::indicator::v1::GetIndicatorValuesRequest values;
  values.set_fiscal_year(2023);
  values.set_province_code(kSatker);
  values.add_codes("IKK-12");
  lkip::indicator::v1::GetIndicatorValuesResponse got;
  grpc::Status s = lkip::indicator::v1::IndicatorSource::NewStub(channel)->GetIndicatorValues(Context().get(),
                                                                                              values, &got);
  if (!s.ok() || got.values_size() != 1) {
    std::cerr << "fault_writer: GetIndicatorValues: " << s.error_message() << "\n";
    return 1;
  }
  for (const auto& row : got.values(0).satker_rows()) {
    if (row.satker_code() != kSatker) continue;
    const bool computed = row.provenance().kind() == lkip::common::v1::PROVENANCE_KIND_COMPUTED;
    std::cout << "p21_count " << (computed ? row.value().value() : row.alternative().value().value()) << "\n";
    return 0;
  }
  std::cout << "p21_count 0\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 || (std::string(argv[1]) != "write" && std::string(argv[1]) != "check")) {
    std::cerr << "usage: fault_writer write|check ADDRESS PREFIX FILES\n";
    return 2;
  }
  // The suite's PKI and a token, as lkipctl takes them from the environment.
  const char* pki = std::getenv("LKIP_PKI_DIR");
  const char* token = std::getenv("LKIP_TOKEN");
  auto credentials = lkip::UserChannelCredentials(pki ? pki : "", token ? token : "");
  if (!credentials.ok()) {
    std::cerr << "fault_writer: " << credentials.status().message() << "\n";
    return 2;
  }
  auto channel = grpc::CreateChannel(argv[2], *credentials);
  const int files = std::atoi(argv[4]);
  if (std::string(argv[1]) == "write") {
    auto stub = Pemberantasan::NewStub(channel);
    return Write(*stub, argv[3], files);
  }
  return Check(channel, argv[3], files);
}
