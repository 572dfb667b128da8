#include "services/aggregator/aggregator_fixture.h"

#include "common/files/text_file.h"
#include "common/testing/test_pki.h"

namespace lkip::testing {

AggregatorFixture::AggregatorFixture(const std::map<std::string, std::string>& addresses,
                                     const std::string& rules_dirs)
    : rules_(std::move(
          *RuleBook::LoadDirectory(rules_dirs.empty() ? LKIP_SOURCE_DIR "/deploy/rules" : rules_dirs))) {
  StoreOptions o;
  o.path = dir_.Sub("aggregator");
  o.service = "aggregator";
  store_ = std::move(*Store::Open(o));
  stores_ = std::make_unique<aggregator::AggregatorStores>(store_.get(), &rules_);
  clients_ = std::make_unique<aggregator::BidangClients>(addresses, absl::Seconds(5),
                                                         TestChannelCredentials("aggregator"));
  background_ = std::make_unique<BackgroundWork>(2);
  units_ = std::make_unique<UnitRegistryService>(store_.get());
  aggregator::ReportServiceConfig config;
  config.templates_dir = LKIP_SOURCE_DIR "/report_render/templates";
  config.manifest_signer = *Ed25519Signer::Create(*ReadText(TestPkiDir() + "/report-signing.key"));
  reports_ = std::make_unique<aggregator::ReportService>(config, stores_.get(), clients_.get(), units_.get(),
                                                         background_.get());
  locks_ = std::make_unique<YearLockService>(store_.get());
  approvals_ = std::make_unique<aggregator::ApprovalService>(store_.get(), clients_.get(), background_.get());
  audit_ = std::make_unique<AuditService>(
      store_.get(), "aggregator", [this](const std::string& name) { return clients_->Channel(name); });
  backup_ = std::make_unique<BackupService>(
      store_.get(), "aggregator",
      BackupService::Fleet{[this](const std::string& name) { return clients_->Channel(name); },
                           background_.get(), clients_->cross_service_writes(), absl::Seconds(30)});
  data_ = std::make_unique<aggregator::AggregatorService>(stores_.get(), clients_.get());
  server_ = std::make_unique<TestServer>(
      std::vector<grpc::Service*>{reports_.get(), units_.get(), locks_.get(), approvals_.get(), audit_.get(),
                                  backup_.get(), data_.get()},
      "aggregator");
  reports_stub_ = report::v1::ReportService::NewStub(server_->Channel());
}

AggregatorFixture::~AggregatorFixture() {
  background_->Stop();
  server_.reset();
}

}  // namespace lkip::testing
