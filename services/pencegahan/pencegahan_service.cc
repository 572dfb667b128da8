#include "services/pencegahan/pencegahan_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/bidang/import_reactor.h"
#include "common/bidang/import_withdrawal.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"

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

  absl::Status Apply(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return ikp_->Apply(header().fiscal_year(), units(), assessments_, header().import_id(),
                       header().source_document(), actor_, mutation, satker_updated);
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

  absl::Status Apply(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return store_->Apply(header().fiscal_year(), units(), deltas_,
                         absl::StrCat("impor terakhir: ", header().source_document()), actor_, mutation,
                         satker_updated);
  }

 private:
  RespondentStore* store_;
  const RuleBook* rules_;
  std::string actor_;
  const YearRules* year_rules_ = nullptr;
  std::set<std::pair<std::string, std::string>> seen_;
  std::map<std::pair<std::string, std::string>, RespondentDelta> deltas_;
};

// Withdrawing an IKP import: its assessments go, the ones they replaced come back.
class IkpWithdrawal final : public RowWithdrawal<v1::IkpAssessmentRow> {
 public:
  IkpWithdrawal(IkpStore* ikp, ImportToWithdraw import, const UnitTree& units)
      : ikp_(ikp), import_(std::move(import)), units_(units) {}

  absl::Status TakeRow(const v1::IkpAssessmentRow& row) override {
    institutions_[row.satker_code()].insert(row.institution());
    return absl::OkStatus();
  }

  absl::Status Reverse(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return ikp_->Withdraw(import_.fiscal_year, units_, institutions_, import_.import_id, import_.provenance,
                          import_.actor, mutation, satker_updated);
  }

 private:
  IkpStore* ikp_;
  ImportToWithdraw import_;
  const UnitTree& units_;
  std::map<std::string, std::set<std::string>> institutions_;
};

// Withdrawing a respondent import: its scores are taken out of the running sums.
class RespondentWithdrawal final : public RowWithdrawal<v1::RespondentScoreRow> {
 public:
  RespondentWithdrawal(RespondentStore* store, ImportToWithdraw import, const UnitTree& units)
      : store_(store), import_(std::move(import)), units_(units) {}

  absl::Status TakeRow(const v1::RespondentScoreRow& row) override {
    ASSIGN_OR_RETURN(Decimal score, Decimal::ParseStored(row.score().value(), "kept respondent score"));
    RespondentDelta& d = deltas_[{row.measure(), row.satker_code()}];
    d.sum = d.sum - score;
    --d.respondents;
    if (row.dimension_scores_size() > 0) {
      if (d.dimension_sums.empty()) d.dimension_sums.resize(row.dimension_scores_size());
      for (int i = 0; i < row.dimension_scores_size() && i < static_cast<int>(d.dimension_sums.size()); ++i) {
        ASSIGN_OR_RETURN(Decimal dim, Decimal::ParseStored(row.dimension_scores(i).value(),
                                                           "kept respondent dimension score"));
        d.dimension_sums[i] = d.dimension_sums[i] - dim;
      }
      --d.dimension_respondents;
    }
    return absl::OkStatus();
  }

  absl::Status Reverse(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return store_->Apply(import_.fiscal_year, units_, deltas_, import_.provenance, import_.actor, mutation,
                         satker_updated);
  }

 private:
  RespondentStore* store_;
  ImportToWithdraw import_;
  const UnitTree& units_;
  std::map<std::pair<std::string, std::string>, RespondentDelta> deltas_;
};

}  // namespace

