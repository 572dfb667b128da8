// A baseline and a measured call back to back in every iteration, alternating which goes first,
// so a drift of the machine's speed (a third within minutes here) slows both alike.
#pragma once

#include <benchmark/benchmark.h>

#include "absl/functional/function_ref.h"

namespace lkip::bench {

// Each call returns false on failure (the benchmark is then skipped with an error). The
// iteration time is the measured call's (use UseManualTime()); counters: base_ms, measured_ms
// (means per iteration) and ratio = measured / base.
void Ratio(benchmark::State& state, absl::FunctionRef<bool()> base, absl::FunctionRef<bool()> measured);

}  // namespace lkip::bench
