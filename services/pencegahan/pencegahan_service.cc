#include "services/pencegahan/pencegahan_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_reactor.h"

namespace lkip::pencegahan {
namespace {

// IKP assessments: six scores 1..4 per institution, with its lingkungan.
class IkpImport final : public InstrumentImport<v1::IkpAssessmentRow> {
 public:
  IkpImport(IkpStore* ikp, std::string actor) : ikp_(ikp), actor_(std::move(actor)) {}

  void Take(const v1::IkpAssessmentRow& row, ImportSession* session) override {
    const int64_t n = row.row_number();
    bool bad = false;
    const auto* unit = units().Find(row.satker_code());
    if (unit == nullptr || unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
      session->AddError(n, "satker_code", row.satker_code(),
                        unit == nullptr ? "not in the unit tree" : "BNN RI assesses no institution");
      bad = true;
    }
    IkpAssessment a;
    a.institution = row.institution();
    if (a.institution.empty() || a.institution.size() > 200) {
      session->AddError(n, "institution", row.institution(), "must be 1 to 200 characters");
      bad = true;
    }
    auto lingkungan = ParseLingkungan(row.lingkungan());
    if (!lingkungan.ok()) {
      session->AddError(n, "lingkungan", row.lingkungan(),
                        "not one of pemerintah, swasta, masyarakat, pendidikan");
      bad = true;
    } else {
      a.lingkungan = *lingkungan;
    }
    if (row.scores_size() != kIkpVariables) {
      session->AddError(n, "scores", std::to_string(row.scores_size()),
                        absl::StrCat("an assessment has ", kIkpVariables, " scores"));
      return;
    }
    for (int i = 0; i < kIkpVariables; ++i) {
      a.scores[i] = row.scores(i);
      if (a.scores[i] < 1 || a.scores[i] > 4) {
        session->AddError(n, absl::StrCat("scores[", i, "] (", IkpVariableNames()[i], ")"),
                          std::to_string(a.scores[i]), "outside 1..4");
        bad = true;
      }
    }
    if (bad) return;
    auto& institutions = assessments_[row.satker_code()];
    if (!institutions.emplace(a.institution, a).second) {
      session->AddError(n, "institution", a.institution, "assessed twice in this import");
    }
  }

  absl::Status Apply(Mutation* mutation, indicator::v1::ImportResult* result) override {
    return ikp_->Apply(header().fiscal_year(), units(), assessments_, header().import_id(),
                       header().source_document(), actor_, mutation, result);
  }

 private:
  IkpStore* ikp_;
  std::string actor_;
  std::map<std::string, std::map<std::string, IkpAssessment>> assessments_;
};

// Respondent index scores of the measures the rule set lists as respondent means.
class RespondentImport final : public InstrumentImport<v1::RespondentScoreRow> {
 public:
  RespondentImport(RespondentStore* store, const RuleBook* rules, std::string actor)
      : store_(store), rules_(rules), actor_(std::move(actor)) {}

  absl::Status OnBegin() override {
    ASSIGN_OR_RETURN(year_rules_, rules_->ForYear(header().fiscal_year()));
    return absl::OkStatus();
  }

