#include "common/units/unit_tree.h"

#include <algorithm>
#include <map>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip {
namespace {

constexpr size_t kMaxUnits = 10000;

common::v1::UnitLevel ParentLevel(common::v1::UnitLevel level) {
  switch (level) {
    case common::v1::UNIT_LEVEL_PROVINSI:
      return common::v1::UNIT_LEVEL_PUSAT;
    case common::v1::UNIT_LEVEL_KABUPATEN_KOTA:
      return common::v1::UNIT_LEVEL_PROVINSI;
    default:
      return common::v1::UNIT_LEVEL_UNSPECIFIED;
  }
}

}  // namespace

absl::Status ValidateUnitFields(const common::v1::Unit& unit, std::string_view path) {
  const std::string p(path);
  if (!IsUnitCode(unit.code())) {
    return absl::InvalidArgumentError(
        absl::StrCat(p, ".code: \"", unit.code(), "\" is not a unit code ([A-Z0-9_], 2 to 64)"));
  }
  if (!IsPrintableText(unit.name(), 200)) {
    return absl::InvalidArgumentError(absl::StrCat(
        p, ".name: ", Quoted(unit.name()), " must be 1 to 200 characters without control characters"));
  }
  if (!common::v1::UnitLevel_IsValid(unit.level()) || unit.level() == common::v1::UNIT_LEVEL_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(p, ".level: ", unit.level(), " is not a unit level"));
  }
  if (unit.level() == common::v1::UNIT_LEVEL_PUSAT && !unit.parent_code().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(p, ".parent_code: \"", unit.parent_code(), "\" given for BNN RI, which has no parent"));
  }
  if (unit.level() != common::v1::UNIT_LEVEL_PUSAT && unit.parent_code().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(p, ".parent_code: is required for unit ", unit.code()));
  }
  if (unit.report_order() < 0 || unit.report_order() > 10000) {
    return absl::InvalidArgumentError(
        absl::StrCat(p, ".report_order: ", unit.report_order(), " must be 0 (by code) to 10000"));
  }
  return absl::OkStatus();
}

absl::StatusOr<UnitTree> UnitTree::Build(std::vector<common::v1::Unit> units,
                                         const std::vector<std::string>& paths) {
  auto path_of = [&](size_t i) { return i < paths.size() ? paths[i] : absl::StrCat("units[", i, "]"); };
  UnitTree tree;
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < units.size(); ++i) {
    RETURN_IF_ERROR(ValidateUnitFields(units[i], path_of(i)));
    if (!position.emplace(units[i].code(), i).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_of(i), ".code: \"", units[i].code(), "\" appears twice"));
    }
  }
  for (size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    if (u.level() == common::v1::UNIT_LEVEL_PUSAT) continue;
    auto parent = position.find(u.parent_code());
    if (parent == position.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_of(i), ".parent_code: \"", u.parent_code(), "\" is not a known unit"));
    }
    if (units[parent->second].level() != ParentLevel(u.level())) {
      return absl::InvalidArgumentError(absl::StrCat(path_of(i), ".parent_code: \"", u.parent_code(),
                                                     "\" is not at the level above ",
                                                     common::v1::UnitLevel_Name(u.level())));
    }
  }
  std::sort(units.begin(), units.end(), [](const auto& a, const auto& b) { return a.code() < b.code(); });
  tree.units_ = std::move(units);
  for (size_t i = 0; i < tree.units_.size(); ++i) tree.index_[tree.units_[i].code()] = i;
  return tree;
}

const common::v1::Unit* UnitTree::Find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &units_[it->second];
}

absl::StatusOr<std::vector<const common::v1::Unit*>> UnitTree::ProvinceMembers(std::string_view code) const {
  const auto* province = Find(code);
  if (province == nullptr) {
    return absl::NotFoundError(absl::StrCat("province \"", std::string(code), "\" is not in the unit tree"));
  }
  if (province->level() != common::v1::UNIT_LEVEL_PROVINSI) {
    return absl::InvalidArgumentError(
        absl::StrCat("province_code: \"", std::string(code), "\" is not a BNNP"));
  }
  std::vector<const common::v1::Unit*> out{province};
  for (const auto& u : units_) {
    if (u.parent_code() == code && u.level() == common::v1::UNIT_LEVEL_KABUPATEN_KOTA) out.push_back(&u);
  }
  // The report order; units without one after those with one, by code (units_ is by code).
  std::stable_sort(out.begin() + 1, out.end(), [](const common::v1::Unit* a, const common::v1::Unit* b) {
    auto rank = [](const common::v1::Unit* u) {
      return u->report_order() == 0 ? INT32_MAX : u->report_order();
    };
    return rank(a) < rank(b);
  });
  return out;
}

