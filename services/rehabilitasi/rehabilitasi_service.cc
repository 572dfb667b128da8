#include "services/rehabilitasi/rehabilitasi_service.h"

#include <map>

#include <spdlog/spdlog.h>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_reactor.h"

namespace lkip::rehabilitasi {
namespace {

// SKM questionnaires: nine answers 1..4 (0 = not answered), folded into per-satker sums.
class SkmImport final : public InstrumentImport<v1::SkmResponseRow> {
 public:
  SkmImport(SkmStore* skm, std::string actor) : skm_(skm), actor_(std::move(actor)) {}

  absl::Status Begin(const indicator::v1::ImportHeader& header, const UnitTree& units) override {
    header_ = header;
    units_ = &units;
    return absl::OkStatus();
  }

  void Take(const v1::SkmResponseRow& row, ImportSession* session) override {
    const int64_t n = row.row_number();
    const auto* unit = units_->Find(row.satker_code());
    if (unit == nullptr) {
      session->AddError(n, "satker_code", row.satker_code(), "not in the unit tree");
    } else if (unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
      session->AddError(n, "satker_code", row.satker_code(), "BNN RI has no SKM of its own");
    }
    if (row.answers_size() != kSkmElements) {
      session->AddError(n, "answers", std::to_string(row.answers_size()),
                        absl::StrCat("a questionnaire has ", kSkmElements, " answers"));
      return;
    }
    SkmQuestionnaire q;
    bool bad = false;
    int answered = 0;
    for (int i = 0; i < kSkmElements; ++i) {
      const int a = row.answers(i);
      if (a == 0) continue;
      if (a < 1 || a > 4) {
        session->AddError(n, absl::StrCat("answers[", i, "] (", SkmElementNames()[i], ")"), std::to_string(a),
                          "outside 1..4 (0 = not answered)");
        bad = true;
        continue;
      }
      q.answers[i] = a;
      ++answered;
    }
    if (!bad && answered == 0) {
      session->AddError(n, "answers", "0,0,0,0,0,0,0,0,0", "no element answered");
      bad = true;
    }
    // Once a row is bad nothing will be written; the rest is only checked.
    if (!bad && !session->has_errors()) deltas_[row.satker_code()].Add(q);
  }

  absl::Status Apply(Mutation* mutation, indicator::v1::ImportResult* result) override {
    return skm_->Apply(header_.fiscal_year(), *units_, deltas_, header_.source_document(), actor_, mutation, result);
  }

 private:
  SkmStore* skm_;
  std::string actor_;
  indicator::v1::ImportHeader header_;
  const UnitTree* units_ = nullptr;
  std::map<std::string, SkmDelta> deltas_;
};

}  // namespace

grpc::ServerReadReactor<v1::ImportSkmResponsesRequest>* RehabilitasiService::ImportSkmResponses(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new ImportReactor<v1::ImportSkmResponsesRequest, v1::SkmResponseRow>(
      context, response, core(), "skm", "ImportSkmResponses", std::make_unique<SkmImport>(&skm_, ActorOf(*context)));
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