  void Take(const v1::RespondentScoreRow& row, ImportSession* session) override {
    const int64_t n = row.row_number();
    const auto& allowed = year_rules_->rules().instruments().respondent_mean_measures();
    if (std::find(allowed.begin(), allowed.end(), row.measure()) == allowed.end()) {
      session->AddError(n, "measure", row.measure(), "not a respondent-mean measure of the rule set");
      return;
    }
    const auto* unit = units().Find(row.satker_code());
    if (unit == nullptr || unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
      session->AddError(n, "satker_code", row.satker_code(),
                        unit == nullptr ? "not in the unit tree" : "BNN RI has no respondents");
      return;
    }
    if (row.respondent_ref().empty() || row.respondent_ref().size() > 64) {
      session->AddError(n, "respondent_ref", row.respondent_ref(), "must be 1 to 64 characters");
      return;
    }
    auto score = Decimal::Parse(row.score().value());
    if (!score.ok()) {
      session->AddError(n, "score", row.score().value(), "not an exact decimal with '.'");
      return;
    }
    const auto* measure = year_rules_->FindMeasure(row.measure());
    const auto lo = year_rules_->numbers().Optional(measure->scale_min());
    const auto hi = year_rules_->numbers().Optional(measure->scale_max());
    if ((lo && *score < *lo) || (hi && *score > *hi)) {
      session->AddError(
          n, "score", row.score().value(),
          absl::StrCat("outside the scale [", measure->scale_min(), ", ", measure->scale_max(), "]"));
      return;
    }
    if (!seen_.insert({row.measure(), row.respondent_ref()}).second) {
      session->AddError(n, "respondent_ref", row.respondent_ref(),
                        "appears twice for this measure in the import");
      return;
    }
    std::vector<Decimal> dims;
    if (row.dimension_scores_size() > 0) {
      const rules::v1::RespondentDimensions* named = nullptr;
      for (const auto& d : year_rules_->rules().instruments().respondent_dimensions()) {
        if (d.measure() == row.measure()) named = &d;
      }
      const int expected = named == nullptr ? 0 : named->names_size();
      if (row.dimension_scores_size() != expected) {
        session->AddError(
            n, "dimension_scores", std::to_string(row.dimension_scores_size()),
            absl::StrCat(row.measure(), " has ", expected, " dimensions in the rule set: send all or none"));
        return;
      }
      for (int i = 0; i < expected; ++i) {
        auto d = Decimal::Parse(row.dimension_scores(i).value());
        if (!d.ok() || (lo && *d < *lo) || (hi && *d > *hi)) {
          session->AddError(n, absl::StrCat("dimension_scores[", i, "] (", named->names(i), ")"),
                            row.dimension_scores(i).value(), "not a decimal within the measure's scale");
          return;
        }
        dims.push_back(*d);
      }
    }
    RespondentDelta& d = deltas_[{row.measure(), row.satker_code()}];
    d.sum = d.sum + *score;
    ++d.respondents;
    if (!dims.empty()) {
      if (d.dimension_sums.empty()) d.dimension_sums.resize(dims.size());
      for (size_t i = 0; i < dims.size(); ++i) d.dimension_sums[i] = d.dimension_sums[i] + dims[i];
      ++d.dimension_respondents;
    }
  }

  absl::Status Apply(Mutation* mutation, indicator::v1::ImportResult* result) override {
    return store_->Apply(header().fiscal_year(), units(), deltas_, header().source_document(), actor_,
                         mutation, result);
  }

 private:
  RespondentStore* store_;
  const RuleBook* rules_;
  std::string actor_;
  const YearRules* year_rules_ = nullptr;
  std::set<std::pair<std::string, std::string>> seen_;
  std::map<std::pair<std::string, std::string>, RespondentDelta> deltas_;
};

}  // namespace

grpc::ServerReadReactor<v1::ImportRespondentScoresRequest>* PencegahanService::ImportRespondentScores(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new ImportReactor<v1::ImportRespondentScoresRequest, v1::RespondentScoreRow>(
      context, response, core(), "respondent", "ImportRespondentScores",
      std::make_unique<RespondentImport>(&respondents_, core()->rules(), ActorOf(*context)));
}

grpc::ServerReadReactor<v1::ImportIkpAssessmentsRequest>* PencegahanService::ImportIkpAssessments(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new ImportReactor<v1::ImportIkpAssessmentsRequest, v1::IkpAssessmentRow>(
      context, response, core(), "ikp", "ImportIkpAssessments",
      std::make_unique<IkpImport>(&ikp_, ActorOf(*context)));
}

grpc::ServerUnaryReactor* PencegahanService::GetIkpResult(grpc::CallbackServerContext* context,
                                                          const v1::GetIkpResultRequest* request,
                                                          v1::IkpResult* response) {
  return FinishUnary(context, "GetIkpResult", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*core()->store()));
    const UnitTree& units = *units_held;
    return Deliver(ikp_.Get(request->fiscal_year(), units, request->satker_code()), response);
  });
}

