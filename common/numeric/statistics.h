// Exact statistics over Decimal values.
#pragma once

#include <optional>
#include <vector>

#include "common/numeric/decimal.h"

namespace lkip {

// The arithmetic mean; nullopt for no values.
std::optional<Decimal> Mean(const std::vector<Decimal>& values);

}  // namespace lkip
