#include "services/rehabilitasi/rehabilitasi_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/bidang/import_reactor.h"
#include "common/bidang/import_withdrawal.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"

namespace lkip::rehabilitasi {
namespace {

// SKM questionnaires: nine answers 1..4 (0 = not answered), folded into per-satker sums.
class SkmImport final : public InstrumentImport<v1::SkmResponseRow> {
 public:
  SkmImport(SkmStore* skm, std::string actor) : skm_(skm), actor_(std::move(actor)) {}

  void Take(const v1::SkmResponseRow& row, ImportSession* session) override {
    const int64_t n = row.row_number();
    const auto* unit = units().Find(row.satker_code());
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

  absl::Status Apply(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return skm_->Apply(header().fiscal_year(), units(), deltas_,
                       absl::StrCat("impor terakhir: ", header().source_document()), actor_, mutation,
                       satker_updated);
  }

 private:
  SkmStore* skm_;
  std::string actor_;
  std::map<std::string, SkmDelta> deltas_;
};

// WHOQOL-BREF forms: scored as they arrive; one intake per client and year, the latest
// after-rehabilitation form counts.
class WhoqolImport final : public InstrumentImport<v1::WhoqolRow> {
 public:
  WhoqolImport(WhoqolStore* whoqol, std::string actor) : whoqol_(whoqol), actor_(std::move(actor)) {}

  void Take(const v1::WhoqolRow& row, ImportSession* session) override {
    const int64_t n = row.row_number();
    const auto* unit = units().Find(row.satker_code());
    if (unit == nullptr || unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
      session->AddError(n, "satker_code", row.satker_code(),
                        unit == nullptr ? "not in the unit tree" : "BNN RI has no clients");
      return;
    }
    if (!IsRecordId(row.client_ref(), 64, /*allow_dot=*/false)) {
      session->AddError(n, "client_ref", row.client_ref(),
                        "must be a pseudonymous code of [A-Za-z0-9_-], 1..64, never a name");
      return;
    }
    if (row.kind() != "intake" && row.kind() != "after") {
      session->AddError(n, "kind", row.kind(), "must be intake or after");
      return;
    }
    const std::string date = DateText(row.date());
    if (!IsIsoDate(date)) {
      session->AddError(n, "date", date, "not a calendar date (year, month and day)");
      return;
    }
    if (std::string outside = OutsideRecordYears(row.date().year()); !outside.empty()) {
      session->AddError(n, "date", date, outside);
      return;
    }
    if (row.items_size() != kWhoqolItems) {
      session->AddError(n, "items", std::to_string(row.items_size()), "a form has 26 items");
      return;
    }
    WhoqolForm form;
    form.pre_reversed = row.pre_reversed();
    bool bad = false;
    int missing = 0;
    for (int i = 0; i < kWhoqolItems; ++i) {
      const int v = row.items(i);
      if (v == 0) {
        ++missing;
        continue;
      }
      if (v < 1 || v > 5) {
        session->AddError(n, absl::StrCat("items[", i, "] (Q", i + 1, ")"), std::to_string(v),
                          "outside 1..5 (0 = missing)");
        bad = true;
        continue;
      }
      form.items[i] = v;
    }
    if (bad) return;
    auto scores = ScoreWhoqol(form, WhoqolRules(), "items");
    if (!scores.ok()) {  // too many missing items: the form is discarded, with the reason
      session->AddError(n, "items", absl::StrCat(missing, " missing"),
                        std::string(scores.status().message()));
      return;
    }
    // The stored record of this client, then what this import already added.
    const std::string province = units().ProvinceOf(row.satker_code());
    auto& pending = clients_[row.satker_code()];
    auto it = pending.find(row.client_ref());
    if (it == pending.end()) {
      auto stored =
          whoqol_->FindClient(header().fiscal_year(), province, row.satker_code(), row.client_ref());
      if (!stored.ok()) {
        session->AddError(n, "client_ref", row.client_ref(), std::string(stored.status().message()));
        return;
      }
      it = pending.emplace(row.client_ref(), stored->value_or(storage::v1::WhoqolClientRecord())).first;
    }
    storage::v1::WhoqolClientRecord& record = it->second;
    if (row.kind() == "intake") {
      if (record.has_intake()) {
        session->AddError(n, "kind", "intake",
                          absl::StrCat("client ", row.client_ref(), " already has an intake assessment on ",
                                       record.intake().date()));
        return;
      }
      *record.mutable_intake() = ToRecord(date, *scores, header().import_id());
    } else if (auto same = AddAfterForm(&record, ToRecord(date, *scores, header().import_id()))) {
      session->AddError(
          n, "date", date,
          absl::StrCat("client ", row.client_ref(), " already has an after assessment on this date",
                       same->import_id() == header().import_id()
                           ? " in this import"
                           : absl::StrCat(" (import ", same->import_id(), ")")));
    }
  }