namespace {

WriteContext KawasanContext(grpc::CallbackServerContext* context, const char* method, std::string summary) {
  return WriteContext{ActorOf(*context), method, std::move(summary)};
}

}  // namespace

grpc::ServerUnaryReactor* PencegahanService::RegisterKawasan(grpc::CallbackServerContext* context,
                                                             const v1::RegisterKawasanRequest* request,
                                                             v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RegisterKawasan", [&]() -> absl::Status {
    return Deliver(kawasan_.Register(KawasanContext(context, "RegisterKawasan",
                                                    absl::StrCat(request->kawasan_size(), " kawasan")),
                                     *request),
                   response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::RecordKawasanStatus(
    grpc::CallbackServerContext* context, const v1::RecordKawasanStatusRequest* request,
    v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RecordKawasanStatus", [&]() -> absl::Status {
    return Deliver(
        kawasan_.RecordStatus(KawasanContext(context, "RecordKawasanStatus",
                                             absl::StrCat(request->changes_size(), " status changes")),
                              *request),
        response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::RecordInterventions(
    grpc::CallbackServerContext* context, const v1::RecordInterventionsRequest* request,
    v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RecordInterventions", [&]() -> absl::Status {
    return Deliver(kawasan_.RecordInterventions(
                       KawasanContext(context, "RecordInterventions",
                                      absl::StrCat(request->interventions_size(), " interventions")),
                       *request),
                   response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::RecordIkkrAssessment(
    grpc::CallbackServerContext* context, const v1::RecordIkkrAssessmentRequest* request,
    v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RecordIkkrAssessment", [&]() -> absl::Status {
    return Deliver(
        kawasan_.RecordIkkr(KawasanContext(context, "RecordIkkrAssessment",
                                           absl::StrCat("IKKR ", request->assessment().kawasan_id(), " ",
                                                        request->assessment().assessment_id())),
                            *request),
        response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::GetKawasan(grpc::CallbackServerContext* context,
                                                        const v1::GetKawasanRequest* request,
                                                        v1::KawasanDetail* response) {
  return FinishUnary(context, "GetKawasan", [&]() -> absl::Status {
    return Deliver(kawasan_.Get(request->kawasan_id()), response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::ListKawasanTransitions(
    grpc::CallbackServerContext* context, const v1::ListKawasanTransitionsRequest* request,
    v1::ListKawasanTransitionsResponse* response) {
  return FinishUnary(context, "ListKawasanTransitions",
                     [&]() -> absl::Status { return Deliver(kawasan_.ListTransitions(*request), response); });
}

grpc::ServerUnaryReactor* PencegahanService::GetRespondentResult(
    grpc::CallbackServerContext* context, const v1::GetRespondentResultRequest* request,
    v1::RespondentResult* response) {
  return FinishUnary(context, "GetRespondentResult", [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*core()->store()));
    const UnitTree& units = *units_held;
    ASSIGN_OR_RETURN(RespondentIndex index, respondents_.Get(units, request->fiscal_year(),
                                                             request->measure(), request->satker_code()));
    response->set_fiscal_year(request->fiscal_year());
    response->set_satker_code(request->satker_code());
    response->set_measure(request->measure());
    response->set_respondents(index.respondents);
    response->mutable_index()->set_value(index.index.ToExactString());
    response->set_dimension_respondents(index.dimension_respondents);
    for (const auto& [name, mean] : index.dimensions) {
      auto* m = response->add_dimensions();
      m->set_name(name);
      m->mutable_mean()->set_value(mean.ToExactString());
    }
    return absl::OkStatus();
  });
}

}  // namespace lkip::pencegahan
