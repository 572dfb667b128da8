// The aggregator answering for a bidang service: the same RPC asked of it with the caller's token
// (so it is checked and recorded as the caller's), the answer finishing the caller's call. For
// the services every process serves (the audit trail, backups), so a client needs one address.
#pragma once

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/grpc_status.h"

namespace lkip {

// The channel to another service by name (the aggregator's clients), or nullptr.
using ChannelOf = std::function<std::shared_ptr<grpc::Channel>(const std::string& service)>;

// Asks `request` of the service behind `channel` and finishes `reactor` from the callback.
// `call(async, client, request, response, done)` starts the RPC: a lambda over the stub's
// async() interface, e.g. `[](auto* a, auto... args) { a->ListAuditEntries(args...); }`.
template <typename Service, typename Request, typename Response, typename Call>
void ForwardUnary(grpc::CallbackServerContext* context, grpc::ServerUnaryReactor* reactor, const char* method,
                  std::shared_ptr<grpc::Channel> channel, Request request, Response* response, Call call) {
  struct State {
    grpc::ClientContext client;
    Request request;
    std::unique_ptr<typename Service::Stub> stub;
  };
  auto* state = new State();
  state->request = std::move(request);
  AddOnBehalf(&state->client, OnBehalfOf(*context));
  state->client.set_deadline(
      std::min(context->deadline(), std::chrono::system_clock::now() + std::chrono::seconds(30)));
  state->stub = Service::NewStub(std::move(channel));
  call(state->stub->async(), &state->client, &state->request, response,
       std::function<void(grpc::Status)>([state, reactor, method](grpc::Status s) {
         std::unique_ptr<State> done(state);
         FinishWith(reactor, method, FromGrpc(s));
       }));
}

}  // namespace lkip
