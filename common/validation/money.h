// The bound on rupiah one write may carry, shared by every service that takes amounts (a DIPA or
// realisasi request at keuangan, a Perjanjian Kinerja's kegiatan budgets at the aggregator).
#pragma once

#include <cstdint>

namespace lkip {

// The most rupiah one request may carry, each line and all its lines together: Rp10 triliun,
// several times BNN's whole annual budget (a satker's DIPA is tens of miliar). It keeps every sum
// a service makes within int64: 12 months of a province's realisasi over 10.000 satker stay below
// 1,2e18 (int64 ends at 9,2e18). Sums across provinces (the national roll-up) need wider
// arithmetic.
inline constexpr int64_t kMaxRequestRupiah = 10'000'000'000'000;

}  // namespace lkip
