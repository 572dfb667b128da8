#include "services/rehabilitasi/rehabilitasi_service.h"

#include <map>

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_session.h"

namespace lkip::rehabilitasi {
namespace {

// Reads an SKM import stream: header first, then rows, each validated as it arrives; the
// session stages rows and commits or discards them at the end.
class SkmImportReactor final : public grpc::ServerReadReactor<v1::ImportSkmResponsesRequest> {
 public:
  SkmImportReactor(grpc::CallbackServerContext* context, indicator::v1::ImportResult* response, BidangCore* core,
                   SkmStore* skm)
      : context_(context), response_(response), core_(core), skm_(skm) {
    StartRead(&request_);
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
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  absl::Status Take() {
    if (request_.has_header()) {
      if (session_) return absl::InvalidArgumentError("header: a second header in one import");
      ASSIGN_OR_RETURN(rules_, core_->rules()->ForYear(request_.header().fiscal_year()));
      ASSIGN_OR_RETURN(units_, LoadUnitTree(*core_->store()));
      ASSIGN_OR_RETURN(session_, ImportSession::Begin(core_->store(), "skm", request_.header(),
                                                      MakeWriteContext(*context_, "ImportSkmResponses")));
      return absl::OkStatus();
    }
    if (!session_) return absl::InvalidArgumentError("header: the first message of an import must be its header");
    if (request_.has_rows()) {
      for (const auto& row : request_.rows().rows()) RETURN_IF_ERROR(TakeRow(row));
      return absl::OkStatus();
    }
    return TakeRow(request_.row());
  }

  absl::Status TakeRow(const v1::SkmResponseRow& row) {
    const int64_t n = row.row_number();
    if (units_.Find(row.satker_code()) == nullptr) {
      session_->AddError(n, "satker_code", row.satker_code(), "not in the unit tree");
    } else if (units_.Find(row.satker_code())->level() == common::v1::UNIT_LEVEL_PUSAT) {
      session_->AddError(n, "satker_code", row.satker_code(), "BNN RI has no SKM of its own");
    }
    if (row.answers_size() != kSkmElements) {
      session_->AddError(n, "answers", std::to_string(row.answers_size()),
                         absl::StrCat("a questionnaire has ", kSkmElements, " answers"));
      return session_->Stage(n, row.SerializeAsString());
    }
    SkmQuestionnaire q;
    bool bad = false;
    int answered = 0;
    for (int i = 0; i < kSkmElements; ++i) {
      const int a = row.answers(i);
      if (a == 0) continue;
      if (a < 1 || a > 4) {
        session_->AddError(n, absl::StrCat("answers[", i, "] (", SkmElementNames()[i], ")"), std::to_string(a),
                           "outside 1..4 (0 = not answered)");
        bad = true;
        continue;
      }
      q.answers[i] = a;
      ++answered;
    }
    if (!bad && answered == 0) {
      session_->AddError(n, "answers", "0,0,0,0,0,0,0,0,0", "no element answered");
      bad = true;
    }
    // Once a row is bad nothing will be written; the rest is only checked.
    if (!bad && !session_->has_errors()) deltas_[row.satker_code()].Add(q);
    return session_->Stage(n, row.SerializeAsString());
  }

  void Complete() {
    if (!session_) {
      Fail(absl::InvalidArgumentError("header: the import sent no header"));
      return;
    }
    const std::string source = session_->header().source_document();
    const int year = session_->header().fiscal_year();
    absl::Status s = session_->Finish(
        [&](Mutation* m, indicator::v1::ImportResult* r) {
          return skm_->Apply(year, units_, deltas_, source, ActorOf(*context_), m, r);
        },
        response_);
    if (s.code() == absl::StatusCode::kInvalidArgument && response_->errors_size() > 0) {
      // The bad rows travel as an ImportResult in the status details.
      spdlog::warn("method=ImportSkmResponses code=INVALID_ARGUMENT import_id={} bad_rows={}",
                   session_->header().import_id(), response_->errors_total());
      Done(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(s.message()), response_->SerializeAsString()));
      return;
    }
    if (!s.ok()) {
      Fail(s);
      return;
    }
    spdlog::info("method=ImportSkmResponses import_id={} rows={} already_imported={}", response_->import_id(),
                 response_->rows(), response_->already_imported());
    Done(grpc::Status::OK);
  }

  void Fail(const absl::Status& s) {
    spdlog::warn("method=ImportSkmResponses code={} error=\"{}\"", absl::StatusCodeToString(s.code()),
                 std::string(s.message()));
    Done(ToGrpc(s));
  }

  // Releases the import id before the client can see the end of the call, so that it may
  // start the next import with the same id at once.
  void Done(const grpc::Status& status) {
    session_.reset();
    Finish(status);
  }

  grpc::CallbackServerContext* context_;
  indicator::v1::ImportResult* response_;
  BidangCore* core_;
  SkmStore* skm_;
  v1::ImportSkmResponsesRequest request_;
  const YearRules* rules_ = nullptr;
  UnitTree units_;
  std::unique_ptr<ImportSession> session_;
  std::map<std::string, SkmDelta> deltas_;
};

}  // namespace

grpc::ServerReadReactor<v1::ImportSkmResponsesRequest>* RehabilitasiService::ImportSkmResponses(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new SkmImportReactor(context, response, core(), &skm_);
}

grpc::ServerUnaryReactor* RehabilitasiService::GetSkmResult(grpc::CallbackServerContext* context,
                                                            const v1::GetSkmResultRequest* request,
                                                            v1::SkmResult* response) {
  return FinishUnary(context, "GetSkmResult", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(UnitTree units, LoadUnitTree(*core()->store()));
    ASSIGN_OR_RETURN(const YearRules* rules, core()->rules()->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(SkmResult r, skm_.Get(request->fiscal_year(), units, request->satker_code()));
    response->set_fiscal_year(request->fiscal_year());
    response->set_satker_code(request->satker_code());
    response->set_questionnaires(r.questionnaires);
    for (int i = 0; i < kSkmElements; ++i) {
      auto* e = response->add_elements();
      e->set_name(SkmElementNames()[i]);
      e->mutable_nrr()->set_value(r.nrr[i].ToExactString());
      e->set_answered(r.answered[i]);
    }
    response->mutable_index()->set_value(r.index.ToExactString());
    response->mutable_converted()->set_value(r.converted.ToExactString());
    response->set_weight(SkmWeightOf(*rules) == SkmWeight::kExactNinth ? "1/9" : "0.11");
    return absl::OkStatus();
  });
}

}  // namespace lkip::rehabilitasi
