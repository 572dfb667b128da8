// BidangCore's view of its committed imports (IndicatorSource.ListImports / GetImport): the
// import records of common/bidang/import_session, as the API shows them.
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/bidang/import_session.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/pagination.h"

namespace lkip {
namespace {

indicator::v1::ImportInfo InfoOf(const std::string& service, const CommittedImport& i) {
  indicator::v1::ImportInfo out;
  out.set_service(service);
  out.set_kind(i.kind);
  out.set_import_id(i.import_id);
  out.set_fiscal_year(i.record.fiscal_year());
  out.set_rows(i.record.rows());
  out.set_digest_sha256(absl::BytesToHexString(i.record.digest()));
  out.set_actor(i.record.actor());
  out.set_recorded_unix_micros(i.record.recorded_unix_micros());
  out.set_source_document(i.record.source_document());
  for (const auto& s : i.record.satker_codes()) out.add_satker_codes(s);
  out.set_state(i.record.withdrawn() ? indicator::v1::IMPORT_STATE_WITHDRAWN
                                     : indicator::v1::IMPORT_STATE_COMMITTED);
  out.set_withdrawn_by(i.record.withdrawn_by());
  out.set_withdrawn_unix_micros(i.record.withdrawn_unix_micros());
  out.set_withdraw_reason(i.record.withdraw_reason());
  out.set_rows_purged_unix_micros(i.record.rows_purged_unix_micros());
  return out;
}

}  // namespace

absl::StatusOr<indicator::v1::ListImportsResponse> BidangCore::ListImports(
    const indicator::v1::ListImportsRequest& request) const {
  if (request.fiscal_year() != 0 && (request.fiscal_year() < 2000 || request.fiscal_year() > 2100)) {
    return absl::InvalidArgumentError(
        absl::StrCat("fiscal_year: ", request.fiscal_year(), " is outside 2000..2100 (0: every year)"));
  }
  ASSIGN_OR_RETURN(size_t page_size, PageSize(request.page_size()));
  ASSIGN_OR_RETURN(
      CommittedImportPage page,
      ListCommittedImports(*store_, request.kind(), request.fiscal_year(), request.page_token(), page_size));
  indicator::v1::ListImportsResponse out;
  for (const auto& i : page.imports) *out.add_imports() = InfoOf(service_, i);
  out.set_next_page_token(page.next_page_token);
  return out;
}

absl::StatusOr<indicator::v1::ImportInfo> BidangCore::GetImport(
    const indicator::v1::GetImportRequest& request) const {
  if (request.kind().empty()) return absl::InvalidArgumentError("kind: is required");
  if (request.import_id().empty()) return absl::InvalidArgumentError("import_id: is required");
  ASSIGN_OR_RETURN(CommittedImport i, FindCommittedImport(*store_, request.kind(), request.import_id()));
  return InfoOf(service_, i);
}

void BidangCore::AddWithdrawal(std::string kind, WithdrawalFactory factory) {
  withdrawals_[std::move(kind)] = std::move(factory);
}

absl::StatusOr<indicator::v1::WithdrawImportResponse> BidangCore::WithdrawImport(
    const WriteContext& context, const indicator::v1::WithdrawImportRequest& request) {
  auto factory = withdrawals_.find(request.kind());
  if (factory == withdrawals_.end()) {
    if (request.kind().empty()) return absl::InvalidArgumentError("kind: is required");
    return absl::NotFoundError(absl::StrCat("import ", request.kind(), "/", request.import_id(),
                                            " was not committed here (", service_, " imports no ",
                                            request.kind(), ")"));
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units, LoadUnitTree(*store_));
  ASSIGN_OR_RETURN(CommittedImport i,
                   lkip::WithdrawImport(*store_, *units, request.kind(), request.import_id(),
                                        request.reason(), context, factory->second));
  indicator::v1::WithdrawImportResponse out;
  *out.mutable_import() = InfoOf(service_, i);
  return out;
}

}  // namespace lkip
