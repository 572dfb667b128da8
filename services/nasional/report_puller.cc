#include "services/nasional/report_puller.h"

#include <atomic>
#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/files/text_file.h"
#include "common/proto/deterministic.h"
#include "common/server/metadata_keys.h"

namespace lkip::nasional {
namespace {

std::shared_ptr<grpc::Channel> ChannelTo(const ProvinceAccess& p) {
  grpc::ChannelArguments args;
  // A whole report with every satker row and text: a few hundred kilobytes, far more in a
  // province with many BNNK; the aggregator's own limit for its bidang services.
  args.SetMaxReceiveMessageSize(64 << 20);
  if (p.insecure_dev) return grpc::CreateCustomChannel(p.address, grpc::InsecureChannelCredentials(), args);
  if (!p.server_name.empty()) args.SetSslTargetNameOverride(p.server_name);
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = p.ca_pem;
  tls.pem_cert_chain = p.cert_pem;
  tls.pem_private_key = p.key_pem;
  return grpc::CreateCustomChannel(p.address, grpc::SslCredentials(tls), args);
}

// One round's shared state; freed by the last callback.
struct Round {
  struct Call {
    grpc::ClientContext context;
    report::v1::GetReportRequest request;
    report::v1::Report response;
    absl::Time started;
  };
  std::vector<PulledReport> results;
  std::vector<std::unique_ptr<Call>> calls;
  std::atomic<int> pending{0};
  std::function<void(std::vector<PulledReport>)> done;

  void OneDone() {
    if (pending.fetch_sub(1) == 1) {
      auto callback = std::move(done);
      auto out = std::move(results);
      delete this;
      callback(std::move(out));
    }
  }
};

}  // namespace

ReportPuller::ReportPuller(const std::vector<ProvinceAccess>& provinces, absl::Duration deadline)
    : deadline_(deadline) {
  for (const ProvinceAccess& p : provinces)
    provinces_.push_back({p.province_code, p.token_file, report::v1::ReportService::NewStub(ChannelTo(p))});
}

void ReportPuller::Pull(int fiscal_year, const std::vector<size_t>& indexes,
                        std::function<void(std::vector<PulledReport>)> done) {
  auto* round = new Round();
  round->done = std::move(done);
  round->results.resize(indexes.size());
  round->calls.resize(indexes.size());
  // One count held here, so no callback frees the round mid-loop.
  round->pending = static_cast<int>(indexes.size()) + 1;
  const auto deadline = std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline_);
  for (size_t i = 0; i < indexes.size(); ++i) {
    const Province& p = provinces_[indexes[i]];
    PullResult& result = round->results[i].result;
    result.province = p.code;
    result.attempt.attempted_at_micros = absl::ToUnixMicros(absl::Now());
    auto call = std::make_unique<Round::Call>();
    if (!p.token_file.empty()) {
      absl::StatusOr<std::string> token = ReadText(p.token_file);
      if (!token.ok()) {
        result.attempt.error = absl::StrCat("hq token: ", token.status().message());
        round->OneDone();
        continue;
      }
      call->context.AddMetadata(kAuthorizationMetadataKey,
                                absl::StrCat("Bearer ", absl::StripAsciiWhitespace(*token)));
    }
    call->context.set_deadline(deadline);
    call->request.set_fiscal_year(fiscal_year);
    call->request.set_province_code(p.code);
    call->started = absl::Now();
    Round::Call* c = call.get();
    round->calls[i] = std::move(call);
    p.stub->async()->GetReport(&c->context, &c->request, &c->response, [round, c, i](grpc::Status status) {
      PullResult& r = round->results[i].result;
      r.attempt.latency_micros = absl::ToInt64Microseconds(absl::Now() - c->started);
      if (status.ok()) {
        r.attempt.ok = true;
        r.report = SerializeDeterministic(c->response);
        r.sha256 = Sha256Hex(*r.report);
        round->results[i].report = std::move(c->response);
      } else {
        r.attempt.error =
            absl::StrCat(absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())), ": ",
                         status.error_message());
      }
      round->OneDone();
    });
  }
  round->OneDone();
}

}  // namespace lkip::nasional
