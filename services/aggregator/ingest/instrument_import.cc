#include "services/aggregator/ingest/instrument_import.h"

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/server/call_context.h"
#include "lkip/pencegahan/v1/pencegahan.grpc.pb.h"
#include "lkip/rehabilitasi/v1/rehabilitasi.grpc.pb.h"

namespace lkip::aggregator {
namespace {

using report::v1::ImportInstrumentRowsRequest;
using Instrument = ImportInstrumentRowsRequest::InstrumentCase;

class ImportProxy;

// The stream to the bidang service, whatever its request type. It lives from Open until its
// OnDone, which the proxy's own reactions never outlive: the proxy reads the caller's next
// message only after the upstream took the last, and the upstream holds its call open until
// the proxy says there is no more (WritesDone), gives up (Abort) or a write failed.
class Upstream {
 public:
  virtual ~Upstream() = default;
  // Sends the service's own message out of `message` (swapped out of it).
  virtual void Write(ImportInstrumentRowsRequest& message) = 0;
  virtual void WritesDone() = 0;
  // Ends the stream early: the service discards the import.
  virtual void Abort() = 0;
};

// Forwards the caller's messages and hands the service's answer back. Its reactions for one
// call do not run concurrently, except OnCancel, which only cancels the upstream's context (a
// thread-safe call on an object the proxy owns).
class ImportProxy final : public grpc::ServerReadReactor<ImportInstrumentRowsRequest> {
 public:
  ImportProxy(grpc::CallbackServerContext* context, indicator::v1::ImportResult* response,
              const BidangClients& clients, absl::Duration timeout)
      : context_(context), response_(response), clients_(clients), timeout_(timeout) {
    StartRead(&message_);
  }

  void OnReadDone(bool ok) override;
  void OnCancel() override { upstream_context_.TryCancel(); }
  void OnDone() override { delete this; }

  // From the upstream's reactions.
  void UpstreamWrote(bool ok) {
    if (ok) StartRead(&message_);
    // Otherwise the stream broke: the upstream's OnDone brings its status.
  }
  void UpstreamDone(const grpc::Status& status) { Finish(refusal_.ok() ? status : refusal_); }

 private:
  // Starts the stream to the service of `instrument`, or says why there is none.
  grpc::Status Open(Instrument instrument);

  grpc::CallbackServerContext* context_;
  indicator::v1::ImportResult* response_;
  const BidangClients& clients_;
  const absl::Duration timeout_;
  grpc::ClientContext upstream_context_;  // here, so OnCancel can reach it whatever the upstream's state
  ImportInstrumentRowsRequest message_;
  Instrument instrument_ = ImportInstrumentRowsRequest::INSTRUMENT_NOT_SET;
  int64_t messages_ = 0;
  Upstream* upstream_ = nullptr;  // see Upstream: valid from Open until the proxy stops reading
  grpc::Status refusal_;          // the proxy's own reason to end the stream (a change of instrument)
};

// One bidang service's client stream for its request type.
template <typename Request, typename Stub>
class UpstreamOf final : public Upstream, public grpc::ClientWriteReactor<Request> {
 public:
  using Take = Request* (ImportInstrumentRowsRequest::*)();
  using Method = void (Stub::async_interface::*)(grpc::ClientContext*, indicator::v1::ImportResult*,
                                                 grpc::ClientWriteReactor<Request>*);

  UpstreamOf(ImportProxy* proxy, std::unique_ptr<Stub> stub, Take take)
      : proxy_(proxy), stub_(std::move(stub)), take_(take) {}

  void Start(Method method, grpc::ClientContext* context, indicator::v1::ImportResult* response) {
    context_ = context;
    (stub_->async()->*method)(context, response, this);
    this->AddHold();  // once the call is bound to this reactor, before it starts
    this->StartCall();
  }

  void Write(ImportInstrumentRowsRequest& message) override {
    pending_.Clear();
    pending_.Swap((message.*take_)());
    this->StartWrite(&pending_);
  }
  void WritesDone() override {
    this->StartWritesDone();
    Release();
  }
  void Abort() override {
    context_->TryCancel();
    Release();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) Release();  // the stream broke: let it end; OnDone says why
    proxy_->UpstreamWrote(ok);
  }
  void OnDone(const grpc::Status& status) override {
    ImportProxy* proxy = proxy_;
    const grpc::Status answer = status;
    delete this;  // before the proxy finishes: it may be deleted as soon as it does
    proxy->UpstreamDone(answer);
  }

 private:
  void Release() {
    if (!released_.exchange(true)) this->RemoveHold();
  }

