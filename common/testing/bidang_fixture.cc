#include "common/testing/bidang_fixture.h"

namespace lkip::testing {

common::v1::Unit MakeUnit(const char* code, common::v1::UnitLevel level, const char* parent) {
  common::v1::Unit u;
  u.set_code(code);
  u.set_name(std::string("Unit ") + code);
  u.set_level(level);
  u.set_parent_code(parent);
  return u;
}

unit::v1::PutUnitsRequest TwoProvinces() {
  unit::v1::PutUnitsRequest req;
  for (auto u : {MakeUnit("BNN_RI", common::v1::UNIT_LEVEL_PUSAT, ""),
                 MakeUnit("BNNP_NTB", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI"),
                 MakeUnit("BNNK_MATARAM", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB"),
                 MakeUnit("BNNK_BIMA", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_NTB"),
                 MakeUnit("BNNP_BALI", common::v1::UNIT_LEVEL_PROVINSI, "BNN_RI"),
                 MakeUnit("BNNK_BADUNG", common::v1::UNIT_LEVEL_KABUPATEN_KOTA, "BNNP_BALI")}) {
    *req.add_units() = u;
  }
  return req;
}

RuleBook ShippedRules() { return std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules")); }

}  // namespace lkip::testing
