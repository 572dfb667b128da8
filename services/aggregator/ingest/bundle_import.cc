#include "services/aggregator/ingest/bundle_import.h"

#include <map>
#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/numeric/rounded_text.h"
#include "common/proto/deterministic.h"
#include "common/registry/bidang_registry.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "services/aggregator/ingest/bundle_admin.h"
#include "services/aggregator/ingest/bundle_check.h"
#include "services/aggregator/pk_record.h"
// Every bidang package's generated stubs (common/registry/bidang_services.tsv).
#include "common/registry/bidang_protos.inc"

namespace lkip::aggregator {
namespace {

using report::v1::ImportStep;

// One import's calls: each with the caller's actor and the import's deadline.
class Calls {
 public:
  Calls(const ImportCall& call, BidangClients& clients) : call_(call), clients_(clients) {}

  std::unique_ptr<grpc::ClientContext> Context() const {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(call_.deadline);
    AddOnBehalf(c.get(), call_.caller);
    if (!call_.context.bundle_id.empty()) c->AddMetadata(kBundleMetadataKey, call_.context.bundle_id);
    if (call_.context.prepare) c->AddMetadata(kPrepareMetadataKey, "1");
    return c;
  }

  absl::StatusOr<std::shared_ptr<grpc::Channel>> Channel(const std::string& service) const {
    auto channel = clients_.Channel(service);
    if (channel == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat(service, " has no address: the aggregator's --", service, "_addr is not set"));
    }
    return channel;
  }

  // A failed write, named with its step and the steps written before it. A service refusing
  // what the caller sent is the caller's bad input (INVALID_ARGUMENT); a service that cannot be
  // reached is UNAVAILABLE; anything else is the aggregator's fault (INTERNAL).
  absl::Status Failed(const std::string& step, const std::string& service, const grpc::Status& s,
                      const report::v1::ImportBundleResponse& so_far) const {
    absl::StatusCode code = absl::StatusCode::kInternal;
    switch (s.error_code()) {
      case grpc::StatusCode::INVALID_ARGUMENT:
      case grpc::StatusCode::NOT_FOUND:
      case grpc::StatusCode::ALREADY_EXISTS:
      case grpc::StatusCode::FAILED_PRECONDITION:
        code = absl::StatusCode::kInvalidArgument;
        break;
      case grpc::StatusCode::UNAVAILABLE:
      case grpc::StatusCode::RESOURCE_EXHAUSTED:
        code = absl::StatusCode::kUnavailable;
        break;
      case grpc::StatusCode::DEADLINE_EXCEEDED:
        code = absl::StatusCode::kDeadlineExceeded;
        break;
      default:
        break;
    }
    std::vector<std::string> written;
    for (const auto& st : so_far.steps()) written.push_back(absl::StrCat(st.part(), " -> ", st.service()));
    if (call_.context.prepare) written.clear();  // checked, not written
    return absl::Status(code, absl::StrCat(step, " -> ", service, ": ", s.error_message(),
                                           written.empty() ? "; nothing was written"
                                                           : absl::StrCat("; written before: ",
                                                                          absl::StrJoin(written, ", "))));
  }