  absl::Status Apply(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return whoqol_->Apply(header().fiscal_year(), units(), clients_, header().import_id(),
                          header().source_document(), actor_, mutation, satker_updated);
  }

 private:
  WhoqolStore* whoqol_;
  std::string actor_;
  std::map<std::string, std::map<std::string, storage::v1::WhoqolClientRecord>> clients_;
};

// Register entries of the rule set's registers, validated against each register's attribute.
class RegisterImport final : public InstrumentImport<v1::RegisterEntryRow> {
 public:
  RegisterImport(RegisterStore* store, const RuleBook* rules, std::string actor)
      : store_(store), rules_(rules), actor_(std::move(actor)) {}

  absl::Status OnBegin() override {
    ASSIGN_OR_RETURN(const YearRules* rules, rules_->ForYear(header().fiscal_year()));
    for (const auto& r : rules->rules().instruments().registers()) registers_[r.measure()] = r;
    return absl::OkStatus();
  }

  void Take(const v1::RegisterEntryRow& row, ImportSession* session) override {
    const int64_t n = row.row_number();
    auto reg = registers_.find(row.measure());
    if (reg == registers_.end()) {
      session->AddError(n, "measure", row.measure(), "not a register of the rule set");
      return;
    }
    const auto* unit = units().Find(row.satker_code());
    if (unit == nullptr || unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
      session->AddError(
          n, "satker_code", row.satker_code(),
          unit == nullptr ? "not in the unit tree" : "BNN RI keeps no register of its own here");
      return;
    }
    if (!IsRecordId(row.entry_ref(), 64)) {
      session->AddError(n, "entry_ref", row.entry_ref(),
                        "must be 1..64 of [A-Za-z0-9._-] (a code, never a name)");
      return;
    }
    const std::string qualified_date = DateText(row.qualified_date());
    if (!IsIsoDate(qualified_date)) {
      session->AddError(n, "qualified_date", qualified_date, "not a calendar date (year, month and day)");
      return;
    }
    if (std::string outside = OutsideRecordYears(row.qualified_date().year()); !outside.empty()) {
      session->AddError(n, "qualified_date", qualified_date, outside);
      return;
    }
    const auto& rule = reg->second;
    if (rule.attribute().empty()) {
      if (!row.attribute().empty()) {
        session->AddError(n, "attribute", row.attribute(),
                          absl::StrCat("register ", row.measure(), " has no attribute"));
        return;
      }
    } else if (std::find(rule.allowed_values().begin(), rule.allowed_values().end(), row.attribute()) ==
               rule.allowed_values().end()) {
      session->AddError(
          n, "attribute", row.attribute(),
          absl::StrCat(rule.attribute(), " must be one of: ", absl::StrJoin(rule.allowed_values(), ", ")));
      return;
    }
    if (row.description().size() > 300) {
      session->AddError(n, "description", row.description().substr(0, 40) + "...",
                        "longer than 300 characters");
      return;
    }
    storage::v1::RegisterEntryRecord record;
    record.set_satker_code(row.satker_code());
    record.set_qualified_date(qualified_date);
    record.set_attribute(row.attribute());
    record.set_description(row.description());
    record.set_import_id(header().import_id());
    if (!entries_.emplace(std::make_pair(row.measure(), row.entry_ref()), std::move(record)).second) {
      session->AddError(n, "entry_ref", row.entry_ref(), "appears twice for this register in the import");
    }
  }