PencegahanService::PencegahanService(BidangCore* core)
    : BidangRecordsService<v1::Pencegahan>(core),
      ikp_(core->store(), core->rules()),
      respondents_(core->store(), core->rules()),
      kawasan_(core->store(), core->rules()) {
  core->AddWithdrawal("ikp", [this](const ImportToWithdraw& i, const UnitTree& units) {
    return std::make_unique<IkpWithdrawal>(&ikp_, i, units);
  });
  core->AddWithdrawal("respondent", [this](const ImportToWithdraw& i, const UnitTree& units) {
    return std::make_unique<RespondentWithdrawal>(&respondents_, i, units);
  });
}

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
  return FinishUnary(context, "GetIkpResult", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*core()->store()));
    const UnitTree& units = *units_held;
    ASSIGN_OR_RETURN(IkpYear year, ikp_.Get(request->fiscal_year(), units, request->satker_code()));
    response->set_fiscal_year(request->fiscal_year());
    response->set_satker_code(request->satker_code());
    for (const auto& i : year.institutions) {
      auto* inst = response->add_institutions();
      inst->set_institution(i.name);
      inst->set_lingkungan(i.lingkungan);
      inst->mutable_ikp()->set_value(i.ikp.ToExactString());
    }
    response->mutable_ikp()->set_value(year.ikp.ToExactString());
    return absl::OkStatus();
  });
}

