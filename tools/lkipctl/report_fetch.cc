#include "tools/lkipctl/report_fetch.h"

#include "absl/strings/str_cat.h"
#include "common/status/status.h"
#include "lkip/keuangan/v1/keuangan.grpc.pb.h"

namespace lkip::ctl {
namespace {

// A request for the year and province (every request read here has both).
template <typename Request>
Request For(int year, const std::string& province) {
  Request r;
  r.set_fiscal_year(year);
  r.set_province_code(province);
  return r;
}

absl::Status Named(const char* what, const grpc::Status& s) {
  const absl::Status st = FromGrpc(s);
  return absl::Status(st.code(), absl::StrCat(what, ": ", st.message()));
}

}  // namespace

absl::StatusOr<ReportInputs> FetchReportInputs(aggregator::v1::Aggregator::StubInterface& agg, const FetchOptions& o,
                                               int year, const std::string& province) {
  namespace av1 = aggregator::v1;
  ReportInputs in;
  if (grpc::Status s = agg.GetCapaian(o.context().get(), For<av1::GetCapaianRequest>(year, province), &in.capaian);
      !s.ok()) {
    return Named("capaian", s);
  }
  if (grpc::Status s = agg.GetPerjanjianKinerja(o.context().get(), For<av1::GetPerjanjianKinerjaRequest>(year, province),
                                                &in.pk);
      !s.ok()) {
    return Named("perjanjian kinerja", s);
  }
  if (grpc::Status s = agg.GetNarratives(o.context().get(), For<av1::GetNarrativesRequest>(year, province), &in.narratives);
      !s.ok()) {
    return Named("narratives", s);
  }
  if (grpc::Status s = agg.GetComparisons(o.context().get(), For<av1::GetComparisonsRequest>(year, province),
                                          &in.comparisons);
      !s.ok()) {
    return Named("comparisons", s);
  }
  // Without a listed keuangan the report has no budget chapter (marked as unavailable).
  av1::ListServicesResponse services;
  if (!agg.ListServices(o.context().get(), av1::ListServicesRequest(), &services).ok()) return in;
  std::string address;
  for (const auto& svc : services.services()) {
    if (svc.service() == "keuangan") address = svc.address();
  }
  if (address.empty()) return in;
  grpc::Status s = keuangan::v1::Keuangan::NewStub(o.connect(address))
                       ->GetBudgetTables(o.context().get(),
                                         For<keuangan::v1::GetBudgetTablesRequest>(year, province), &in.budget);
  in.budget_available = s.ok();
  if (!s.ok()) in.budget_unavailable_reason = s.error_message();
  return in;
}

}  // namespace lkip::ctl
