// The server side of every bulk import stream: a header first, then rows (one per message or
// in batches), each handed to the instrument; at the end the ImportSession commits or discards
// and the call finishes, with the bad rows in the status details. Instruments implement
// InstrumentImport; the reactor does the rest.
#pragma once

#include <grpcpp/grpcpp.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "common/auth/scope.h"
#include "common/bidang/import_session.h"
#include "common/bidang/satker_values.h"
#include "common/server/call_context.h"
#include "common/status/grpc_status.h"

namespace lkip {

// One instrument's part of an import: validate and fold each row, then write what the import
// changes. `Row` is the instrument's row message.
template <typename Row>
class InstrumentImport {
 public:
  virtual ~InstrumentImport() = default;
  // Called once, after the header was accepted and the session begun; `units` outlives the import.
  absl::Status Begin(const indicator::v1::ImportHeader& header, const UnitTree& units) {
    header_ = header;
    units_ = &units;
    return OnBegin();
  }
  // Validates the row; bad fields go to session->AddError. The row is staged by the caller.
  virtual void Take(const Row& row, ImportSession* session) = 0;
  // Adds the import's writes (aggregates, computed values) to the mutation and names the satker
  // whose values they change.
  virtual absl::Status Apply(Mutation* mutation, std::vector<std::string>* satker_updated) = 0;

 protected:
  virtual absl::Status OnBegin() { return absl::OkStatus(); }
  const indicator::v1::ImportHeader& header() const { return header_; }
  const UnitTree& units() const { return *units_; }

 private:
  indicator::v1::ImportHeader header_;
  const UnitTree* units_ = nullptr;
};

// `Request` is the stream's message with a oneof of `header`, `row` and `rows` (a batch with a
// repeated `rows`), as every bidang package declares its import requests.
template <typename Request, typename Row>
class ImportReactor final : public grpc::ServerReadReactor<Request> {
 public:
  ImportReactor(grpc::CallbackServerContext* context, indicator::v1::ImportResult* response, BidangCore* core,
                std::string kind, std::string method, std::unique_ptr<InstrumentImport<Row>> instrument)
      : context_(context),
        response_(response),
        core_(core),
        kind_(std::move(kind)),
        method_(std::move(method)),
        instrument_(std::move(instrument)) {
    this->StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      Complete();
      return;
    }
    if (absl::Status s = Take(); !s.ok()) {
      Fail(s);
      return;
    }
    request_.Clear();
    this->StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  absl::Status Take() {
    if (ended_) return absl::InvalidArgumentError("end: a message after the import's end message");
    if (request_.has_end()) {
      if (!session_)
        return absl::InvalidArgumentError("header: the first message of an import must be its header");
      if (request_.end().rows() != session_->rows()) {
        return absl::InvalidArgumentError(absl::StrCat("end.rows: ", request_.end().rows(),
                                                       " rows declared, ", session_->rows(),
                                                       " received; nothing is imported"));
      }
      ended_ = true;
      return absl::OkStatus();
    }
    if (request_.has_header()) {
      if (session_) return absl::InvalidArgumentError("header: a second header in one import");
      // Who streams, named once; the rows' satker are checked against it as they come.
      caller_ = PrincipalOf(*context_);
      // The header names no satker (the rows do): its province only, as for a read.
      RETURN_IF_ERROR(CheckScope(caller_, common::v1::ACCESS_READ, ScopeOf(request_), method_));
      ASSIGN_OR_RETURN(const YearRules* rules, core_->rules()->ForYear(request_.header().fiscal_year()));
      (void)rules;
      ASSIGN_OR_RETURN(units_, LoadUnitTree(*core_->store()));
      ASSIGN_OR_RETURN(session_, ImportSession::Begin(core_->store(), kind_, request_.header(),
                                                      MakeWriteContext(*context_, method_, request_)));
      return instrument_->Begin(request_.header(), *units_);
    }
    if (!session_)
      return absl::InvalidArgumentError("header: the first message of an import must be its header");
    if (request_.has_rows()) {
      for (const auto& row : request_.rows().rows()) RETURN_IF_ERROR(TakeRow(row));
      return absl::OkStatus();
    }
    return TakeRow(request_.row());
  }

  absl::Status TakeRow(const Row& row) {
    // Only an operator's scope depends on a row (its satker); every other role's was the header's.
    if (caller_.role == Role::kOperator) {
      RETURN_IF_ERROR(CheckScope(caller_, common::v1::ACCESS_WRITE_RECORDS, ScopeOf(row), method_));
    }
    if (!session_->repeats_committed_import()) instrument_->Take(row, session_.get());
    return session_->Stage(row.row_number(), row.SerializeAsString());
  }

  // The stream ended: committed only after the end message. Cancelled, cut off or closed early,
  // the rows staged so far are discarded (Abandon) and nothing changes.
  void Complete() {
    if (!session_) {
      Fail(absl::InvalidArgumentError("header: the import sent no header"));
      return;
    }
    if (!ended_) {
      Fail(absl::InvalidArgumentError(
          absl::StrCat("end: the stream ended after ", session_->rows(),
                       " rows without the import's end message; nothing is imported")));
      return;
    }
    absl::Status s = session_->Finish(
        [&](Mutation* m, indicator::v1::ImportResult* r) {
          std::vector<std::string> updated;
          absl::Status applied = instrument_->Apply(m, &updated);
          for (auto& satker : updated) {
            session_->Touch(satker);
            r->add_satker_updated(std::move(satker));
          }
          return applied;
        },
        response_);
    if (s.code() == absl::StatusCode::kInvalidArgument && response_->errors_size() > 0) {
      // The bad rows travel as an ImportResult in the status details.
      spdlog::warn("method={} code=INVALID_ARGUMENT import_id={} bad_rows={}", method_,
                   session_->header().import_id(), response_->errors_total());
      Done(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(s.message()),
                        response_->SerializeAsString()));
      return;
    }
    if (!s.ok()) {
      Fail(s);
      return;
    }
    spdlog::info("method={} import_id={} rows={} already_imported={}", method_, response_->import_id(),
                 response_->rows(), response_->already_imported());
    Done(grpc::Status::OK);
  }

  void Fail(const absl::Status& s) {
    if (session_) session_->Abandon();
    spdlog::warn("method={} code={} error=\"{}\"", method_, absl::StatusCodeToString(s.code()),
                 std::string(s.message()));
    Done(ToGrpc(s));
  }

  // Releases the import id before the client can see the end of the call, so that it may
  // start the next import with the same id at once.
  void Done(const grpc::Status& status) {
    session_.reset();
    this->Finish(status);
  }

  grpc::CallbackServerContext* context_;
  indicator::v1::ImportResult* response_;
  BidangCore* core_;
  std::string kind_, method_;
  std::unique_ptr<InstrumentImport<Row>> instrument_;
  Principal caller_;
  Request request_;
  std::shared_ptr<const UnitTree> units_;
  std::unique_ptr<ImportSession> session_;
  bool ended_ = false;  // the end message arrived, its count matching
};

}  // namespace lkip
