#include "services/aggregator/bidang_clients.h"

#include <atomic>
#include <chrono>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/status/macros.h"

namespace lkip::aggregator {
namespace {

// Downstream errors are translated, not forwarded (style guide §3.5): the reason keeps the
// downstream message, the code says what it means for the report.
absl::Status Translate(const std::string& service, const grpc::Status& status) {
  const std::string message = service + ": " + status.error_message();
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return absl::OkStatus();
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return absl::UnavailableError(message);
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::DeadlineExceededError(message);
    case grpc::StatusCode::NOT_FOUND:
      return absl::NotFoundError(message);
    default:
      return absl::InternalError(message);
  }
}

// Shared state of one fan-out; freed by the last callback.
struct FanOut {
  std::vector<ServiceFetch> results;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<indicator::v1::GetIndicatorValuesRequest> requests;
  std::atomic<int> pending{0};
  std::function<void(std::vector<ServiceFetch>)> done;
  absl::Time started = absl::Now();

  void OneDone() {
    if (pending.fetch_sub(1) == 1) {
      auto callback = std::move(done);
      auto results_out = std::move(results);
      delete this;
      callback(std::move(results_out));
    }
  }
};

}  // namespace

BidangClients::BidangClients(const std::map<std::string, std::string>& addresses, absl::Duration timeout,
                             std::shared_ptr<grpc::ChannelCredentials> credentials)
    : timeout_(timeout) {
  for (const auto& [name, address] : addresses) {
    Backend b;
    b.name = name;
    b.address = address;
    if (!address.empty()) {
      grpc::ChannelArguments args;
      args.SetMaxReceiveMessageSize(64 << 20);
      // A bidang service restarted (systemctl restart, suite.sh restart) is found again within a
      // second: gRPC's default backoff after failed connects grows to two minutes, during which
      // every report would call the service unreachable.
      args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
      args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 200);
      args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
      b.channel = grpc::CreateCustomChannel(address, credentials, args);
      b.stub = indicator::v1::IndicatorSource::NewStub(b.channel);
      if (name == "keuangan") keuangan_ = keuangan::v1::Keuangan::NewStub(b.channel);
    }
    backends_.push_back(std::move(b));
  }
}

std::shared_ptr<grpc::Channel> BidangClients::Channel(const std::string& service) const {
  for (const auto& b : backends_) {
    if (b.name == service) return b.channel;
  }
  return nullptr;
}

void BidangClients::FetchBudgetTables(grpc::CallbackServerContext* parent, int fiscal_year,
                                      const std::string& province,
                                      std::function<void(absl::StatusOr<keuangan::v1::BudgetTables>)> done) {
  if (!keuangan_) {
    done(absl::UnavailableError("keuangan: no address configured"));
    return;
  }
  struct Call {
    std::unique_ptr<grpc::ClientContext> context;
    keuangan::v1::GetBudgetTablesRequest request;
    keuangan::v1::BudgetTables response;
    std::function<void(absl::StatusOr<keuangan::v1::BudgetTables>)> done;
  };
  auto* call = new Call{parent != nullptr ? grpc::ClientContext::FromCallbackServerContext(*parent)
                                          : std::make_unique<grpc::ClientContext>(),
                        {},
                        {},
                        std::move(done)};
  call->context->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout_));
  call->request.set_fiscal_year(fiscal_year);
  call->request.set_province_code(province);
  keuangan_->async()->GetBudgetTables(call->context.get(), &call->request, &call->response,
                                      [call](grpc::Status status) {
                                        std::unique_ptr<Call> owned(call);
                                        if (status.ok()) {
                                          owned->done(std::move(owned->response));
                                        } else {
                                          owned->done(Translate("keuangan", status));
                                        }
                                      });
}

void BidangClients::FetchAll(grpc::CallbackServerContext* parent, int fiscal_year,
                             const std::string& province,
                             std::function<void(std::vector<ServiceFetch>)> done) {
  auto* fan = new FanOut();
  fan->done = std::move(done);
  const size_t n = backends_.size();
  fan->results.resize(n);
  fan->contexts.resize(n);
  fan->requests.resize(n);
  // One extra count held by this function, so no callback can free the state mid-loop.
  fan->pending = static_cast<int>(n) + 1;
  for (size_t i = 0; i < n; ++i) {
    const Backend& b = backends_[i];
    ServiceFetch& result = fan->results[i];
    result.service = b.name;
    result.address = b.address;
    if (!b.stub) {
      result.status = absl::UnavailableError(b.name + ": no address configured");
      fan->OneDone();
      continue;
    }
    fan->contexts[i] = parent != nullptr ? grpc::ClientContext::FromCallbackServerContext(*parent)
                                         : std::make_unique<grpc::ClientContext>();
    // The effective deadline is the earlier of the propagated one and this cap.
    fan->contexts[i]->set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout_));
    fan->requests[i].set_fiscal_year(fiscal_year);
    fan->requests[i].set_province_code(province);
    b.stub->async()->GetIndicatorValues(fan->contexts[i].get(), &fan->requests[i], &result.response,
                                        [fan, i, name = b.name](grpc::Status status) {
                                          fan->results[i].status = Translate(name, status);
                                          fan->results[i].latency_micros =
                                              absl::ToInt64Microseconds(absl::Now() - fan->started);
                                          fan->OneDone();
                                        });
  }
  fan->OneDone();
}

std::vector<aggregator::v1::ServiceStatus> BidangClients::Describe() const {
  std::vector<aggregator::v1::ServiceStatus> out;
  for (const auto& b : backends_) {
    aggregator::v1::ServiceStatus s;
    s.set_service(b.name);
    s.set_address(b.address);
    s.set_available(!b.address.empty());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace lkip::aggregator
