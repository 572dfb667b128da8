#include "services/nasional/nasional_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/server/unary.h"
#include "common/status/macros.h"
#include "services/nasional/rollup_files.h"

namespace lkip::nasional {

grpc::ServerUnaryReactor* NasionalService::PullReports(grpc::CallbackServerContext* context,
                                                       const v1::PullReportsRequest* request,
                                                       v1::PullReportsResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (RefuseOutOfScope(context, reactor, "PullReports", *request)) return reactor;
  const int year = request->fiscal_year();
  absl::StatusOr<const YearRules*> rules = core_->RulesFor(year);
  if (!rules.ok()) return FinishWith(reactor, "PullReports", rules.status()), reactor;
  absl::StatusOr<std::vector<size_t>> indexes =
      core_->Indexes({request->province_codes().begin(), request->province_codes().end()});
  if (!indexes.ok()) return FinishWith(reactor, "PullReports", indexes.status()), reactor;
  core_->Pull(MakeWriteContext(*context, "PullReports", *request,
                               absl::StrCat("pull ", indexes->size(), " provinces' reports of ", year)),
              year, *std::move(indexes), [this, reactor, response, year](absl::StatusOr<PullRound> round) {
                if (!round.ok()) return FinishWith(reactor, "PullReports", round.status());
                for (auto& o : round->outcomes) *response->add_outcomes() = std::move(o);
                response->set_elapsed_micros(round->elapsed_micros);
                FinishWith(reactor, "PullReports",
                           Deliver(core_->RollUp(year, &round->reports), response->mutable_roll_up()));
              });
  return reactor;
}

grpc::ServerUnaryReactor* NasionalService::GetRollUp(grpc::CallbackServerContext* context,
                                                     const v1::GetRollUpRequest* request,
                                                     v1::RollUp* response) {
  return FinishUnary(context, "GetRollUp", *request, [&]() -> absl::Status {
    return Deliver(core_->RollUp(request->fiscal_year()), response);
  });
}

grpc::ServerUnaryReactor* NasionalService::GetSnapshot(grpc::CallbackServerContext* context,
                                                       const v1::GetSnapshotRequest* request,
                                                       v1::Snapshot* response) {
  return FinishUnary(context, "GetSnapshot", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(core_->RulesFor(request->fiscal_year()).status());
    ASSIGN_OR_RETURN(ProvinceSnapshot snapshot,
                     core_->Snapshot(request->fiscal_year(), request->province_code()));
    const ProvinceSnapshot* s = &snapshot;
    if (!s->report.has_value())
      return absl::NotFoundError(absl::StrCat(
          "no report of ", request->province_code(), " for ", request->fiscal_year(), " was ever pulled",
          s->info.stale() ? absl::StrCat(": ", s->info.stale_reason()) : ""));
    *response->mutable_info() = s->info;
    *response->mutable_report() = std::move(*snapshot.report);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* NasionalService::GetNationalComparisons(
    grpc::CallbackServerContext* context, const v1::GetNationalComparisonsRequest* request,
    v1::GetNationalComparisonsResponse* response) {
  return FinishUnary(context, "GetNationalComparisons", *request, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(const YearRules* rules, core_->RulesFor(request->fiscal_year()));
    RETURN_IF_ERROR(core_->IndexOf(request->province_code()).status());
    ASSIGN_OR_RETURN(v1::RollUp roll_up, core_->RollUp(request->fiscal_year()));
    if (roll_up.as_of().empty())
      return absl::FailedPreconditionError(absl::StrCat("no province's report of ", request->fiscal_year(),
                                                        " was pulled yet (lkipctl nasional tarik)"));
    for (auto& c : NationalComparisons(*rules, roll_up, request->province_code()))
      *response->add_comparisons() = std::move(c);
    response->set_as_of(roll_up.as_of());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* NasionalService::RenderRollUp(grpc::CallbackServerContext* context,
                                                        const v1::RenderRollUpRequest* request,
                                                        v1::RenderRollUpResponse* response) {
  return FinishUnary(context, "RenderRollUp", *request, [&]() -> absl::Status {
    std::vector<v1::RollUpFormat> formats;
    for (int i = 0; i < request->formats_size(); ++i) {
      const auto f = request->formats(i);
      if (f == v1::ROLL_UP_FORMAT_UNSPECIFIED || !v1::RollUpFormat_IsValid(f))
        return absl::InvalidArgumentError(
            absl::StrCat("formats[", i, "]: ", static_cast<int>(f), " is not a format"));
      formats.push_back(f);
    }
    ASSIGN_OR_RETURN(v1::RollUp roll_up, core_->RollUp(request->fiscal_year()));
    std::string html_template;
    if (formats.empty() ||
        std::find(formats.begin(), formats.end(), v1::ROLL_UP_FORMAT_HTML) != formats.end()) {
      absl::StatusOr<std::string> text = ReadText(templates_dir_ + "/nasional.html.mustache");
      if (!text.ok())
        return absl::FailedPreconditionError(
            absl::StrCat("the national page's template: ", text.status().message()));
      html_template = *std::move(text);
    }
    ASSIGN_OR_RETURN(auto files, RollUpFiles(roll_up, formats, html_template));
    for (auto& f : files) *response->add_files() = std::move(f);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* NasionalService::ListProvinces(grpc::CallbackServerContext* context,
                                                         const v1::ListProvincesRequest* request,
                                                         v1::ListProvincesResponse* response) {
  return FinishUnary(context, "ListProvinces", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(core_->RulesFor(request->fiscal_year()).status());
    ASSIGN_OR_RETURN(auto snapshots, core_->Snapshots(request->fiscal_year()));
    for (auto& s : snapshots) *response->add_provinces() = std::move(s.info);
    return absl::OkStatus();
  });
}

}  // namespace lkip::nasional