 private:
  const ImportCall& call_;
  BidangClients& clients_;
};

ImportStep Step(const std::string& part, const std::string& service, int written, int unchanged,
                std::string note = "") {
  ImportStep s;
  s.set_part(part);
  s.set_service(service);
  s.set_written(written);
  s.set_unchanged(unchanged);
  s.set_note(std::move(note));
  return s;
}

// RecordSatkerValues through the service's own package (each bidang package has it).
grpc::Status RecordValues(const std::string& service, const std::shared_ptr<grpc::Channel>& channel,
                          grpc::ClientContext* context,
                          const indicator::v1::RecordSatkerValuesRequest& request,
                          indicator::v1::RecordSatkerValuesResponse* response) {
#define LKIP_BIDANG(name, Service, package, label, ikk) \
  if (service == #name)                                 \
    return name::v1::Service::NewStub(channel)->RecordSatkerValues(context, request, response);
#include "common/registry/bidang_services.inc"
#undef LKIP_BIDANG
  return grpc::Status(grpc::StatusCode::INTERNAL, "not a bidang service: " + service);
}

// The rule set the services compute the bundle's year with: each service's measures and
// indicators, which must all be of one version.
absl::StatusOr<rules::v1::RuleSet> ServicesRules(int year, const Calls& calls) {
  rules::v1::RuleSet merged;
  merged.set_fiscal_year(year);
  for (const BidangService& svc : BidangServices()) {
    const std::string name(svc.name);
    ASSIGN_OR_RETURN(auto channel, calls.Channel(name));
    indicator::v1::ListIndicatorsRequest req;
    req.set_fiscal_year(year);
    indicator::v1::ListIndicatorsResponse resp;
    grpc::Status s =
        indicator::v1::IndicatorSource::NewStub(channel)->ListIndicators(calls.Context().get(), req, &resp);
    if (s.error_code() == grpc::StatusCode::NOT_FOUND) {
      return absl::InvalidArgumentError(
          absl::StrCat("fiscal_year: ", year, ": ", name, ": ", s.error_message()));
    }
    if (!s.ok()) {
      return absl::UnavailableError(absl::StrCat(
          "the rules of ", name, " cannot be read: ", s.error_message(), "; nothing was written"));
    }
    if (merged.version().empty()) merged.set_version(resp.rule_set_version());
    if (merged.version() != resp.rule_set_version()) {
      return absl::FailedPreconditionError(absl::StrCat(name, " computes with rule set ",
                                                        resp.rule_set_version(), ", the others with ",
                                                        merged.version(), "; nothing was written"));
    }
    for (auto& m : *resp.mutable_measures()) *merged.add_measures() = std::move(m);
    for (auto& i : *resp.mutable_indicators()) *merged.add_indicators() = std::move(i);
  }
  return merged;
}

std::string Summary(const std::string& name, const bundle::v1::Bundle& b) {
  std::vector<std::string> parts = {absl::StrCat(b.units_size(), " units")};
  if (b.has_perjanjian_kinerja()) parts.push_back("a perjanjian kinerja");
  parts.push_back(absl::StrCat(b.satker_values_size(), " satker values"));
  if (b.has_kawasan()) parts.push_back("kawasan rawan records");
  if (b.has_pemberantasan()) parts.push_back("pemberantasan records");
  if (b.has_keuangan()) parts.push_back("keuangan records");
  if (b.has_zona_integritas()) parts.push_back("zona integritas records");
  return absl::StrCat("checked ", name, ": ", absl::StrJoin(parts, ", "));
}

// The bundle's raw records, each to its service in the order the bundle lists them.
absl::Status WriteRecords(const bundle::v1::Bundle& b, const Calls& calls,
                          report::v1::ImportBundleResponse* out) {
  auto step = [&](const std::string& part, const std::string& service, int written, int unchanged,
                  std::string note = "") {
    *out->add_steps() = Step(part, service, written, unchanged, std::move(note));
  };
  if (b.has_kawasan()) {
    ASSIGN_OR_RETURN(auto channel, calls.Channel("pencegahan"));
    auto stub = pencegahan::v1::Pencegahan::NewStub(channel);
    const auto& k = b.kawasan();
    pencegahan::v1::KawasanWriteResponse resp;
    if (k.areas_size() > 0) {
      pencegahan::v1::RegisterKawasanRequest req;
      *req.mutable_kawasan() = k.areas();
      if (auto s = stub->RegisterKawasan(calls.Context().get(), req, &resp); !s.ok()) {
        return calls.Failed("kawasan register", "pencegahan", s, *out);
      }
      step("kawasan register", "pencegahan", resp.written(), resp.unchanged());
    }
    if (k.status_changes_size() > 0) {
      pencegahan::v1::RecordKawasanStatusRequest req;
      *req.mutable_changes() = k.status_changes();
      if (auto s = stub->RecordKawasanStatus(calls.Context().get(), req, &resp); !s.ok()) {
        return calls.Failed("kawasan status", "pencegahan", s, *out);
      }
      step("kawasan status", "pencegahan", resp.written(), resp.unchanged());
    }
    if (k.interventions_size() > 0) {
      pencegahan::v1::RecordInterventionsRequest req;
      *req.mutable_interventions() = k.interventions();
      if (auto s = stub->RecordInterventions(calls.Context().get(), req, &resp); !s.ok()) {
        return calls.Failed("kawasan interventions", "pencegahan", s, *out);
      }
      step("kawasan interventions", "pencegahan", resp.written(), resp.unchanged());
    }
    for (const auto& a : k.ikkr_assessments()) {
      pencegahan::v1::RecordIkkrAssessmentRequest req;
      *req.mutable_assessment() = a;
      if (auto s = stub->RecordIkkrAssessment(calls.Context().get(), req, &resp); !s.ok()) {
        return calls.Failed("IKKR " + a.assessment_id(), "pencegahan", s, *out);
      }
      step("IKKR " + a.assessment_id(), "pencegahan", resp.written(), resp.unchanged());
    }
  }
  if (b.has_pemberantasan()) {
    ASSIGN_OR_RETURN(auto channel, calls.Channel("pemberantasan"));
    auto stub = pemberantasan::v1::Pemberantasan::NewStub(channel);
    const auto& p = b.pemberantasan();
    int written = 0, unchanged = 0;
    for (const auto& stage : p.case_stages()) {
      pemberantasan::v1::RecordCaseStageResponse resp;
      if (auto s = stub->RecordCaseStage(calls.Context().get(), stage, &resp); !s.ok()) {
        return calls.Failed("case file " + stage.case_ref(), "pemberantasan", s, *out);
      }
      ++(resp.unchanged() ? unchanged : written);
    }
    if (p.case_stages_size() > 0) step("case-file stages", "pemberantasan", written, unchanged);
    pemberantasan::v1::DetaineeWriteResponse dresp;
    if (p.detainees_size() > 0) {
      pemberantasan::v1::RecordDetaineesRequest req;
      *req.mutable_detainees() = p.detainees();
      if (auto s = stub->RecordDetainees(calls.Context().get(), req, &dresp); !s.ok()) {
        return calls.Failed("detainees", "pemberantasan", s, *out);
      }
      step("detainees", "pemberantasan", dresp.written(), dresp.unchanged());
    }
    if (p.incidents_size() > 0) {
      pemberantasan::v1::RecordDetaineeIncidentsRequest req;
      *req.mutable_incidents() = p.incidents();
      if (auto s = stub->RecordDetaineeIncidents(calls.Context().get(), req, &dresp); !s.ok()) {
        return calls.Failed("incidents", "pemberantasan", s, *out);
      }
      step("incidents", "pemberantasan", dresp.written(), dresp.unchanged());
    }
    written = unchanged = 0;
    for (const auto& ba : p.berita_acara()) {
      pemberantasan::v1::RecordBeritaAcaraRequest req;
      *req.mutable_berita_acara() = ba;
      pemberantasan::v1::RecordBeritaAcaraResponse resp;
      if (auto s = stub->RecordBeritaAcara(calls.Context().get(), req, &resp); !s.ok()) {
        return calls.Failed("BA " + ba.ba_ref(), "pemberantasan", s, *out);
      }
      ++(resp.unchanged() ? unchanged : written);
    }
    if (p.berita_acara_size() > 0) step("berita acara", "pemberantasan", written, unchanged);
  }
  if (b.has_keuangan()) {
    ASSIGN_OR_RETURN(auto channel, calls.Channel("keuangan"));
    auto stub = keuangan::v1::Keuangan::NewStub(channel);
    const auto& k = b.keuangan();
    int written = 0, unchanged = 0, above_pagu = 0;
    for (const auto& dipa : k.dipa()) {
      keuangan::v1::BudgetWriteResponse resp;
      if (auto s = stub->RecordDipa(calls.Context().get(), dipa, &resp); !s.ok()) {
        return calls.Failed("DIPA of " + dipa.satker_code(), "keuangan", s, *out);
      }
      ++(resp.unchanged() ? unchanged : written);
    }
    if (k.dipa_size() > 0) step("DIPA", "keuangan", written, unchanged);
    written = unchanged = 0;
    for (const auto& month : k.realisasi()) {
      keuangan::v1::BudgetWriteResponse resp;
      if (auto s = stub->RecordRealisasi(calls.Context().get(), month, &resp); !s.ok()) {
        return calls.Failed(absl::StrCat("realisasi of ", month.satker_code(), " month ", month.month()),
                            "keuangan", s, *out);
      }
      ++(resp.unchanged() ? unchanged : written);
      above_pagu = resp.findings_size();
    }
    if (k.realisasi_size() > 0) {
      step("realisasi months", "keuangan", written, unchanged,
           above_pagu > 0 ? absl::StrCat(above_pagu, " lines of the last satker above pagu") : "");
    }
    for (const auto& scores : k.scores()) {
      keuangan::v1::ImportBudgetScoresResponse resp;
      const std::string kind(absl::StripPrefix(keuangan::v1::ScoreKind_Name(scores.kind()), "SCORE_KIND_"));
      if (auto s = stub->ImportBudgetScores(calls.Context().get(), scores, &resp); !s.ok()) {
        return calls.Failed(kind, "keuangan", s, *out);
      }
      step(kind, "keuangan", resp.written(), resp.unchanged(),
           resp.findings_size() > 0 ? absl::StrCat(resp.findings_size(), " recomputations differ") : "");
    }
  }
  if (b.has_zona_integritas()) {
    ASSIGN_OR_RETURN(auto channel, calls.Channel("zonaintegritas"));
    auto stub = zonaintegritas::v1::ZonaIntegritas::NewStub(channel);
    const auto& z = b.zona_integritas();
    for (const auto& lke : z.lke_assessments()) {
      zonaintegritas::v1::LkeResult result;
      if (auto s = stub->RecordLkeAssessment(calls.Context().get(), lke, &result); !s.ok()) {
        return calls.Failed("LKE of " + lke.satker_code(), "zonaintegritas", s, *out);
      }
      std::string note = absl::StrCat("total ", DisplayIndonesian(result.total().value()));
      for (const auto& v : result.verdicts()) absl::StrAppend(&note, "; ", v.summary());
      step("LKE " + lke.satker_code(), "zonaintegritas", 0, 0, std::move(note));
    }
    for (const auto& letter : z.tpi_results()) {
      zonaintegritas::v1::ImportTpiResultsResponse resp;
      if (auto s = stub->ImportTpiResults(calls.Context().get(), letter, &resp); !s.ok()) {
        return calls.Failed("TPI results", "zonaintegritas", s, *out);
      }
      step("TPI results", "zonaintegritas", resp.written(), resp.unchanged());
    }
  }
  return absl::OkStatus();
}

// For a caller who may not write the unit tree: the bundle's units must be the stored ones (they
// place its satker in the province); then they are left out of the writes. PERMISSION_DENIED
// naming the first unit the bundle would add or change.
absl::Status KeepStoredUnits(const Store& store, bundle::v1::Bundle* b) {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> stored, LoadUnitTree(store));
  for (int i = 0; i < b->units_size(); ++i) {
    const common::v1::Unit& u = b->units(i);
    const common::v1::Unit* s = stored->Find(u.code());
    if (s == nullptr || s->name() != u.name() || s->level() != u.level() ||
        s->parent_code() != u.parent_code() || s->report_order() != u.report_order()) {
      return absl::PermissionDeniedError(
          absl::StrCat("$.units[", i, "]: the bundle ", s == nullptr ? "adds" : "changes", " unit ", u.code(),
                       "; the unit tree is admin's (send the units as they are stored, or ask an admin)"));
    }
  }
  b->clear_units();
  return absl::OkStatus();
}

// Every write of the bundle, in order; `out` gets a step for each one made.
absl::Status WriteBundle(const bundle::v1::Bundle& b, const YearRules& rules, const ImportCall& call,
                         const Calls& calls, UnitRegistryService& own_units, AggregatorStores& stores,
                         report::v1::ImportBundleResponse* out) {
  // Every service holds the unit tree; a bundle of records only leaves the tree in place.
  if (b.units_size() > 0) {
    unit::v1::PutUnitsRequest units;
    *units.mutable_units() = b.units();
    for (const BidangService& svc : BidangServices()) {
      const std::string service(svc.name);
      ASSIGN_OR_RETURN(auto channel, calls.Channel(service));
      unit::v1::PutUnitsResponse resp;
      if (auto s = unit::v1::UnitRegistry::NewStub(channel)->PutUnits(calls.Context().get(), units, &resp);
          !s.ok()) {
        return calls.Failed("units", service, s, *out);
      }
      *out->add_steps() = Step("units", service, resp.written(), resp.unchanged());
    }
    auto own = own_units.Put(call.context, units);
    if (!own.ok()) return calls.Failed("units", "aggregator", ToGrpc(own.status()), *out);
    *out->add_steps() = Step("units", "aggregator", own->written(), own->unchanged());
  }
  std::map<std::string, indicator::v1::RecordSatkerValuesRequest> by_service;
  for (const auto& v : b.satker_values()) {
    auto& req = by_service[rules.FindMeasure(v.measure())->service()];
    req.set_fiscal_year(b.fiscal_year());
    *req.add_values() = v;
  }
  for (const auto& [service, req] : by_service) {
    ASSIGN_OR_RETURN(auto channel, calls.Channel(service));
    indicator::v1::RecordSatkerValuesResponse resp;
    if (auto s = RecordValues(service, channel, calls.Context().get(), req, &resp); !s.ok()) {
      return calls.Failed("satker values", service, s, *out);
    }
    *out->add_steps() = Step("satker values", service, resp.written(), resp.unchanged());
  }
  if (b.has_perjanjian_kinerja()) {
    // bundle_check validated it against the unit tree the bundle brings.
    const auto& pk = b.perjanjian_kinerja();
    auto record = PkRecord(pk);
    auto changed = record.ok()
                       ? stores.pk.Put(call.context, pk.fiscal_year(), pk.province_code(), *std::move(record))
                       : absl::StatusOr<bool>(record.status());
    if (!changed.ok())
      return calls.Failed("perjanjian kinerja", "aggregator", ToGrpc(changed.status()), *out);
    *out->add_steps() = Step("perjanjian kinerja", "aggregator", *changed ? 1 : 0, *changed ? 0 : 1);
  }
  return WriteRecords(b, calls, out);
}

// The id the bundle is journaled and its writes tagged under: the caller's, or one made from the
// digest (the same bundle sent again is the same id).
absl::StatusOr<std::string> BundleIdOf(const report::v1::ImportBundleRequest& request,
                                       const std::string& digest_hex) {
  if (request.bundle_id().empty()) return absl::StrCat("b-", digest_hex.substr(0, 20));
  RETURN_IF_ERROR(CheckRecordId("bundle_id", request.bundle_id(), 100));
  return request.bundle_id();
}

void SetSteps(const report::v1::ImportBundleResponse& out, storage::v1::BundleJournalRecord* record) {
  record->clear_steps();
  for (const auto& s : out.steps()) {
    auto* step = record->add_steps();
    step->set_part(s.part());
    step->set_service(s.service());
    step->set_written(s.written());
    step->set_unchanged(s.unchanged());
    step->set_note(s.note());
  }
}

// Drops what the prepare phase kept in each store's memory (a dry run's, or a refused one's; a
// bundle that goes on to be written drops it with its first write at each store). Best effort:
// what a service does not hear of expires there by itself.
void DiscardPrepared(const ImportCall& preparing, const Calls& calls, AggregatorStores& stores) {
  indicator::v1::RollBackBundleRequest ask;
  ask.set_bundle_id(preparing.context.bundle_id);
  for (const BidangService& svc : BidangServices()) {
    auto channel = calls.Channel(std::string(svc.name));
    if (!channel.ok()) continue;
    indicator::v1::RollBackBundleResponse dropped;
    (void)indicator::v1::IndicatorSource::NewStub(*channel)->RollBackBundle(calls.Context().get(), ask,
                                                                            &dropped);
  }
  (void)stores.store->RollBackBundle(preparing.context, preparing.context.bundle_id);
}

// The prepare phase: every write of the bundle sent once to be checked by its service against
// what it holds and what the bundle's earlier writes would have put, nothing written
// (common/storage/prepared_writes.h). `checked` gets the steps as they would be written.
absl::Status PrepareBundle(const bundle::v1::Bundle& b, const YearRules& rules, const ImportCall& call,
                           const std::string& tag, BidangClients& clients, UnitRegistryService& own_units,
                           AggregatorStores& stores, bool keep, report::v1::ImportBundleResponse* checked) {
  ImportCall preparing = call;
  preparing.context.bundle_id = tag;
  preparing.context.prepare = true;
  Calls calls(preparing, clients);
  // The aggregator's own writes (units, perjanjian kinerja) are prepared in this thread.
  PrepareScope scope(tag);
  absl::Status status = WriteBundle(b, rules, preparing, calls, own_units, stores, checked);
  if (!status.ok() || !keep) DiscardPrepared(preparing, calls, stores);
  return status;
}

}  // namespace