namespace {

WriteContext KawasanContext(grpc::CallbackServerContext* context, const char* method,
                            const google::protobuf::Message& request, std::string summary) {
  return MakeWriteContext(*context, method, request, std::move(summary));
}

absl::Status DeliverKawasanWrite(absl::StatusOr<KawasanWriteOutcome> outcome,
                                 v1::KawasanWriteResponse* response) {
  if (!outcome.ok()) return outcome.status();
  response->set_written(outcome->written);
  response->set_unchanged(outcome->unchanged);
  for (auto& s : outcome->satker_updated) response->add_satker_updated(std::move(s));
  return absl::OkStatus();
}

// The area's detail: its records, each assessment's IKKR with its aspect means and the status
// the year's categories imply.
absl::Status KawasanDetailOf(const RuleBook& rules, const std::string& kawasan_id,
                             const KawasanRecords& records, v1::KawasanDetail* out) {
  out->mutable_kawasan()->set_kawasan_id(kawasan_id);
  out->mutable_kawasan()->set_satker_code(records.kawasan.satker_code());
  out->mutable_kawasan()->set_name(records.kawasan.name());
  for (const auto& [date, r] : records.history) {
    auto* c = out->add_history();
    c->set_kawasan_id(kawasan_id);
    *c->mutable_date() = DateFromIso(date);
    c->set_status(r.status());
    c->set_basis(r.basis());
  }
  for (const auto& [id, r] : records.interventions) {
    auto* in = out->add_interventions();
    in->set_kawasan_id(kawasan_id);
    in->set_intervention_id(id);
    *in->mutable_start_date() = DateFromIso(r.start_date());
    *in->mutable_end_date() = DateFromIso(r.end_date());
    in->set_training_type(r.training_type());
    in->set_participants_male(r.participants_male());
    in->set_participants_female(r.participants_female());
    in->set_synergy_desa_bersinar(r.synergy_desa_bersinar());
    in->set_funding(r.funding());
  }
  std::stable_sort(out->mutable_interventions()->begin(), out->mutable_interventions()->end(),
                   [](const auto& x, const auto& y) { return Earlier(x.start_date(), y.start_date()); });
  for (const auto& [id, r] : records.assessments) {
    auto* res = out->add_assessments();
    auto* a = res->mutable_assessment();
    a->set_kawasan_id(kawasan_id);
    a->set_assessment_id(id);
    *a->mutable_date() = DateFromIso(r.date());
    for (const auto& resp : r.respondents()) {
      auto* ar = a->add_respondents();
      ar->set_role(resp.role());
      *ar->mutable_scores() = resp.scores();
    }
    ASSIGN_OR_RETURN(IkkrOutcome outcome, EvaluateAssessment(r));
    res->mutable_ikkr()->set_value(outcome.ikkr.ToExactString());
    for (const auto& m : outcome.aspect_means) res->add_aspect_means()->set_value(m.ToExactString());
    res->set_implied_status(ImpliedStatus(rules, YearOfIsoDate(r.date()), outcome.ikkr));
  }
  std::stable_sort(
      out->mutable_assessments()->begin(), out->mutable_assessments()->end(),
      [](const auto& x, const auto& y) { return Earlier(x.assessment().date(), y.assessment().date()); });
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* PencegahanService::RegisterKawasan(grpc::CallbackServerContext* context,
                                                             const v1::RegisterKawasanRequest* request,
                                                             v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RegisterKawasan", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<KawasanInput> kawasan, CheckKawasan(*request));
    return DeliverKawasanWrite(
        kawasan_.Register(KawasanContext(context, "RegisterKawasan", *request,
                                         absl::StrCat(request->kawasan_size(), " kawasan")),
                          kawasan),
        response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::RecordKawasanStatus(
    grpc::CallbackServerContext* context, const v1::RecordKawasanStatusRequest* request,
    v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RecordKawasanStatus", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<StatusChangeInput> changes, CheckStatusChanges(*request));
    return DeliverKawasanWrite(
        kawasan_.RecordStatus(KawasanContext(context, "RecordKawasanStatus", *request,
                                             absl::StrCat(request->changes_size(), " status changes")),
                              changes),
        response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::RecordInterventions(
    grpc::CallbackServerContext* context, const v1::RecordInterventionsRequest* request,
    v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RecordInterventions", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<InterventionInput> interventions, CheckInterventions(*request));
    return DeliverKawasanWrite(
        kawasan_.RecordInterventions(
            KawasanContext(context, "RecordInterventions", *request,
                           absl::StrCat(request->interventions_size(), " interventions")),
            interventions),
        response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::RecordIkkrAssessment(
    grpc::CallbackServerContext* context, const v1::RecordIkkrAssessmentRequest* request,
    v1::KawasanWriteResponse* response) {
  return FinishUnary(context, "RecordIkkrAssessment", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(IkkrAssessmentInput assessment, CheckIkkrAssessment(*request));
    return DeliverKawasanWrite(
        kawasan_.RecordIkkr(KawasanContext(context, "RecordIkkrAssessment", *request,
                                           absl::StrCat("IKKR ", request->assessment().kawasan_id(), " ",
                                                        request->assessment().assessment_id())),
                            assessment),
        response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::GetKawasan(grpc::CallbackServerContext* context,
                                                        const v1::GetKawasanRequest* request,
                                                        v1::KawasanDetail* response) {
  return FinishUnary(context, "GetKawasan", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckKawasanId("kawasan_id", request->kawasan_id()));
    ASSIGN_OR_RETURN(KawasanRecords records, kawasan_.Get(request->kawasan_id()));
    return KawasanDetailOf(*core()->rules(), request->kawasan_id(), records, response);
  });
}

grpc::ServerUnaryReactor* PencegahanService::ListKawasanTransitions(
    grpc::CallbackServerContext* context, const v1::ListKawasanTransitionsRequest* request,
    v1::ListKawasanTransitionsResponse* response) {
  return FinishUnary(context, "ListKawasanTransitions", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const YearRules* rules, core()->rules()->ForYear(request->fiscal_year()));
    ASSIGN_OR_RETURN(std::vector<KawasanHistory> histories, kawasan_.HistoriesOf(request->satker_code()));
    TransitionEvaluation eval =
        EvaluateTransitions(*rules, request->satker_code(), histories, request->fiscal_year());
    for (auto& t : eval.transitions) *response->add_transitions() = std::move(t);
    for (auto& f : eval.findings) *response->add_findings() = std::move(f);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* PencegahanService::GetRespondentResult(
    grpc::CallbackServerContext* context, const v1::GetRespondentResultRequest* request,
    v1::RespondentResult* response) {
  return FinishUnary(context, "GetRespondentResult", *request, [&]() -> absl::Status {
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
