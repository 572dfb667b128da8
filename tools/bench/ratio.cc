#include "tools/bench/ratio.h"

#include <chrono>

namespace lkip::bench {

void Ratio(benchmark::State& state, absl::FunctionRef<bool()> base, absl::FunctionRef<bool()> measured) {
  using Clock = std::chrono::steady_clock;
  double base_s = 0, measured_s = 0;
  bool base_first = true;
  for (auto _ : state) {
    std::chrono::duration<double> b{}, m{};
    for (int half = 0; half < 2; ++half) {
      const bool is_base = (half == 0) == base_first;
      const auto start = Clock::now();
      if (!(is_base ? base() : measured())) state.SkipWithError("call failed");
      (is_base ? b : m) = Clock::now() - start;
    }
    base_first = !base_first;
    base_s += b.count();
    measured_s += m.count();
    state.SetIterationTime(m.count());
  }
  const double runs = static_cast<double>(state.iterations());
  state.counters["base_ms"] = 1000 * base_s / runs;
  state.counters["measured_ms"] = 1000 * measured_s / runs;
  state.counters["ratio"] = base_s > 0 ? measured_s / base_s : 0;
}

}  // namespace lkip::bench
