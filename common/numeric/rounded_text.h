// Rounding an exact figure's text for display without building a rational. The report rounds
// a few hundred exact figures (capaian "400/3", budget percentages "2166772921/21770226"); with
// GMP each cost a parse, a product, a division and their allocations, and together they were
// a fifth of the time the report's view took. Every report figure fits in 128-bit arithmetic;
// text that does not falls back to Decimal, so the result is always Decimal's.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace lkip {

// Decimal::Parse(exact)->ToFixed(places): "400/3", 2 -> "133.33"; half away from zero.
// `places` 0..9. INVALID_ARGUMENT for text Decimal::Parse refuses.
absl::StatusOr<std::string> RoundedFixed(std::string_view exact, int places);

// Decimal::Parse(exact)->ToIndonesian(places): "2166772921/21770226", 2 -> "99,53".
absl::StatusOr<std::string> RoundedIndonesian(std::string_view exact, int places);

// The exact value for display in Indonesian format: its own decimals when it has at most four,
// otherwise rounded to two ("2,88", "16.468.319.000", "133,33"); text that is not a number is
// returned as it is.
std::string DisplayIndonesian(const std::string& exact);

// The decimals written after the point of a plain decimal: "87.93" -> 2, "65.00" -> 2, "102" -> 0.
int WrittenPlaces(std::string_view plain);

// The decimals DisplayIndonesian shows `exact` with (its trailing zeros dropped): "53.50" -> 1,
// "2.88" -> 2, "1375/18" -> 2, "16468319000" -> 0; -1 for text that is not a number.
int DisplayPlaces(std::string_view exact);

// `exact` in Indonesian format with exactly `places` decimals, half away from zero ("53.5", 2 ->
// "53,50"); with `places` < 0 as DisplayIndonesian shows it; text that is not a number as it is.
std::string DisplayIndonesian(const std::string& exact, int places);

}  // namespace lkip
