// Store::SetYearLock and the checks every commit makes of what it touches: the year locks
// (docs/security.md, "Approval and the year lock") and the province of each satker (its
// "Scope").
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/store.h"

namespace lkip {
namespace {

// Provinces per fiscal year: 38.
constexpr size_t kMaxLocksPerYear = 1000;

std::string YearPrefix(int32_t fiscal_year) { return KeyBuilder(kTagYearLock).AddInt32(fiscal_year).Build(); }

std::string LockKey(std::string_view province, int32_t fiscal_year) {
  return KeyBuilder(kTagYearLock).AddInt32(fiscal_year).AddString(province).Build();
}

std::string Refusal(const storage::v1::YearLockRecord& lock) {
  return absl::StrCat("fiscal year ", lock.fiscal_year(), " of ", lock.province_code(),
                      " is locked: its report was approved (ditetapkan) by ", lock.locked_by(), " at ",
                      absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", absl::FromUnixMicros(lock.locked_at_micros()),
                                       absl::UTCTimeZone()),
                      "; nothing of that year can be written until the Kepala or an admin reopens it "
                      "(lkipctl approval reopen)");
}

// The province a unit belongs to by the unit tree stored here: itself for a BNNP, its parent
// for a BNNK; nullopt for a unit not stored here (or BNN RI).
absl::StatusOr<std::optional<std::string>> ProvinceOfUnit(const Store& store, const std::string& code) {
  ASSIGN_OR_RETURN(std::optional<std::string> unit, store.Find(UnitKey(code)));
  storage::v1::UnitRecord record;
  if (!unit.has_value() || !record.ParseFromString(*unit)) return std::nullopt;
  if (record.level() == common::v1::UNIT_LEVEL_PROVINSI) return code;
  if (record.level() == common::v1::UNIT_LEVEL_KABUPATEN_KOTA) return record.parent_code();
  return std::nullopt;
}

}  // namespace

std::string UnitKey(std::string_view code) { return KeyBuilder(kTagUnit).AddString(code).Build(); }

absl::Status Store::CountYearLocks() {
  ASSIGN_OR_RETURN(std::vector<KeyValue> locks,
                   Scan(std::string(1, static_cast<char>(kTagYearLock)), 101 * kMaxLocksPerYear));
  year_locks_.store(static_cast<int64_t>(locks.size()), std::memory_order_release);
  return absl::OkStatus();
}

absl::Status Store::CheckYearLocks(const WriteContext::Touches& touches) const {
  if (year_locks_.load(std::memory_order_acquire) == 0) return absl::OkStatus();
  for (int32_t year : touches.fiscal_years) {
    ASSIGN_OR_RETURN(std::vector<KeyValue> locks, Scan(YearPrefix(year), kMaxLocksPerYear));
    if (locks.empty()) continue;
    // Only now, with a lock of that year here: the provinces the write touches.
    std::set<std::string> provinces = touches.provinces;
    for (const std::string& satker : touches.satker) {
      ASSIGN_OR_RETURN(std::optional<std::string> province, ProvinceOfUnit(*this, satker));
      if (province.has_value()) provinces.insert(*std::move(province));
    }
    for (const KeyValue& kv : locks) {
      storage::v1::YearLockRecord lock;
      if (!lock.ParseFromString(kv.value)) return absl::DataLossError("a year lock record does not parse");
      if (provinces.empty() || provinces.count(lock.province_code()) > 0) {
        return absl::FailedPreconditionError(Refusal(lock));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Store::CheckSatkerProvinces(const WriteContext::Touches& touches) const {
  if (touches.caller_province.empty()) return absl::OkStatus();
  for (const std::string& satker : touches.satker) {
    ASSIGN_OR_RETURN(std::optional<std::string> province, ProvinceOfUnit(*this, satker));
    if (province.has_value() && *province != touches.caller_province) {
      return absl::PermissionDeniedError(absl::StrCat("satker ", satker, " belongs to ", *province,
                                                      "; a token of ", touches.caller_province,
                                                      " may not write its data"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<storage::v1::YearLockRecord>> Store::FindYearLock(std::string_view province,
                                                                               int32_t fiscal_year) const {
  ASSIGN_OR_RETURN(std::optional<std::string> value, Find(LockKey(province, fiscal_year)));
  if (!value.has_value()) return std::nullopt;
  storage::v1::YearLockRecord lock;
  if (!lock.ParseFromString(*value)) return absl::DataLossError("a year lock record does not parse");
  return lock;
}

absl::Status Store::SetYearLock(const WriteContext& context, std::string_view province, int32_t fiscal_year,
                                std::optional<storage::v1::YearLockRecord> lock, Mutation also) {
  if (province.empty()) return absl::InvalidArgumentError("province_code: is required");
  if (context.prepare) return absl::InternalError("a year lock is never part of a bundle");
  absl::WriterMutexLock gate(&commit_gate_);
  ASSIGN_OR_RETURN(std::optional<storage::v1::YearLockRecord> held, FindYearLock(province, fiscal_year));
  if (held.has_value() != lock.has_value()) {
    const std::string key = LockKey(province, fiscal_year);
    if (lock.has_value()) {
      lock->set_province_code(std::string(province));
      lock->set_fiscal_year(fiscal_year);
      also.Put(key, SerializeDeterministic(*lock));
    } else {
      also.Delete(key);
    }
  }
  // The lock's own commit touches no year: it is checked by nothing but itself.
  WriteContext write = context;
  write.touches = {};
  RETURN_IF_ERROR(CommitLocked(write, std::move(also)));
  if (held.has_value() != lock.has_value())
    year_locks_.fetch_add(lock.has_value() ? 1 : -1, std::memory_order_release);
  return absl::OkStatus();
}

}  // namespace lkip
