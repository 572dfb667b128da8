#include "common/numeric/decimal.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace lkip {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

mpz_class Pow10(int n) {
  mpz_class r;
  mpz_ui_pow_ui(r.get_mpz_t(), 10, static_cast<unsigned long>(n));
  return r;
}

absl::Status BadNumber(std::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("\"", std::string(text), "\" is not an exact decimal number"));
}

// Indonesian notation as a plain decimal: a '.' groups thousands when a ',' is the decimal
// separator or when there are several of them; otherwise the text is left as it is.
std::string Delocalized(std::string_view text) {
  std::string t(absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size())));
  const bool has_comma = t.find(',') != std::string::npos;
  size_t dots = 0;
  for (char c : t) dots += c == '.';
  if (!has_comma && dots <= 1) return t;
  std::string normalized;
  for (char c : t) {
    if (c == '.') continue;
    normalized.push_back(c == ',' ? '.' : c);
  }
  return normalized;
}

}  // namespace

absl::StatusOr<Decimal> Decimal::ParseStored(std::string_view text, std::string_view what) {
  auto d = Parse(text);
  if (!d.ok()) {
    return absl::DataLossError(absl::StrCat("corrupt ", std::string(what), ": stored \"",
                                            std::string(text.substr(0, 40)), "\" is not a decimal"));
  }
  return d;
}

absl::StatusOr<Decimal> Decimal::Parse(std::string_view text) {
  std::string_view s = text;
  if (s.empty() || s.size() > 200) return BadNumber(text);
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return BadNumber(text);
  if (auto slash = s.find('/'); slash != std::string_view::npos) {
    std::string_view num = s.substr(0, slash), den = s.substr(slash + 1);
    if (num.empty() || den.empty() || !AllDigits(num) || !AllDigits(den)) return BadNumber(text);
    mpz_class n(std::string(num), 10), d(std::string(den), 10);
    if (d == 0) return BadNumber(text);
    mpq_class q(n, d);
    q.canonicalize();
    return Decimal(negative ? mpq_class(-q) : q);
  }
  std::string_view int_part = s, frac_part;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    int_part = s.substr(0, dot);
    frac_part = s.substr(dot + 1);
    if (frac_part.empty()) return BadNumber(text);
  }
  if ((int_part.empty() && frac_part.empty()) || !AllDigits(int_part) || !AllDigits(frac_part)) {
    return BadNumber(text);
  }
  const std::string digits =
      absl::StrCat(int_part.empty() ? "0" : std::string(int_part), std::string(frac_part));
  mpq_class q(mpz_class(digits, 10), Pow10(static_cast<int>(frac_part.size())));
  q.canonicalize();
  return Decimal(negative ? mpq_class(-q) : q);
}

absl::StatusOr<std::string> Decimal::LocalizedToPlain(std::string_view text) {
  std::string plain = Delocalized(text);
  if (plain.find('/') != std::string::npos || !Parse(plain).ok()) return BadNumber(text);
  return plain;
}

absl::StatusOr<Decimal> Decimal::ParseLocalized(std::string_view text) {
  auto parsed = Parse(Delocalized(text));
  if (!parsed.ok()) return BadNumber(text);
  return parsed;
}

bool Decimal::IsTerminating() const {
  mpz_class d = q_.get_den();
  while (mpz_divisible_ui_p(d.get_mpz_t(), 2)) d /= 2;
  while (mpz_divisible_ui_p(d.get_mpz_t(), 5)) d /= 5;
  return d == 1;
}

double Decimal::ToDouble() const {
  // 20 places keep more than the 17 significant digits a double has for every value a report
  // holds; absl's parser rounds to nearest, whatever the locale.
  double value = 0;
  (void)absl::SimpleAtod(IsTerminating() ? ToExactString() : ToFixed(20), &value);
  return value;
}

std::string Decimal::ToExactString() const {
  if (!IsTerminating()) return q_.get_str();
  // Smallest number of places that represents the value exactly.
  int places = 0;
  mpz_class den = q_.get_den();
  while (Pow10(places) % den != 0) ++places;
  return ToFixed(places);
}

mpz_class Decimal::RoundedUnits(int places) const {
  mpq_class scaled = abs(q_) * mpq_class(Pow10(places));
  // floor(scaled + 1/2) rounds half up on the magnitude: half away from zero overall.
  mpq_class shifted = scaled + mpq_class(1, 2);
  mpz_class units;
  mpz_fdiv_q(units.get_mpz_t(), shifted.get_num_mpz_t(), shifted.get_den_mpz_t());
  return sgn(q_) < 0 ? mpz_class(-units) : units;
}

std::string Decimal::ToFixed(int places) const {
  mpz_class units = RoundedUnits(places);
  const bool negative = units < 0;
  std::string digits = mpz_class(abs(units)).get_str();
  if (places > 0) {
    if (digits.size() <= static_cast<size_t>(places)) {
      digits.insert(0, static_cast<size_t>(places) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(places), ".");
  }
  return negative ? "-" + digits : digits;
}

std::string IntegerIndonesian(int64_t v) {
  // The magnitude as unsigned, so INT64_MIN has one too.
  const uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return (v < 0 ? "-" : "") + GroupThousands(std::to_string(magnitude));
}

std::string GroupThousands(std::string_view digits, char separator) {
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(separator);
    out.push_back(digits[i]);
  }
  return out;
}

std::string Decimal::ToIndonesian(int places) const {
  std::string fixed = ToFixed(places);
  const bool negative = !fixed.empty() && fixed.front() == '-';
  if (negative) fixed.erase(0, 1);
  std::string int_part = fixed, frac;
  if (auto dot = fixed.find('.'); dot != std::string::npos) {
    int_part = fixed.substr(0, dot);
    frac = fixed.substr(dot + 1);
  }
  std::string out = GroupThousands(int_part);
  if (!frac.empty()) absl::StrAppend(&out, ",", frac);
  // "-0,00" after rounding a tiny negative reads wrong; zero has no sign.
  if (negative && RoundedUnits(places) != 0) out.insert(0, "-");
  return out;
}

}  // namespace lkip
