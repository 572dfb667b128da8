#include "tools/lkipctl/nasional_commands.h"

#include <iomanip>
#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/approval/state_name.h"
#include "lkip/aggregator/v1/aggregator.grpc.pb.h"
#include "lkip/nasional/v1/nasional.grpc.pb.h"

namespace lkip::ctl {
namespace {

using nasional::v1::NasionalService;

void PrintProvinces(const google::protobuf::RepeatedPtrField<nasional::v1::SnapshotInfo>& provinces) {
  std::cout << std::left << std::setw(22) << "provinsi" << std::setw(22) << "ditarik" << std::setw(14)
            << "status"
            << "keterangan\n";
  for (const auto& p : provinces) {
    std::string state = p.has_snapshot() ? ApprovalStateName(p.approval_state()) : "-";
    std::string note;
    if (p.stale()) note = p.stale_reason();
    if (p.has_snapshot() && p.verifier_errors() > 0)
      note = absl::StrCat(note.empty() ? "" : note + "; ", p.verifier_errors(), " ERROR verifikator");
    std::cout << std::left << std::setw(22) << p.province_code() << std::setw(22)
              << (p.has_snapshot() ? p.pulled_at() : "belum pernah") << std::setw(14) << state
              << (p.stale() ? "BASI " : "") << note << "\n";
  }
}

int Pull(const Options& o, const NasionalRequest& r) {
  auto stub = NasionalService::NewStub(Connect(o, r.address));
  nasional::v1::PullReportsRequest req;
  req.set_fiscal_year(r.year);
  for (const auto& p : r.provinces) req.add_province_codes(p);
  nasional::v1::PullReportsResponse resp;
  if (grpc::Status s = stub->PullReports(Ctx(o).get(), req, &resp); !s.ok()) return Fail("nasional tarik", s);
  int failed = 0;
  for (const auto& out : resp.outcomes()) {
    failed += out.ok() ? 0 : 1;
    std::cout << std::left << std::setw(22) << out.province_code()
              << (out.ok() ? (out.changed() ? "ok, laporan baru" : "ok, tidak berubah")
                           : "GAGAL: " + out.error())
              << "  (" << out.latency_micros() / 1000 << " ms)\n";
  }
  std::cout << "\n";
  PrintProvinces(resp.roll_up().provinces());
  std::cout << "\n"
            << resp.outcomes_size() - failed << " of " << resp.outcomes_size() << " provinces pulled in "
            << resp.elapsed_micros() / 1000 << " ms\n";
  if (failed > 0 && !r.allow_partial) {
    std::cerr
        << "lkipctl: nasional tarik: " << failed
        << " province(s) could not be pulled; their last snapshots stay, marked stale (--allow-partial to "
           "accept)\n";
    return kExitPartial;
  }
  return 0;
}

int Status(const Options& o, const NasionalRequest& r) {
  auto stub = NasionalService::NewStub(Connect(o, r.address));
  nasional::v1::ListProvincesRequest req;
  req.set_fiscal_year(r.year);
  nasional::v1::ListProvincesResponse resp;
  if (grpc::Status s = stub->ListProvinces(Ctx(o).get(), req, &resp); !s.ok())
    return Fail("nasional status", s);
  PrintProvinces(resp.provinces());
  return 0;
}

int Table(const Options& o, const NasionalRequest& r) {
  static const std::map<std::string, nasional::v1::RollUpFormat> kFormats = {
      {"json", nasional::v1::ROLL_UP_FORMAT_JSON},
      {"csv", nasional::v1::ROLL_UP_FORMAT_CSV},
      {"xlsx", nasional::v1::ROLL_UP_FORMAT_XLSX},
      {"html", nasional::v1::ROLL_UP_FORMAT_HTML}};
  nasional::v1::RenderRollUpRequest req;
  req.set_fiscal_year(r.year);
  for (const auto& f : r.formats) {
    auto it = kFormats.find(f);
    if (it == kFormats.end())
      return Fail("nasional tabel", absl::InvalidArgumentError(absl::StrCat(
                                        "--format: \"", f, "\" is not json, csv, xlsx or html")));
    req.add_formats(it->second);
  }
  auto stub = NasionalService::NewStub(Connect(o, r.address));
  nasional::v1::RenderRollUpResponse resp;
  if (grpc::Status s = stub->RenderRollUp(Ctx(o, o.long_timeout_s).get(), req, &resp); !s.ok())
    return Fail("nasional tabel", s);
  if (absl::Status s = WriteFiles(r.out_dir, resp.files()); !s.ok()) return Fail("nasional tabel", s);
  std::vector<std::string> names;
  for (const auto& f : resp.files()) names.push_back(f.name());
  std::cout << "wrote in " << r.out_dir << ": " << absl::StrJoin(names, " ") << "\n";
  return 0;
}

}  // namespace

int NasionalCmd(const Options& o, const std::string& step, const NasionalRequest& request) {
  if (step == "tarik") return Pull(o, request);
  if (step == "status") return Status(o, request);
  return Table(o, request);
}

int NasionalComparisonsCmd(const Options& o, const NasionalRequest& request, const std::string& province) {
  const std::string what = "nasional bandingkan";
  nasional::v1::GetNationalComparisonsRequest nreq;
  nreq.set_fiscal_year(request.year);
  nreq.set_province_code(province);
  nasional::v1::GetNationalComparisonsResponse national;
  if (grpc::Status s = NasionalService::NewStub(Connect(o, request.address))
                           ->GetNationalComparisons(Ctx(o).get(), nreq, &national);
      !s.ok())
    return Fail(what, s);
  if (national.comparisons().empty()) {
    std::cout << "the national service has no comparison for " << province << " " << request.year
              << " (no IKK of its rule set has a national_comparison, or the province has no value)\n";
    return 0;
  }
  auto aggregator = aggregator::v1::Aggregator::NewStub(Connect(o));
  aggregator::v1::GetComparisonsRequest greq;
  greq.set_fiscal_year(request.year);
  greq.set_province_code(province);
  aggregator::v1::GetComparisonsResponse stored;
  if (grpc::Status s = aggregator->GetComparisons(Ctx(o).get(), greq, &stored); !s.ok()) return Fail(what, s);
  // Each IKK keeps what it holds (last year's value and its source); the national fields are
  // replaced by the national service's.
  aggregator::v1::PutComparisonsRequest put;
  put.set_fiscal_year(request.year);
  put.set_province_code(province);
  for (const auto& c : national.comparisons()) {
    aggregator::v1::Comparison merged;
    for (const auto& s : stored.comparisons())
      if (s.code() == c.code()) merged = s;
    merged.set_code(c.code());
    merged.set_national_label(c.national_label());
    *merged.mutable_national_value() = c.national_value();
    *merged.mutable_province_value() = c.province_value();
    merged.set_national_source(c.national_source());
    *put.add_comparisons() = std::move(merged);
  }
  aggregator::v1::PutComparisonsResponse written;
  if (grpc::Status s = aggregator->PutComparisons(Ctx(o).get(), put, &written); !s.ok()) return Fail(what, s);
  for (const auto& c : national.comparisons()) {
    std::cout << c.code() << "  " << c.national_label() << ": nasional " << c.national_value().value()
              << ", provinsi " << c.province_value().value() << "\n";
  }
  std::cout << written.written() << " written, " << written.unchanged() << " unchanged (as of "
            << national.as_of() << ")\n";
  return 0;
}

}  // namespace lkip::ctl
