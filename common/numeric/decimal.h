// Exact numbers for reported values. A Decimal is an exact rational (GMP's mpq_class), so
// every computation (capaian, means, sums) keeps full precision and rounding happens only for
// display (domain-rules §2). Text forms:
//   - input: "12", "-3.5", ".5" with '.' as the separator (Parse); Indonesian "3,81" only via
//     ParseLocalized, for human-typed files;
//   - exact output: a terminating decimal ("2.88"), or "p/q" when there is none ("400/3").
#pragma once

#include <gmpxx.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace lkip {

class Decimal {
 public:
  Decimal() = default;
  explicit Decimal(long v) : q_(v) {}
  explicit Decimal(mpq_class q) : q_(std::move(q)) { q_.canonicalize(); }

  // Parses an exact decimal ("12.50", "-7", "0.125") or fraction ("400/3").
  static absl::StatusOr<Decimal> Parse(std::string_view text);
  // A decimal read back from storage, which was validated when written: DATA_LOSS naming `what`
  // (the record) when it is not one, so a corrupt record fails its request instead of the process.
  static absl::StatusOr<Decimal> ParseStored(std::string_view text, std::string_view what);
  // Also accepts Indonesian notation: "3,81", "16.468.319.000", "1.234,5".
  static absl::StatusOr<Decimal> ParseLocalized(std::string_view text);
  // What ParseLocalized reads, as a plain decimal with the decimals written kept: "65,00" ->
  // "65.00", "16.468.319.000" -> "16468319000"; without formatting a number.
  static absl::StatusOr<std::string> LocalizedToPlain(std::string_view text);

  // Exact text: terminating decimal when one exists, else "p/q".
  std::string ToExactString() const;
  // True when ToExactString() is a plain decimal.
  bool IsTerminating() const;
  // Rounded half away from zero to `places` decimals, '.' separator ("133.33").
  std::string ToFixed(int places) const;
  // Rounded half away from zero, Indonesian format: "16.468.319.000", "99,44".
  std::string ToIndonesian(int places) const;
  // The nearest double (correctly rounded from the exact value's decimal text; GMP's get_d
  // truncates, which wrote 94,12 into a workbook as 94.11999999999999), for charts and numeric
  // cells (never for arithmetic).
  double ToDouble() const;

  bool IsInteger() const { return q_.get_den() == 1; }
  int Sign() const { return sgn(q_); }
  const mpq_class& rational() const { return q_; }

  friend Decimal operator+(const Decimal& a, const Decimal& b) { return Decimal(mpq_class(a.q_ + b.q_)); }
  friend Decimal operator-(const Decimal& a, const Decimal& b) { return Decimal(mpq_class(a.q_ - b.q_)); }
  friend Decimal operator*(const Decimal& a, const Decimal& b) { return Decimal(mpq_class(a.q_ * b.q_)); }
  // b must not be zero; callers check.
  friend Decimal operator/(const Decimal& a, const Decimal& b) { return Decimal(mpq_class(a.q_ / b.q_)); }
  friend bool operator==(const Decimal& a, const Decimal& b) { return a.q_ == b.q_; }
  friend bool operator<(const Decimal& a, const Decimal& b) { return a.q_ < b.q_; }
  friend bool operator<=(const Decimal& a, const Decimal& b) { return a.q_ <= b.q_; }
  friend bool operator>(const Decimal& a, const Decimal& b) { return a.q_ > b.q_; }
  friend bool operator>=(const Decimal& a, const Decimal& b) { return a.q_ >= b.q_; }

 private:
  // Rounds to an integer number of 10^-places units, half away from zero.
  mpz_class RoundedUnits(int places) const;

  mpq_class q_{0};
};

// Groups an unsigned digit string with '.' every three digits: "16468319000" -> "16.468.319.000".
std::string GroupThousands(std::string_view digits, char separator = '.');

// A whole number (rupiah) in Indonesian format, "-1.234.567": Decimal(v).ToIndonesian(0)
// without building a rational (the report prints hundreds of amounts).
std::string IntegerIndonesian(int64_t v);

}  // namespace lkip
