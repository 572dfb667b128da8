// The unit tree BNN RI -> BNNP -> BNNK as each service stores it, with its validation.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/storage/store.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/unit/v1/unit.pb.h"

namespace lkip {

// Checks one unit's own fields; `path` prefixes the field in the message ("units[2]").
absl::Status ValidateUnitFields(const common::v1::Unit& unit, std::string_view path);

class UnitTree {
 public:
  // Checks the whole tree: unique codes, every parent known, a BNNP under BNN RI, a BNNK under
  // a BNNP. `paths` (parallel to units, optional) names each unit in error messages.
  static absl::StatusOr<UnitTree> Build(std::vector<common::v1::Unit> units,
                                        const std::vector<std::string>& paths = {});

  const common::v1::Unit* Find(std::string_view code) const;
  // The province unit followed by its BNNK in report order (Unit.report_order, then code).
  // NOT_FOUND for an unknown code, INVALID_ARGUMENT when the code is not a province.
  absl::StatusOr<std::vector<const common::v1::Unit*>> ProvinceMembers(std::string_view code) const;
  // The province a unit belongs to (itself for a BNNP); empty for BNN RI.
  std::string ProvinceOf(std::string_view code) const;
  const std::vector<common::v1::Unit>& units() const { return units_; }

 private:
  std::vector<common::v1::Unit> units_;  // ordered by code
  std::map<std::string, size_t, std::less<>> index_;
};

// A BNNP or BNNK of the tree, as the satker of a record: NOT_FOUND for an unknown code,
// INVALID_ARGUMENT for BNN RI; `path` names the field in the message.
absl::Status CheckSatkerCode(const UnitTree& units, std::string_view path, std::string_view code);

// Storage of the tree in a service's store (keyspace kTagUnit).
// The tree is cached per open store until units are put again, and shared: hold the pointer for
// as long as the tree is used.
absl::StatusOr<std::shared_ptr<const UnitTree>> LoadUnitTree(const Store& store);
//
// A unit never moves to another province: a request that would put a stored BNNK under another
// BNNP (a code that collides across provinces) is refused with FAILED_PRECONDITION naming both.
// `caller_province` (the caller's token; empty for a service): a unit it changes that belongs to
// another province is refused with PERMISSION_DENIED. Either refusal writes nothing.
absl::StatusOr<unit::v1::PutUnitsResponse> PutUnits(Store& store, const WriteContext& context,
                                                    const unit::v1::PutUnitsRequest& request,
                                                    std::string_view caller_province = "");

}  // namespace lkip
