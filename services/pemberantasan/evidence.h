// Evidence security (domain-rules §7.3): a BA pengeluaran matches its BA penitipan when, for
// every item type and unit, what was deposited less what lawful shrinkage BAs took equals what
// was released. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include "common/numeric/decimal.h"

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

}  // namespace lkip::pemberantasan