std::string UnitTree::ProvinceOf(std::string_view code) const {
  const auto* u = Find(code);
  if (u == nullptr) return "";
  if (u->level() == common::v1::UNIT_LEVEL_PROVINSI) return u->code();
  if (u->level() == common::v1::UNIT_LEVEL_KABUPATEN_KOTA) return u->parent_code();
  return "";
}

namespace {

// The last tree built per open store, with the store's unit-commit count it was built at. One
// small entry per store opened in the process (a service opens one; tests, a few hundred).
struct CachedTree {
  uint64_t commits = 0;
  std::shared_ptr<const UnitTree> tree;
};
struct TreeCache {
  absl::Mutex mu;
  std::map<uint64_t, CachedTree> trees ABSL_GUARDED_BY(mu);
};
TreeCache& Cache() {
  static auto* cache = new TreeCache();
  return *cache;
}

absl::StatusOr<UnitTree> ReadUnitTree(const Store& store);

}  // namespace

absl::StatusOr<std::shared_ptr<const UnitTree>> LoadUnitTree(const Store& store) {
  // Every request reads the tree; it changes only when units are put. Read the commit count
  // before loading, so a tree cached with a count is never older than that count. The tree is
  // shared, never copied: a copy per request was a fifth of GetCapaian's time in malloc.
  //
  // A bundle's prepare request reads the units its earlier prepare requests would have put, which
  // are no commit: it reads the tree afresh and leaves the cache alone.
  if (!PreparingBundle().empty()) {
    ASSIGN_OR_RETURN(UnitTree tree, ReadUnitTree(store));
    return std::make_shared<const UnitTree>(std::move(tree));
  }
  const uint64_t commits = store.CommitsTouching(kTagUnit);
  TreeCache& cache = Cache();
  {
    absl::MutexLock lock(&cache.mu);
    auto it = cache.trees.find(store.id());
    if (it != cache.trees.end() && it->second.commits == commits) return it->second.tree;
  }
  ASSIGN_OR_RETURN(UnitTree tree, ReadUnitTree(store));
  auto shared = std::make_shared<const UnitTree>(std::move(tree));
  absl::MutexLock lock(&cache.mu);
  cache.trees[store.id()] = CachedTree{commits, shared};
  return shared;
}

namespace {

absl::StatusOr<UnitTree> ReadUnitTree(const Store& store) {
  ASSIGN_OR_RETURN(auto rows, store.Scan(std::string(1, static_cast<char>(kTagUnit)), kMaxUnits));
  std::vector<common::v1::Unit> units;
  for (const auto& kv : rows) {
    KeyReader reader(kv.key);
    ASSIGN_OR_RETURN(auto tag, reader.ReadTag());
    (void)tag;
    ASSIGN_OR_RETURN(std::string code, reader.ReadString());
    storage::v1::UnitRecord record;
    if (!record.ParseFromString(kv.value)) {
      return absl::DataLossError(absl::StrCat("corrupt unit record ", code));
    }
    common::v1::Unit& u = units.emplace_back();
    u.set_code(code);
    u.set_name(record.name());
    u.set_level(record.level());
    u.set_parent_code(record.parent_code());
    u.set_report_order(record.report_order());
  }
  // What PutUnits stored passed these checks: a stored tree that fails them was damaged on disk,
  // and a reader is told so (DATA_LOSS), not that its request was bad.
  auto tree = UnitTree::Build(std::move(units));
  if (!tree.ok() && tree.status().code() == absl::StatusCode::kInvalidArgument) {
    return absl::DataLossError(absl::StrCat("stored unit tree is not valid: ", tree.status().message()));
  }
  return tree;
}

}  // namespace

