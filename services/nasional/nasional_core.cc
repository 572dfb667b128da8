#include "services/nasional/nasional_core.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status/macros.h"

namespace lkip::nasional {
namespace {

// Why a province's snapshot is stale, in Indonesian for the table's reader; the gRPC error
// follows as it came.
std::string StaleReason(const PullAttempt& pull, absl::Duration deadline) {
  std::string why = "tarikan gagal";
  if (absl::StartsWith(pull.error, "DEADLINE_EXCEEDED")) {
    why = absl::StrCat("tidak menjawab dalam batas waktu ", absl::ToInt64Milliseconds(deadline), " ms");
  } else if (absl::StartsWith(pull.error, "UNAVAILABLE")) {
    why = "tidak dapat dihubungi";
  } else if (absl::StartsWith(pull.error, "PERMISSION_DENIED") ||
             absl::StartsWith(pull.error, "UNAUTHENTICATED")) {
    why = "menolak akses BNN RI (token hq atau sertifikat)";
  } else if (absl::StartsWith(pull.error, "NOT_FOUND")) {
    why = "belum ada laporan tahun ini (Perjanjian Kinerja atau aturan)";
  }
  return absl::StrCat(why, " pada ", FormatMicros(pull.attempted_at_micros), " (", pull.error, ")");
}

}  // namespace

NasionalCore::NasionalCore(Store* store, const RuleBook* rules, std::vector<ProvinceAccess> provinces,
                           absl::Duration deadline)
    : rules_(rules), provinces_(std::move(provinces)), snapshots_(store), puller_(provinces_, deadline) {}

absl::StatusOr<const YearRules*> NasionalCore::RulesFor(int fiscal_year) const {
  if (fiscal_year < 2000 || fiscal_year > 2100)
    return absl::InvalidArgumentError(absl::StrCat("fiscal_year: ", fiscal_year, " is outside 2000..2100"));
  return rules_->ForYear(fiscal_year);
}

absl::StatusOr<std::vector<size_t>> NasionalCore::Indexes(const std::vector<std::string>& codes) const {
  std::vector<size_t> out;
  if (codes.empty()) {
    for (size_t i = 0; i < provinces_.size(); ++i) out.push_back(i);
    return out;
  }
  for (size_t c = 0; c < codes.size(); ++c) {
    size_t i = 0;
    while (i < provinces_.size() && provinces_[i].province_code != codes[c]) ++i;
    if (i == provinces_.size())
      return absl::InvalidArgumentError(
          absl::StrCat("province_codes[", c, "]: \"", codes[c], "\" is not a province of the directory"));
    out.push_back(i);
  }
  return out;
}

absl::StatusOr<size_t> NasionalCore::IndexOf(const std::string& province) const {
  for (size_t i = 0; i < provinces_.size(); ++i)
    if (provinces_[i].province_code == province) return i;
  return absl::InvalidArgumentError(
      absl::StrCat("province_code: \"", province, "\" is not a province of the directory"));
}

void NasionalCore::Pull(WriteContext context, int fiscal_year, std::vector<size_t> indexes,
                        std::function<void(absl::StatusOr<PullRound>)> done) {
  const absl::Time started = absl::Now();
  context.touches.fiscal_years.insert(fiscal_year);
  puller_.Pull(fiscal_year, indexes,
               [this, context = std::move(context), fiscal_year, started,
                done = std::move(done)](std::vector<PulledReport> pulled) {
                 std::vector<PullResult> results;
                 PullRound round;
                 for (PulledReport& p : pulled) {
                   if (p.report.has_value()) round.reports.emplace(p.result.province, *std::move(p.report));
                   results.push_back(std::move(p.result));
                 }
                 absl::StatusOr<std::vector<bool>> changed = snapshots_.Record(context, fiscal_year, results);
                 if (!changed.ok()) return done(changed.status());
                 for (size_t i = 0; i < results.size(); ++i) {
                   v1::PullOutcome& o = round.outcomes.emplace_back();
                   o.set_province_code(results[i].province);
                   o.set_ok(results[i].attempt.ok);
                   o.set_error(results[i].attempt.error);
                   o.set_latency_micros(results[i].attempt.latency_micros);
                   o.set_changed((*changed)[i]);
                 }
                 round.elapsed_micros = absl::ToInt64Microseconds(absl::Now() - started);
                 done(std::move(round));
               });
}

absl::StatusOr<std::vector<ProvinceSnapshot>> NasionalCore::Snapshots(
    int fiscal_year, std::map<std::string, report::v1::Report>* fresh) const {
  std::vector<size_t> every(provinces_.size());
  for (size_t i = 0; i < every.size(); ++i) every[i] = i;
  return SnapshotsAt(fiscal_year, every, fresh);
}

absl::StatusOr<ProvinceSnapshot> NasionalCore::Snapshot(int fiscal_year, const std::string& province) const {
  ASSIGN_OR_RETURN(size_t index, IndexOf(province));
  ASSIGN_OR_RETURN(std::vector<ProvinceSnapshot> one, SnapshotsAt(fiscal_year, {index}, nullptr));
  return std::move(one[0]);
}

absl::StatusOr<std::vector<ProvinceSnapshot>> NasionalCore::SnapshotsAt(
    int fiscal_year, const std::vector<size_t>& indexes,
    std::map<std::string, report::v1::Report>* fresh) const {
  std::vector<std::string> codes;
  std::vector<bool> held;
  for (size_t index : indexes) {
    const std::string& code = provinces_[index].province_code;
    codes.push_back(code);
    held.push_back(fresh != nullptr && fresh->count(code) > 0);
  }
  ASSIGN_OR_RETURN(std::vector<ProvinceState> states, snapshots_.Read(fiscal_year, codes, held));
  std::vector<ProvinceSnapshot> out(indexes.size());
  for (size_t i = 0; i < indexes.size(); ++i) {
    ProvinceSnapshot& s = out[i];
    v1::SnapshotInfo& info = s.info;
    info.set_province_code(provinces_[indexes[i]].province_code);
    info.set_name(provinces_[indexes[i]].name);
    if (const auto& pull = states[i].last_pull; pull.has_value()) {
      info.set_last_attempt_at(FormatMicros(pull->attempted_at_micros));
      info.set_last_latency_micros(pull->latency_micros);
      if (!pull->ok) {
        info.set_stale(true);
        info.set_stale_reason(StaleReason(*pull, deadline()));
      }
    }
    if (auto& snapshot = states[i].snapshot; snapshot.has_value()) {
      report::v1::Report report;
      if (held[i]) {
        report = std::move(fresh->at(info.province_code()));
      } else if (!report.ParseFromString(snapshot->report)) {
        return absl::DataLossError(absl::StrCat("the snapshot of ", info.province_code(), " does not parse"));
      }
      info.set_has_snapshot(true);
      // The last pull that brought this report, or the same again: what the table is as of.
      int64_t confirmed = snapshot->pulled_at_micros;
      if (const auto& pull = states[i].last_pull; pull.has_value())
        confirmed = std::max(confirmed, pull->last_ok_micros);
      info.set_pulled_at(FormatMicros(confirmed));
      info.set_report_since(FormatMicros(snapshot->pulled_at_micros));
      info.set_report_sha256(snapshot->sha256);
      s.pulled_at_micros = confirmed;
      DescribeReport(report, &info);
      s.report = std::move(report);
    }
  }
  return out;
}

absl::StatusOr<v1::RollUp> NasionalCore::RollUp(int fiscal_year,
                                                std::map<std::string, report::v1::Report>* fresh) const {
  ASSIGN_OR_RETURN(const YearRules* rules, RulesFor(fiscal_year));
  ASSIGN_OR_RETURN(std::vector<ProvinceSnapshot> snapshots, Snapshots(fiscal_year, fresh));
  return BuildRollUp(*rules, snapshots);
}

}  // namespace lkip::nasional