  absl::Status Apply(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return store_->Apply(units(), entries_, header().source_document(), actor_, mutation, satker_updated);
  }

 private:
  RegisterStore* store_;
  const RuleBook* rules_;
  std::string actor_;
  std::map<std::string, rules::v1::RegisterRule> registers_;
  std::map<std::pair<std::string, std::string>, storage::v1::RegisterEntryRecord> entries_;
};

// Withdrawing an SKM import: its questionnaires are taken out of the running sums.
class SkmWithdrawal final : public RowWithdrawal<v1::SkmResponseRow> {
 public:
  SkmWithdrawal(SkmStore* skm, ImportToWithdraw import, const UnitTree& units)
      : skm_(skm), import_(std::move(import)), units_(units) {}

  absl::Status TakeRow(const v1::SkmResponseRow& row) override {
    SkmQuestionnaire q;
    for (int i = 0; i < kSkmElements && i < row.answers_size(); ++i) {
      if (row.answers(i) != 0) q.answers[i] = row.answers(i);
    }
    deltas_[row.satker_code()].Remove(q);
    return absl::OkStatus();
  }

  absl::Status Reverse(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return skm_->Apply(import_.fiscal_year, units_, deltas_, import_.provenance, import_.actor, mutation,
                       satker_updated);
  }

 private:
  SkmStore* skm_;
  ImportToWithdraw import_;
  const UnitTree& units_;
  std::map<std::string, SkmDelta> deltas_;
};

// Withdrawing a WHOQOL import: the forms it laid on its clients are taken away.
class WhoqolWithdrawal final : public RowWithdrawal<v1::WhoqolRow> {
 public:
  WhoqolWithdrawal(WhoqolStore* whoqol, ImportToWithdraw import, const UnitTree& units)
      : whoqol_(whoqol), import_(std::move(import)), units_(units) {}

  absl::Status TakeRow(const v1::WhoqolRow& row) override {
    clients_[row.satker_code()].insert(row.client_ref());
    return absl::OkStatus();
  }

  absl::Status Reverse(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return whoqol_->Withdraw(import_.fiscal_year, units_, clients_, import_.import_id, import_.provenance,
                             import_.actor, mutation, satker_updated);
  }

 private:
  WhoqolStore* whoqol_;
  ImportToWithdraw import_;
  const UnitTree& units_;
  std::map<std::string, std::set<std::string>> clients_;
};

// Withdrawing a register import: its entries go, the ones they replaced come back.
class RegisterWithdrawal final : public RowWithdrawal<v1::RegisterEntryRow> {
 public:
  RegisterWithdrawal(RegisterStore* registers, ImportToWithdraw import, const UnitTree& units)
      : registers_(registers), import_(std::move(import)), units_(units) {}

  absl::Status TakeRow(const v1::RegisterEntryRow& row) override {
    entries_.emplace(row.measure(), row.entry_ref());
    return absl::OkStatus();
  }

  absl::Status Reverse(Mutation* mutation, std::vector<std::string>* satker_updated) override {
    return registers_->Withdraw(units_, entries_, import_.import_id, import_.provenance, import_.actor,
                                mutation, satker_updated);
  }