absl::StatusOr<report::v1::ImportBundleResponse> ImportBundle(const report::v1::ImportBundleRequest& request,
                                                              const ImportCall& call, BidangClients& clients,
                                                              UnitRegistryService& own_units,
                                                              AggregatorStores& stores) {
  const std::string name = request.source_name().empty() ? "bundle" : request.source_name();
  if (!request.has_bundle()) return absl::InvalidArgumentError("bundle: is required");
  // Refused here, before a service is asked, when the bundle's year is locked (every part
  // would be refused where it is written).
  RETURN_IF_ERROR(stores.store->CheckYearLocks(call.context.touches));
  const std::string digest_hex = Sha256Hex(SerializeDeterministic(request.bundle()));
  ASSIGN_OR_RETURN(const std::string bundle_id, BundleIdOf(request, digest_hex));
  bundle::v1::Bundle b = request.bundle();
  Calls calls(call, clients);
  ASSIGN_OR_RETURN(rules::v1::RuleSet merged, ServicesRules(b.fiscal_year(), calls));
  // The Perjanjian Kinerja's kegiatan budgets are checked against the budget programs of the
  // aggregator's own rule set, the one its report prints them with (the services send their
  // measures and indicators only).
  if (auto own = stores.rules->ForYear(b.fiscal_year()); own.ok()) {
    *merged.mutable_instruments()->mutable_budget() = (*own)->rules().instruments().budget();
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const YearRules> rules, YearRules::FromValidatedParts(std::move(merged)));
  RETURN_IF_ERROR(CheckBundle(name, *rules, &b));
  report::v1::ImportBundleResponse out;
  out.set_summary(Summary(name, b));
  out.set_bundle_id(bundle_id);
  if (!call.may_write_units) RETURN_IF_ERROR(KeepStoredUnits(*stores.store, &b));

  ASSIGN_OR_RETURN(BundleJournal::Hold hold, stores.bundles.Claim(bundle_id));
  ASSIGN_OR_RETURN(std::optional<storage::v1::BundleJournalRecord> previous, stores.bundles.Find(bundle_id));
  const std::string digest = absl::HexStringToBytes(digest_hex);
  if (previous.has_value()) {
    if (previous->digest() != digest) {
      return absl::AlreadyExistsError(absl::StrCat("bundle_id: \"", bundle_id, "\" names another bundle (",
                                                   previous->source_name(),
                                                   ", other content); use another id"));
    }
    switch (previous->state()) {
      case report::v1::BUNDLE_STATE_COMPLETE:
        // Written again all the same: what a service changed since is put back to the bundle's
        // values, as a repeated import always did (the rest is unchanged).
        out.set_imported_before(true);
        break;
      case report::v1::BUNDLE_STATE_ROLLBACK_INCOMPLETE:
        return absl::FailedPreconditionError(absl::StrCat(
            "bundle ", bundle_id, " is rolled back only in part (", previous->error(),
            "); finish the rollback (lkipctl bundle-rollback ", bundle_id, ") before sending it again"));
      default:
        break;  // IN_PROGRESS or INCOMPLETE: sent again, it is completed; ROLLED_BACK: a new attempt
    }
  }
  const bool new_attempt = !previous.has_value() || previous->state() == report::v1::BUNDLE_STATE_ROLLED_BACK;
  const int attempt = !previous.has_value() ? 1 : previous->attempt() + (new_attempt ? 1 : 0);
  const std::string tag = BundleTag(bundle_id, attempt);
  // Every service checks its part before anything is written: a refusal here leaves no trace.
  // A dry run ends here, with the steps as they would be written.
  report::v1::ImportBundleResponse checked;
  RETURN_IF_ERROR(
      PrepareBundle(b, *rules, call, tag, clients, own_units, stores, /*keep=*/!request.dry_run(), &checked));
  if (request.dry_run()) {
    *out.mutable_steps() = std::move(*checked.mutable_steps());
    return out;
  }
  if (call.after_prepare) call.after_prepare();

  storage::v1::BundleJournalRecord record;
  record.set_digest(digest);
  record.set_state(report::v1::BUNDLE_STATE_IN_PROGRESS);
  record.set_source_name(name);
  record.set_fiscal_year(b.fiscal_year());
  record.set_actor(call.context.actor);
  record.set_started_unix_micros(stores.store->options().now_micros());
  record.set_attempt(attempt);
  RETURN_IF_ERROR(stores.bundles.Put(call.context, bundle_id, record,
                                     !previous.has_value()   ? "started"
                                     : new_attempt           ? absl::StrCat("attempt ", record.attempt())
                                     : out.imported_before() ? "sent again"
                                                             : "sent again to complete it"));
  ImportCall tagged = call;
  tagged.context.bundle_id = tag;
  Calls tagged_calls(tagged, clients);
  absl::Status written = WriteBundle(b, *rules, tagged, tagged_calls, own_units, stores, &out);
  SetSteps(out, &record);
  record.set_finished_unix_micros(stores.store->options().now_micros());
  if (written.code() == absl::StatusCode::kInvalidArgument) {
    // A service refused the bundle's content: what was written before it is taken out again.
    record.set_error(std::string(written.message()));
    const auto deadline = std::chrono::system_clock::now() + absl::ToChronoMilliseconds(clients.timeout());
    absl::Status rolled =
        RollBackEverywhere(bundle_id, call.context, call.caller, clients, stores, deadline, &record);
    if (!rolled.ok()) record.set_error(absl::StrCat(written.message(), "; ", rolled.message()));
    RETURN_IF_ERROR(
        stores.bundles.Put(call.context, bundle_id, record,
                           rolled.ok() ? "refused and rolled back" : "refused, rollback incomplete"));
    if (!rolled.ok())
      return absl::Status(rolled.code(), absl::StrCat(written.message(), "; ", rolled.message()));
    if (out.steps_size() == 0)
      return absl::InvalidArgumentError(absl::StrCat(written.message(), " (bundle ", bundle_id, ")"));
    return absl::InvalidArgumentError(absl::StrCat(
        written.message(), "; they were rolled back: nothing of bundle ", bundle_id, " is imported"));
  }
  if (!written.ok()) {
    record.set_state(report::v1::BUNDLE_STATE_INCOMPLETE);
    record.set_error(std::string(written.message()));
    RETURN_IF_ERROR(stores.bundles.Put(call.context, bundle_id, record, "incomplete"));
    if (out.steps_size() == 0) {
      return absl::Status(written.code(), absl::StrCat(written.message(), " (bundle ", bundle_id, ")"));
    }
    return absl::Status(
        written.code(),
        absl::StrCat(written.message(), "; bundle ", bundle_id,
                     " is incomplete: send the same bundle again to complete it, or roll it back "
                     "(lkipctl bundle-rollback ",
                     bundle_id, ")"));
  }
  record.set_state(report::v1::BUNDLE_STATE_COMPLETE);
  RETURN_IF_ERROR(stores.bundles.Put(call.context, bundle_id, record, "complete"));
  return out;
}

}  // namespace lkip::aggregator
