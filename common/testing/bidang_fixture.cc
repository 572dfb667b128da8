#include "common/testing/bidang_fixture.h"

#include <gtest/gtest.h>

#include "common/bidang/satker_values.h"
#include "lkip/storage/v1/records.pb.h"

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

std::map<std::string, std::string> DataState(const Store& store, std::initializer_list<uint8_t> tags) {
  std::map<std::string, std::string> out;
  for (uint8_t tag : tags) {
    auto rows = store.Scan(std::string(1, static_cast<char>(tag)), 1000000);
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) continue;
    for (auto& kv : *rows) {
      if (tag == kTagComputedValue) {
        storage::v1::SatkerValueRecord record;
        EXPECT_TRUE(record.ParseFromString(kv.value));
        kv.value = record.value();
      }
      out[kv.key] = std::move(kv.value);
    }
  }
  return out;
}

}  // namespace lkip::testing