  ImportProxy* proxy_;
  std::unique_ptr<Stub> stub_;
  Take take_;
  grpc::ClientContext* context_ = nullptr;
  Request pending_;
  std::atomic<bool> released_{false};
};

// Which service owns an instrument, and how to open its stream.
template <typename Request, typename Stub>
Upstream* StartUpstream(ImportProxy* proxy, const std::shared_ptr<grpc::Channel>& channel,
                        typename UpstreamOf<Request, Stub>::Take take,
                        typename UpstreamOf<Request, Stub>::Method method, grpc::ClientContext* context,
                        indicator::v1::ImportResult* response) {
  auto* upstream = new UpstreamOf<Request, Stub>(proxy, std::make_unique<Stub>(channel), take);
  upstream->Start(method, context, response);
  return upstream;
}

const char* ServiceOf(Instrument instrument) {
  switch (instrument) {
    case ImportInstrumentRowsRequest::kSkm:
    case ImportInstrumentRowsRequest::kWhoqol:
    case ImportInstrumentRowsRequest::kRegisterEntries:
      return "rehabilitasi";
    case ImportInstrumentRowsRequest::kIkp:
    case ImportInstrumentRowsRequest::kRespondentScores:
      return "pencegahan";
    default:
      return nullptr;
  }
}

std::string NameOf(Instrument instrument) {
  const auto* field = ImportInstrumentRowsRequest::descriptor()->FindFieldByNumber(instrument);
  return field != nullptr ? field->name() : "none";
}

grpc::Status ImportProxy::Open(Instrument instrument) {
  const char* service = ServiceOf(instrument);
  if (service == nullptr) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        "instrument: the first message names no instrument (skm, whoqol, register_entries, ikp, "
        "respondent_scores)");
  }
  std::shared_ptr<grpc::Channel> channel = clients_.Channel(service);
  if (channel == nullptr) {
    return grpc::Status(
        grpc::StatusCode::UNAVAILABLE,
        absl::StrCat(service, " has no address: the aggregator's --", service, "_addr is not set"));
  }
  upstream_context_.set_deadline(std::min(
      context_->deadline(), std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout_)));
  AddOnBehalf(&upstream_context_, OnBehalfOf(*context_));
  namespace reh = rehabilitasi::v1;
  namespace pen = pencegahan::v1;
  using R = ImportInstrumentRowsRequest;
  Upstream* upstream = nullptr;
  switch (instrument) {
    case R::kSkm:
      upstream = StartUpstream<reh::ImportSkmResponsesRequest, reh::Rehabilitasi::Stub>(
          this, channel, &R::mutable_skm, &reh::Rehabilitasi::Stub::async_interface::ImportSkmResponses,
          &upstream_context_, response_);
      break;
    case R::kWhoqol:
      upstream = StartUpstream<reh::ImportWhoqolAssessmentsRequest, reh::Rehabilitasi::Stub>(
          this, channel, &R::mutable_whoqol,
          &reh::Rehabilitasi::Stub::async_interface::ImportWhoqolAssessments, &upstream_context_, response_);
      break;
    case R::kRegisterEntries:
      upstream = StartUpstream<reh::ImportRegisterEntriesRequest, reh::Rehabilitasi::Stub>(
          this, channel, &R::mutable_register_entries,
          &reh::Rehabilitasi::Stub::async_interface::ImportRegisterEntries, &upstream_context_, response_);
      break;
    case R::kIkp:
      upstream = StartUpstream<pen::ImportIkpAssessmentsRequest, pen::Pencegahan::Stub>(
          this, channel, &R::mutable_ikp, &pen::Pencegahan::Stub::async_interface::ImportIkpAssessments,
          &upstream_context_, response_);
      break;
    case R::kRespondentScores:
      upstream = StartUpstream<pen::ImportRespondentScoresRequest, pen::Pencegahan::Stub>(
          this, channel, &R::mutable_respondent_scores,
          &pen::Pencegahan::Stub::async_interface::ImportRespondentScores, &upstream_context_, response_);
      break;
    default:
      break;
  }
  upstream_ = upstream;
  if (context_->IsCancelled()) upstream_context_.TryCancel();  // cancelled before the call began
  return grpc::Status::OK;
}

void ImportProxy::OnReadDone(bool ok) {
  if (!ok) {  // the caller sent its last message, or the call ended
    if (upstream_ == nullptr) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "the stream is empty: send the import's header first, then its rows"));
    } else {
      upstream_->WritesDone();
    }
    return;
  }
  ++messages_;
  if (upstream_ == nullptr) {
    instrument_ = message_.instrument_case();
    if (grpc::Status opened = Open(instrument_); !opened.ok()) return Finish(opened);
  } else if (message_.instrument_case() != instrument_) {
    refusal_ = grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrCat("message ", messages_, ": instrument ", NameOf(message_.instrument_case()),
                     ", but the import began as ", NameOf(instrument_), "; nothing is imported"));
    return upstream_->Abort();
  }
  upstream_->Write(message_);
}

}  // namespace

grpc::ServerReadReactor<report::v1::ImportInstrumentRowsRequest>* StartInstrumentImport(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response, const BidangClients& clients,
    absl::Duration timeout) {
  return new ImportProxy(context, response, clients, timeout);
}

}  // namespace lkip::aggregator
