#include "common/approval/year_lock_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/server/call_context.h"
#include "common/server/unary.h"
#include "common/status/macros.h"

namespace lkip {
namespace {

absl::Status CheckYear(const std::string& province, int32_t fiscal_year) {
  if (province.empty()) return absl::InvalidArgumentError("province_code: is required");
  if (fiscal_year < 2000 || fiscal_year > 2100) {
    return absl::InvalidArgumentError(absl::StrCat("fiscal_year: ", fiscal_year, " is outside 2000..2100"));
  }
  return absl::OkStatus();
}

}  // namespace

approval::v1::YearLock YearLockOf(std::string_view province, int32_t fiscal_year,
                                  const std::optional<storage::v1::YearLockRecord>& lock) {
  approval::v1::YearLock out;
  out.set_province_code(std::string(province));
  out.set_fiscal_year(fiscal_year);
  if (!lock.has_value()) return out;
  out.set_locked(true);
  out.set_locked_by(lock->locked_by());
  out.set_time(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMicros(lock->locked_at_micros()),
                                absl::UTCTimeZone()));
  return out;
}

grpc::ServerUnaryReactor* YearLockService::SetYearLock(grpc::CallbackServerContext* context,
                                                       const approval::v1::SetYearLockRequest* request,
                                                       approval::v1::YearLock* response) {
  return FinishUnary(context, "SetYearLock", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYear(request->province_code(), request->fiscal_year()));
    std::optional<storage::v1::YearLockRecord> lock;
    if (request->locked()) {
      if (request->locked_by().empty()) return absl::InvalidArgumentError("locked_by: is required to lock");
      lock.emplace();
      lock->set_locked_by(request->locked_by());
      lock->set_locked_at_micros(store_->options().now_micros());
    }
    WriteContext write = MakeWriteContext(
        *context, "SetYearLock", *request,
        absl::StrCat(request->locked() ? "lock " : "unlock ", request->province_code(), " ",
                     request->fiscal_year(), request->locked() ? " approved by " : "", request->locked_by()));
    RETURN_IF_ERROR(store_->SetYearLock(write, request->province_code(), request->fiscal_year(), lock));
    ASSIGN_OR_RETURN(auto held, store_->FindYearLock(request->province_code(), request->fiscal_year()));
    *response = YearLockOf(request->province_code(), request->fiscal_year(), held);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* YearLockService::GetYearLock(grpc::CallbackServerContext* context,
                                                       const approval::v1::GetYearLockRequest* request,
                                                       approval::v1::YearLock* response) {
  return FinishUnary(context, "GetYearLock", *request, [&]() -> absl::Status {
    RETURN_IF_ERROR(CheckYear(request->province_code(), request->fiscal_year()));
    ASSIGN_OR_RETURN(auto held, store_->FindYearLock(request->province_code(), request->fiscal_year()));
    *response = YearLockOf(request->province_code(), request->fiscal_year(), held);
    return absl::OkStatus();
  });
}

}  // namespace lkip
