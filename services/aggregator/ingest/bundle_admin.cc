#include "services/aggregator/ingest/bundle_admin.h"

#include <algorithm>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/registry/bidang_registry.h"
#include "common/status/grpc_status.h"
#include "common/status/macros.h"
#include "common/storage/pagination.h"
#include "common/validation/fields.h"

namespace lkip::aggregator {
namespace {

absl::Status CheckId(const std::string& bundle_id) { return CheckRecordId("bundle_id", bundle_id, 100); }

}  // namespace

report::v1::BundleInfo BundleInfoOf(const std::string& bundle_id,
                                    const storage::v1::BundleJournalRecord& record) {
  report::v1::BundleInfo out;
  out.set_bundle_id(bundle_id);
  out.set_state(static_cast<report::v1::BundleState>(record.state()));
  out.set_digest_sha256(absl::BytesToHexString(record.digest()));
  out.set_source_name(record.source_name());
  out.set_fiscal_year(record.fiscal_year());
  out.set_actor(record.actor());
  out.set_started_unix_micros(record.started_unix_micros());
  out.set_finished_unix_micros(record.finished_unix_micros());
  for (const auto& s : record.steps()) {
    auto* step = out.add_steps();
    step->set_part(s.part());
    step->set_service(s.service());
    step->set_written(s.written());
    step->set_unchanged(s.unchanged());
    step->set_note(s.note());
  }
  out.set_error(record.error());
  for (const auto& r : record.rolled_back()) out.add_rolled_back(r);
  out.set_attempt(record.attempt());
  return out;
}

absl::StatusOr<report::v1::BundleInfo> GetBundle(const report::v1::GetBundleRequest& request,
                                                 AggregatorStores& stores) {
  RETURN_IF_ERROR(CheckId(request.bundle_id()));
  ASSIGN_OR_RETURN(auto record, stores.bundles.Find(request.bundle_id()));
  if (!record.has_value()) return absl::NotFoundError(absl::StrCat("no bundle ", request.bundle_id()));
  return BundleInfoOf(request.bundle_id(), *record);
}

absl::StatusOr<report::v1::ListBundlesResponse> ListBundles(const report::v1::ListBundlesRequest& request,
                                                            AggregatorStores& stores) {
  ASSIGN_OR_RETURN(const size_t page_size, PageSize(request.page_size()));
  ASSIGN_OR_RETURN(BundleJournal::Page page, stores.bundles.List(request.page_token(), page_size));
  report::v1::ListBundlesResponse out;
  for (const auto& [id, record] : page.bundles) {
    if (request.state() != report::v1::BUNDLE_STATE_UNSPECIFIED && record.state() != request.state())
      continue;
    report::v1::BundleInfo info = BundleInfoOf(id, record);
    info.clear_steps();
    *out.add_bundles() = std::move(info);
  }
  out.set_next_page_token(page.next_page_token);
  return out;
}

absl::Status RollBackEverywhere(const std::string& bundle_id, const WriteContext& context,
                                const OnBehalf& caller, BidangClients& clients, AggregatorStores& stores,
                                std::chrono::system_clock::time_point deadline,
                                storage::v1::BundleJournalRecord* record) {
  const std::string tag = BundleTag(bundle_id, record->attempt());
  auto done = [&](const std::string& store) {
    if (std::find(record->rolled_back().begin(), record->rolled_back().end(), store) ==
        record->rolled_back().end()) {
      record->add_rolled_back(store);
    }
  };
  std::vector<std::string> failed;
  bool unreachable = false;
  for (const BidangService& svc : BidangServices()) {
    const std::string service(svc.name);
    auto channel = clients.Channel(service);
    if (channel == nullptr) {
      failed.push_back(absl::StrCat(service, ": no address (--", service, "_addr)"));
      unreachable = true;
      continue;
    }
    grpc::ClientContext call;
    call.set_deadline(deadline);
    AddOnBehalf(&call, caller);
    indicator::v1::RollBackBundleRequest ask;
    ask.set_bundle_id(tag);
    indicator::v1::RollBackBundleResponse undone;
    grpc::Status s = indicator::v1::IndicatorSource::NewStub(channel)->RollBackBundle(&call, ask, &undone);
    if (s.ok()) {
      done(service);
    } else {
      failed.push_back(absl::StrCat(service, ": ", s.error_message()));
      unreachable |= s.error_code() != grpc::StatusCode::FAILED_PRECONDITION;
    }
  }
  WriteContext own = context;
  own.bundle_id.clear();
  if (auto undone = stores.store->RollBackBundle(own, tag); undone.ok()) {
    done("aggregator");
  } else {
    failed.push_back(absl::StrCat("aggregator: ", undone.status().message()));
  }
  record->set_state(failed.empty() ? report::v1::BUNDLE_STATE_ROLLED_BACK
                                   : report::v1::BUNDLE_STATE_ROLLBACK_INCOMPLETE);
  record->set_finished_unix_micros(stores.store->options().now_micros());
  if (failed.empty()) return absl::OkStatus();
  record->set_error(absl::StrJoin(failed, "; "));
  const std::string message =
      absl::StrCat("bundle ", bundle_id,
                   " is rolled back only in part (done: ", absl::StrJoin(record->rolled_back(), ", "),
                   "); not rolled back: ", record->error(), "; roll it back again once that is resolved");
  return unreachable ? absl::UnavailableError(message) : absl::FailedPreconditionError(message);
}

absl::StatusOr<report::v1::RollBackBundleResponse> RollBackBundle(
    const report::v1::RollBackBundleRequest& request, const WriteContext& context, const OnBehalf& caller,
    BidangClients& clients, AggregatorStores& stores, std::chrono::system_clock::time_point deadline) {
  const std::string& id = request.bundle_id();
  RETURN_IF_ERROR(CheckId(id));
  ASSIGN_OR_RETURN(BundleJournal::Hold hold, stores.bundles.Claim(id));
  ASSIGN_OR_RETURN(auto found, stores.bundles.Find(id));
  if (!found.has_value()) return absl::NotFoundError(absl::StrCat("no bundle ", id));
  storage::v1::BundleJournalRecord record = *std::move(found);
  report::v1::RollBackBundleResponse out;
  if (record.state() != report::v1::BUNDLE_STATE_ROLLED_BACK) {
    // Refused before anything is undone anywhere while the bundle's year is locked.
    WriteContext::Touches year;
    year.fiscal_years.insert(record.fiscal_year());
    RETURN_IF_ERROR(stores.store->CheckYearLocks(year));
    record.set_actor(context.actor);
    absl::Status rolled = RollBackEverywhere(id, context, caller, clients, stores, deadline, &record);
    if (rolled.ok()) record.clear_error();
    WriteContext own = context;
    RETURN_IF_ERROR(stores.bundles.Put(
        own, id, record,
        rolled.ok() ? "rolled back" : absl::StrCat("rollback incomplete: ", record.error())));
    RETURN_IF_ERROR(rolled);
  }
  *out.mutable_bundle() = BundleInfoOf(id, record);
  return out;
}

}  // namespace lkip::aggregator