 private:
  RegisterStore* registers_;
  ImportToWithdraw import_;
  const UnitTree& units_;
  std::set<std::pair<std::string, std::string>> entries_;
};

}  // namespace

RehabilitasiService::RehabilitasiService(BidangCore* core)
    : BidangRecordsService<v1::Rehabilitasi>(core),
      skm_(core->store(), core->rules()),
      whoqol_(core->store(), core->rules()),
      registers_(core->store(), core->rules()) {
  core->AddWithdrawal("skm", [this](const ImportToWithdraw& i, const UnitTree& units) {
    return std::make_unique<SkmWithdrawal>(&skm_, i, units);
  });
  core->AddWithdrawal("whoqol", [this](const ImportToWithdraw& i, const UnitTree& units) {
    return std::make_unique<WhoqolWithdrawal>(&whoqol_, i, units);
  });
  core->AddWithdrawal("register", [this](const ImportToWithdraw& i, const UnitTree& units) {
    return std::make_unique<RegisterWithdrawal>(&registers_, i, units);
  });
}

grpc::ServerReadReactor<v1::ImportWhoqolAssessmentsRequest>* RehabilitasiService::ImportWhoqolAssessments(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new ImportReactor<v1::ImportWhoqolAssessmentsRequest, v1::WhoqolRow>(
      context, response, core(), "whoqol", "ImportWhoqolAssessments",
      std::make_unique<WhoqolImport>(&whoqol_, ActorOf(*context)));
}

grpc::ServerUnaryReactor* RehabilitasiService::GetWhoqolResult(grpc::CallbackServerContext* context,
                                                               const v1::GetWhoqolResultRequest* request,
                                                               v1::WhoqolResult* response) {
  return FinishUnary(context, "GetWhoqolResult", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*core()->store()));
    const UnitTree& units = *units_held;
    ASSIGN_OR_RETURN(WhoqolYear year, whoqol_.Get(request->fiscal_year(), units, request->satker_code()));
    const ImprovementResult& r = year.improvement;
    response->set_fiscal_year(request->fiscal_year());
    response->set_satker_code(request->satker_code());
    response->set_clients_assessed(year.clients_assessed);
    response->set_clients_compared(r.clients);
    response->set_improved(r.improved);
    if (r.percentage) response->mutable_percentage()->set_value(r.percentage->ToExactString());
    for (int d = 0; d < kWhoqolDomains; ++d) {
      auto* dom = response->add_domains();
      dom->set_domain(WhoqolDomainNames()[d]);
      dom->set_clients(r.domain_clients[d]);
      dom->set_improved(r.domain_improved[d]);
      if (r.domain_percentage[d])
        dom->mutable_percentage()->set_value(r.domain_percentage[d]->ToExactString());
    }
    return absl::OkStatus();
  });
}

grpc::ServerReadReactor<v1::ImportSkmResponsesRequest>* RehabilitasiService::ImportSkmResponses(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new ImportReactor<v1::ImportSkmResponsesRequest, v1::SkmResponseRow>(
      context, response, core(), "skm", "ImportSkmResponses",
      std::make_unique<SkmImport>(&skm_, ActorOf(*context)));
}

grpc::ServerUnaryReactor* RehabilitasiService::GetSkmResult(grpc::CallbackServerContext* context,
                                                            const v1::GetSkmResultRequest* request,
                                                            v1::SkmResult* response) {
  return FinishUnary(context, "GetSkmResult", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*core()->store()));
    const UnitTree& units = *units_held;
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

grpc::ServerReadReactor<v1::ImportRegisterEntriesRequest>* RehabilitasiService::ImportRegisterEntries(
    grpc::CallbackServerContext* context, indicator::v1::ImportResult* response) {
  return new ImportReactor<v1::ImportRegisterEntriesRequest, v1::RegisterEntryRow>(
      context, response, core(), "register", "ImportRegisterEntries",
      std::make_unique<RegisterImport>(&registers_, core()->rules(), ActorOf(*context)));
}

grpc::ServerUnaryReactor* RehabilitasiService::ListRegisterEntries(
    grpc::CallbackServerContext* context, const v1::ListRegisterEntriesRequest* request,
    v1::ListRegisterEntriesResponse* response) {
  return FinishUnary(context, "ListRegisterEntries", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*core()->store()));
    const UnitTree& units = *units_held;
    ASSIGN_OR_RETURN(RegisterEntryPage page,
                     registers_.List(units, request->fiscal_year(), request->measure(),
                                     request->satker_code(), request->page_size(), request->page_token()));
    for (const auto& entry : page.entries) {
      auto* e = response->add_entries();
      e->set_satker_code(entry.satker_code);
      e->set_measure(request->measure());
      e->set_entry_ref(entry.entry_ref);
      *e->mutable_qualified_date() = DateFromIso(entry.record.qualified_date());
      e->set_attribute(entry.record.attribute());
      e->set_description(entry.record.description());
    }
    response->set_next_page_token(std::move(page.next_page_token));
    return absl::OkStatus();
  });
}

}  // namespace lkip::rehabilitasi
