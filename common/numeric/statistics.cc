#include "common/numeric/statistics.h"

namespace lkip {

std::optional<Decimal> Mean(const std::vector<Decimal>& values) {
  if (values.empty()) return std::nullopt;
  Decimal sum;
  for (const auto& v : values) sum = sum + v;
  return sum / Decimal(static_cast<long>(values.size()));
}

}  // namespace lkip