absl::StatusOr<unit::v1::PutUnitsResponse> PutUnits(Store& store, const WriteContext& context,
                                                    const unit::v1::PutUnitsRequest& request,
                                                    std::string_view caller_province) {
  if (request.units_size() == 0) return absl::InvalidArgumentError("units: is empty");
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> current, LoadUnitTree(store));
  // The tree after the change must be valid as a whole.
  std::map<std::string, common::v1::Unit> merged;
  for (const auto& u : current->units()) merged[u.code()] = u;
  std::vector<std::string> paths;
  std::map<std::string, std::string> path_of_code;
  for (int i = 0; i < request.units_size(); ++i) {
    const std::string path = absl::StrCat("units[", i, "]");
    RETURN_IF_ERROR(ValidateUnitFields(request.units(i), path));
    if (!path_of_code.emplace(request.units(i).code(), path).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".code: \"", request.units(i).code(), "\" appears twice"));
    }
    merged[request.units(i).code()] = request.units(i);
  }
  // Every read loads the whole tree with a bounded scan: a tree past the bound would make every
  // later read fail, so it is refused here.
  if (merged.size() > kMaxUnits) {
    return absl::InvalidArgumentError(absl::StrCat("units: the unit tree would hold ", merged.size(),
                                                   " units, more than the limit of ", kMaxUnits));
  }
  std::vector<common::v1::Unit> all;
  for (auto& [code, u] : merged) {
    paths.push_back(path_of_code.count(code) ? path_of_code[code] : absl::StrCat("stored unit ", code));
    all.push_back(u);
  }
  ASSIGN_OR_RETURN(UnitTree after, UnitTree::Build(all, paths));
  for (int i = 0; i < request.units_size(); ++i) {
    const std::string& code = request.units(i).code();
    if (current->Find(code) == nullptr) continue;
    const std::string owner = current->ProvinceOf(code);
    const std::string moved_to = after.ProvinceOf(code);
    if (owner != moved_to) {
      return absl::FailedPreconditionError(
          absl::StrCat("units[", i, "]: ", code, " belongs to ", owner.empty() ? "no province" : owner,
                       "; this request puts it under ", moved_to.empty() ? "no province" : moved_to,
                       ". A unit never moves between provinces; a code that two provinces use must be "
                       "renamed in one of them"));
    }
  }

  unit::v1::PutUnitsResponse response;
  Mutation mutation;
  for (const auto& u : request.units()) {
    storage::v1::UnitRecord record;
    record.set_name(u.name());
    record.set_level(u.level());
    record.set_parent_code(u.parent_code());
    record.set_report_order(u.report_order());
    const auto* existing = current->Find(u.code());
    if (existing != nullptr && existing->name() == u.name() && existing->level() == u.level() &&
        existing->parent_code() == u.parent_code() && existing->report_order() == u.report_order()) {
      response.set_unchanged(response.unchanged() + 1);
      continue;
    }
    if (existing != nullptr && !caller_province.empty()) {
      const std::string owner = current->ProvinceOf(u.code());
      if (!owner.empty() && owner != caller_province) {
        return absl::PermissionDeniedError(absl::StrCat(u.code(), " belongs to ", owner, "; a token of ",
                                                        std::string(caller_province),
                                                        " may not change it (nothing written)"));
      }
    }
    mutation.Put(UnitKey(u.code()), record.SerializeAsString());
    response.set_written(response.written() + 1);
  }
  WriteContext ctx = context;
  ctx.summary = absl::StrCat("put ", response.written(), " units");
  RETURN_IF_ERROR(store.Commit(ctx, std::move(mutation)));
  return response;
}

absl::Status CheckSatkerCode(const UnitTree& units, std::string_view path, std::string_view code) {
  const auto* unit = units.Find(code);
  if (unit == nullptr) {
    return absl::NotFoundError(
        absl::StrCat(std::string(path), ": \"", std::string(code), "\" is not in the unit tree"));
  }
  if (unit->level() == common::v1::UNIT_LEVEL_PUSAT) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(path), ": \"", std::string(code), "\" is BNN RI, not a BNNP or BNNK"));
  }
  return absl::OkStatus();
}

}  // namespace lkip
