// Evidence security (domain-rules §7.3): a BA pengeluaran matches its BA penitipan when, for
// every item type and unit, what was deposited less what lawful shrinkage BAs took equals what
// was released. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "lkip/common/v1/common.pb.h"
#include "lkip/pemberantasan/v1/pemberantasan.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::pemberantasan {

struct Item {
  std::string type;
  Decimal quantity;
  std::string unit;
};

struct ItemDifference {
  std::string type, unit;
  Decimal deposited, shrunk, released;
};

// The differences between what should be released (deposited - shrunk) and what was; empty:
// a_i = 1. Types and units compare case-insensitively, trimmed.
std::vector<ItemDifference> CompareRelease(const std::vector<Item>& deposited,
                                           const std::vector<std::vector<Item>>& shrinkage,
                                           const std::vector<Item>& released);

// A berita acara as the store takes it: checked, its quantities in their exact form.
struct BeritaAcaraInput {
  v1::BeritaAcaraKind kind = v1::BERITA_ACARA_KIND_UNSPECIFIED;
  std::string satker_code;
  std::string penitipan_ref;  // the chain it belongs to: its own number for a BA penitipan
  storage::v1::BeritaAcaraRecord record;
};

// INVALID_ARGUMENT for the berita acara's field at `path` ("items[2].quantity").
absl::Status InvalidBeritaAcara(const std::string& path, const std::string& problem);

// INVALID_ARGUMENT naming the field ("berita_acara.items[2].quantity") and its value for a BA
// that cannot be recorded whatever the store holds: unknown kind, a bad number, date, type or
// unit, no items, a penyusutan without its reason.
absl::StatusOr<BeritaAcaraInput> CheckBeritaAcara(const v1::BeritaAcara& ba);

// The finding for one item type and unit that a release does not match.
common::v1::Finding DifferenceFinding(const std::string& penitipan_ref, const std::string& pengeluaran_ref,
                                      const ItemDifference& d);

}  // namespace lkip::pemberantasan
