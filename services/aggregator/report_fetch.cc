#include "services/aggregator/report_fetch.h"

#include <atomic>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/status/macros.h"
#include "common/units/unit_tree.h"
#include "services/aggregator/approval/approval_flow.h"
#include "services/aggregator/approval/approval_store.h"
#include "services/aggregator/approval/changes_after_submission.h"
#include "services/aggregator/capaian_builder.h"
#include "services/aggregator/pk_record.h"
#include "services/aggregator/text_messages.h"

namespace lkip::aggregator {

absl::Status CheckYearProvince(int year, const std::string& province) {
  if (year < 2000 || year > 2100) {
    return absl::InvalidArgumentError(absl::StrCat("fiscal_year: ", year, " is outside 2000..2100"));
  }
  if (province.empty()) return absl::InvalidArgumentError("province_code: is required");
  return absl::OkStatus();
}

void ReportFetch::Capaian(grpc::CallbackServerContext* context, int year, const std::string& province,
                          std::function<void(absl::StatusOr<aggregator::v1::CapaianReport>)> done) {
  if (absl::Status s = CheckYearProvince(year, province); !s.ok()) return done(s);
  auto rules = stores_->rules->ForYear(year);
  if (!rules.ok()) return done(rules.status());
  auto pk = stores_->pk.Get(year, province);
  if (!pk.ok()) return done(pk.status());
  auto units = LoadUnitTree(*stores_->store);
  if (!units.ok()) return done(units.status());
  clients_->FetchAll(context, year, province,
                     [done = std::move(done), rules = *rules, pk = PkMessage(year, province, *pk),
                      units = std::move(*units)](std::vector<ServiceFetch> fetched) {
                       done(BuildCapaianReport(pk, *units, *rules, fetched));
                     });
}

void ReportFetch::Inputs(grpc::CallbackServerContext* context, int year, const std::string& province,
                         std::function<void(absl::StatusOr<ReportInputs>)> done) {
  if (absl::Status s = CheckYearProvince(year, province); !s.ok()) return done(s);
  // Joined from three callbacks (the capaian fan-out, keuangan's tables, the changes since the
  // report was submitted); the last one finishes.
  struct Join {
    ReportInputs inputs;
    absl::Status failed;  // of the aggregator's own data
    std::atomic<int> pending{3};
    std::function<void(absl::StatusOr<ReportInputs>)> done;
    void OneDone(Join* self) {
      if (pending.fetch_sub(1) != 1) return;
      std::unique_ptr<Join> owned(self);
      if (!owned->failed.ok()) return owned->done(owned->failed);
      owned->done(std::move(owned->inputs));
    }
  };
  auto pk = stores_->pk.Get(year, province);
  if (!pk.ok()) return done(pk.status());
  auto narratives = stores_->narratives.Get(year, province);
  if (!narratives.ok()) return done(narratives.status());
  auto comparisons = stores_->comparisons.Get(year, province);
  if (!comparisons.ok()) return done(comparisons.status());
  auto approval = ApprovalStore(stores_->store).Get(province, year);
  if (!approval.ok()) return done(approval.status());
  auto* join = new Join();
  join->done = std::move(done);
  join->inputs.approval = ApprovalOf(province, year, *approval);
  join->inputs.pk = PkMessage(year, province, *pk);
  join->inputs.narratives = NarrativesMessage(*narratives);
  join->inputs.comparisons = ComparisonsMessage(*comparisons);
  Capaian(context, year, province, [join](absl::StatusOr<aggregator::v1::CapaianReport> capaian) {
    if (capaian.ok()) {
      join->inputs.capaian = std::move(*capaian);
    } else {
      join->failed = capaian.status();
    }
    join->OneDone(join);
  });
  FetchChangesAfterSubmission(join->inputs.approval, *stores_->store, *clients_, context,
                              [join](std::optional<report::v1::ChangesAfterSubmission> changes) {
                                join->inputs.changes = std::move(changes);
                                join->OneDone(join);
                              });
  clients_->FetchBudgetTables(
      context, year, province, [join](absl::StatusOr<keuangan::v1::BudgetTables> tables) {
        // keuangan lists every satker, with zeros where it has no DIPA: one DIPA at least.
        join->inputs.budget_available =
            tables.ok() && tables->per_satker().rows_size() > tables->satker_without_dipa_size();
        if (tables.ok()) {
          join->inputs.budget = std::move(*tables);
          if (!join->inputs.budget_available) join->inputs.budget_unavailable_reason = kNoDipa;
        } else {
          join->inputs.budget_unavailable_reason = std::string(tables.status().message());
        }
        join->OneDone(join);
      });
}

}  // namespace lkip::aggregator
