// A bidang service under test: its own store in a temporary directory, the rule sets of
// deploy/rules (or given ones), and its records, IndicatorSource and UnitRegistry services on a
// real server at 127.0.0.1:0, with stubs.
#pragma once

#include <initializer_list>
#include <map>
#include <memory>
#include <string>

#include "common/bidang/bidang_service.h"
#include "common/testing/test_server.h"
#include "common/units/unit_registry_service.h"

namespace lkip::testing {

common::v1::Unit MakeUnit(const char* code, common::v1::UnitLevel level, const char* parent);
// BNN RI, BNNP NTB with BNNK Mataram and Bima, BNNP Bali with BNNK Badung.
unit::v1::PutUnitsRequest TwoProvinces();
// The shipped rule sets (deploy/rules).
RuleBook ShippedRules();

// Every key of the keyspaces `tags` with its value, a computed satker value reduced to the value
// itself (its provenance says who computed it and when): the state a withdrawal must bring back.
std::map<std::string, std::string> DataState(const Store& store, std::initializer_list<uint8_t> tags);

template <typename Svc, typename Records = BidangRecordsService<Svc>>
class BidangFixture {
 public:
  explicit BidangFixture(const std::string& service, RuleBook rules = ShippedRules())
      : rules_(std::move(rules)) {
    StoreOptions o;
    o.path = dir_.Sub("db");
    o.service = service;
    store_ = std::move(*Store::Open(o));
    core_ = std::make_unique<BidangCore>(service, store_.get(), &rules_);
    records_ = std::make_unique<Records>(core_.get());
    indicators_ = std::make_unique<IndicatorSourceService>(core_.get());
    units_ = std::make_unique<UnitRegistryService>(store_.get());
    server_ = std::make_unique<TestServer>(
        std::vector<grpc::Service*>{records_.get(), indicators_.get(), units_.get()}, service);
    channel_ = server_->Channel();
    stub_ = Svc::NewStub(channel_);
    source_ = indicator::v1::IndicatorSource::NewStub(channel_);
    registry_ = unit::v1::UnitRegistry::NewStub(channel_);
  }

  grpc::Status PutUnits(const unit::v1::PutUnitsRequest& req = TwoProvinces()) {
    unit::v1::PutUnitsResponse resp;
    return registry_->PutUnits(Context().get(), req, &resp);
  }

  grpc::Status Record(const indicator::v1::RecordSatkerValuesRequest& req,
                      indicator::v1::RecordSatkerValuesResponse* resp = nullptr) {
    indicator::v1::RecordSatkerValuesResponse ignored;
    return stub_->RecordSatkerValues(Context("operator-1").get(), req, resp ? resp : &ignored);
  }

  indicator::v1::GetIndicatorValuesResponse Values(const std::string& code, grpc::Status* status = nullptr) {
    indicator::v1::GetIndicatorValuesRequest get;
    get.set_fiscal_year(2023);
    get.set_province_code("BNNP_NTB");
    get.add_codes(code);
    indicator::v1::GetIndicatorValuesResponse values;
    grpc::Status s = source_->GetIndicatorValues(Context().get(), get, &values);
    if (status) *status = s;
    return values;
  }

  // Withdraws an import through IndicatorSource in the name of `actor`.
  grpc::Status Withdraw(const std::string& kind, const std::string& import_id, const std::string& reason,
                        indicator::v1::ImportInfo* info = nullptr,
                        const std::string& actor = "kepala-seksi") {
    indicator::v1::WithdrawImportRequest req;
    req.set_kind(kind);
    req.set_import_id(import_id);
    req.set_reason(reason);
    indicator::v1::WithdrawImportResponse response;
    grpc::Status s = source_->WithdrawImport(Context(actor).get(), req, &response);
    if (info != nullptr) *info = response.import();
    return s;
  }

  size_t AuditEntries() { return store_->ReadAudit(100000)->size(); }
  // host:port of its server, for an aggregator in front of it.
  std::string address() const { return server_->address(); }
  Store& store() { return *store_; }
  indicator::v1::IndicatorSource::Stub& source() { return *source_; }
  typename Svc::Stub& stub() { return *stub_; }
  unit::v1::UnitRegistry::Stub& registry() { return *registry_; }

 private:
  TempDir dir_;
  RuleBook rules_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<BidangCore> core_;
  std::unique_ptr<Records> records_;
  std::unique_ptr<IndicatorSourceService> indicators_;
  std::unique_ptr<UnitRegistryService> units_;
  std::unique_ptr<TestServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<typename Svc::Stub> stub_;
  std::unique_ptr<indicator::v1::IndicatorSource::Stub> source_;
  std::unique_ptr<unit::v1::UnitRegistry::Stub> registry_;
};

// Streams a header, `rows` (one message each) and the end message through a client-streaming
// import; `open` is e.g. [&](auto* ctx, auto* result) { return stub.ImportSkmResponses(ctx, result); }.
template <typename Request, typename Row, typename Open>
grpc::Status StreamRows(Open open, const std::string& import_id, const std::vector<Row>& rows,
                        indicator::v1::ImportResult* result, bool with_header = true,
                        bool same_rows_again = false, const Principal* caller = nullptr) {
  auto ctx = caller != nullptr ? Context(*caller) : Context("petugas");
  auto writer = open(ctx.get(), result);
  if (with_header) {
    Request h;
    h.mutable_header()->set_import_id(import_id);
    h.mutable_header()->set_fiscal_year(2023);
    h.mutable_header()->set_source_document(import_id + ".csv");
    h.mutable_header()->set_same_rows_again(same_rows_again);
    writer->Write(h);
  }
  for (const auto& row : rows) {
    Request m;
    *m.mutable_row() = row;
    if (!writer->Write(m)) break;
  }
  Request end;
  end.mutable_end()->set_rows(static_cast<int64_t>(rows.size()));
  writer->Write(end);
  writer->WritesDone();
  return writer->Finish();
}

}  // namespace lkip::testing
