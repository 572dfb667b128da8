#include "common/numeric/rounded_text.h"

#include <algorithm>
#include <optional>

#include "common/numeric/decimal.h"

namespace lkip {
namespace {

__extension__ typedef unsigned __int128 u128;  // GCC's; __extension__ keeps -Wpedantic quiet

// Digits ("0".."9", at most 18 of them, so the value is below 10^18) as a number.
std::optional<u128> SmallNatural(std::string_view digits) {
  if (digits.size() > 18) return std::nullopt;
  u128 v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v;
}

std::string Digits(u128 v) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return out;
}

struct Rounded {
  bool negative = false;  // and not zero after rounding
  std::string int_part;   // "1234"
  std::string frac_part;  // `places` digits
};

// The text as n/d with n < 10^18 and d <= 10^18, rounded to `places` (<= 9); nullopt when the
// text is not of that simple form (Decimal decides then: an error, or a larger number).
std::optional<Rounded> Round(std::string_view s, int places) {
  if (places < 0 || places > 9 || s.empty()) return std::nullopt;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::optional<u128> n, d;
  if (const size_t slash = s.find('/'); slash != std::string_view::npos) {
    if (slash == 0 || slash + 1 == s.size()) return std::nullopt;
    n = SmallNatural(s.substr(0, slash));
    d = SmallNatural(s.substr(slash + 1));
    if (!n || !d || *d == 0) return std::nullopt;
  } else {
    std::string_view whole = s, frac;
    if (const size_t dot = s.find('.'); dot != std::string_view::npos) {
      whole = s.substr(0, dot);
      frac = s.substr(dot + 1);
      if (frac.empty()) return std::nullopt;
    }
    if (whole.empty() && frac.empty()) return std::nullopt;
    if (whole.size() + frac.size() > 18) return std::nullopt;
    auto w = SmallNatural(whole);
    auto f = SmallNatural(frac);
    if (!w || !f) return std::nullopt;
    u128 scale = 1;
    for (size_t i = 0; i < frac.size(); ++i) scale *= 10;
    n = *w * scale + *f;
    d = scale;
  }
  u128 pow = 1;
  for (int i = 0; i < places; ++i) pow *= 10;
  // floor(n * 10^places / d + 1/2): below 2 * 10^27 / 1 + 1, well inside 128 bits.
  const u128 units = (2 * *n * pow + *d) / (2 * *d);
  std::string digits = Digits(units);
  if (digits.size() <= static_cast<size_t>(places))
    digits.insert(0, static_cast<size_t>(places) + 1 - digits.size(), '0');
  Rounded r;
  r.negative = negative && units != 0;
  r.int_part = digits.substr(0, digits.size() - static_cast<size_t>(places));
  r.frac_part = digits.substr(digits.size() - static_cast<size_t>(places));
  return r;
}

}  // namespace

absl::StatusOr<std::string> RoundedFixed(std::string_view exact, int places) {
  if (auto r = Round(exact, places)) {
    return (r->negative ? "-" : "") + r->int_part + (places > 0 ? "." + r->frac_part : "");
  }
  auto d = Decimal::Parse(exact);
  if (!d.ok()) return d.status();
  return d->ToFixed(places);
}

absl::StatusOr<std::string> RoundedIndonesian(std::string_view exact, int places) {
  if (auto r = Round(exact, places)) {
    return (r->negative ? "-" : "") + GroupThousands(r->int_part) + (places > 0 ? "," + r->frac_part : "");
  }
  auto d = Decimal::Parse(exact);
  if (!d.ok()) return d.status();
  return d->ToIndonesian(places);
}

std::string DisplayIndonesian(const std::string& exact) {
  // Fast path for a plain decimal with at most four decimals ("54.36", "16468319000", "-2.5"):
  // regrouped as text, the same result as below without building a rational (the report
  // formats thousands of these and the parse dominated building its view).
  {
    std::string_view s = exact;
    const bool negative = !s.empty() && s[0] == '-';
    if (negative) s.remove_prefix(1);
    const size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    auto digits = [](std::string_view t) {
      return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!s.empty() && s != "." && digits(whole) && digits(frac) && frac.size() <= 4 &&
        (dot == std::string_view::npos || !frac.empty())) {
      while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
      while (whole.size() > 1 && whole[0] == '0') whole.remove_prefix(1);
      const bool zero = (whole.empty() || whole == "0") && frac.empty();
      std::string out = negative && !zero ? "-" : "";
      out += GroupThousands(whole.empty() ? "0" : whole);
      if (!frac.empty()) out.append(",").append(frac);
      return out;
    }
  }
  auto d = Decimal::Parse(exact);
  if (!d.ok()) return exact;
  if (d->IsTerminating()) {
    const int places = WrittenPlaces(d->ToExactString());
    if (places <= 4) return d->ToIndonesian(places);
  }
  return d->ToIndonesian(2);
}

int WrittenPlaces(std::string_view plain) {
  const size_t dot = plain.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(plain.size() - dot - 1);
}

int DisplayPlaces(std::string_view exact) {
  // A plain decimal is read as text, as DisplayIndonesian's fast path does (no rational built).
  std::string_view s = exact;
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  auto digits = [](std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!whole.empty() && digits(whole) && digits(frac) && (dot == std::string_view::npos || !frac.empty())) {
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    return frac.size() <= 4 ? static_cast<int>(frac.size()) : 2;
  }
  if (!Decimal::Parse(exact).ok()) return -1;
  const std::string shown = DisplayIndonesian(std::string(exact));
  const size_t comma = shown.find(',');
  return comma == std::string::npos ? 0 : static_cast<int>(shown.size() - comma - 1);
}

std::string DisplayIndonesian(const std::string& exact, int places) {
  if (places < 0) return DisplayIndonesian(exact);
  return RoundedIndonesian(exact, places).value_or(exact);
}

}  // namespace lkip
