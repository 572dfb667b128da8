#include "common/validation/fields.h"

#include <algorithm>
#include <array>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace lkip {

absl::Status InvalidField(absl::string_view path, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
}

absl::Status CheckReadBound(absl::string_view path, absl::string_view subject, size_t would_hold,
                            absl::string_view noun, size_t limit) {
  if (would_hold <= limit) return absl::OkStatus();
  return InvalidField(path, absl::StrCat(subject, " would have ", would_hold, " ", noun,
                                         ", more than the limit of ", limit, "; nothing written"));
}

std::string Quoted(absl::string_view value) { return absl::StrCat("\"", value, "\""); }

bool IsRecordId(std::string_view id, size_t max_size, bool allow_dot) {
  if (id.empty() || id.size() > max_size) return false;
  return std::all_of(id.begin(), id.end(), [allow_dot](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
           (allow_dot && c == '.');
  });
}

bool IsDocumentNumber(std::string_view number, size_t max_size) {
  if (number.empty() || number.size() > max_size) return false;
  return std::all_of(number.begin(), number.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/';
  });
}

bool IsPrintableText(std::string_view text, size_t max_size) {
  if (text.empty() || text.size() > max_size) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::string FoldForSearch(std::string_view text) {
  // The verifier folds every text of a report on each request: one table lookup per byte into a
  // buffer sized once, rather than appending character by character.
  static constexpr auto kFold = [] {
    std::array<char, 256> t{};  // 0: not a letter or digit
    for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c - 'A' + 'a');
    return t;
  }();
  std::string out(text.size() + 2, ' ');
  size_t n = 1;  // out[0] is the leading space
  for (char c : text) {
    // ASCII only, whatever the process's locale: bytes of UTF-8 letters fold to separators.
    const char folded = kFold[static_cast<unsigned char>(c)];
    if (folded != 0) {
      out[n++] = folded;
    } else if (out[n - 1] != ' ') {
      out[n++] = ' ';
    }
  }
  if (out[n - 1] != ' ') out[n++] = ' ';
  out.resize(n);
  return out;
}

bool IsIsoDate(std::string_view date) {
  absl::CivilDay day;
  return absl::ParseCivilTime(std::string(date), &day) && absl::FormatCivilTime(day) == date;
}

int YearOfIsoDate(std::string_view date) {
  int year = 0;
  if (date.size() < 4 || !absl::SimpleAtoi(std::string(date.substr(0, 4)), &year)) return 0;
  return year;
}

absl::Status CheckRecordId(absl::string_view path, std::string_view id, size_t max_size) {
  if (IsRecordId(id, max_size)) return absl::OkStatus();
  return InvalidField(path,
                      absl::StrCat(Quoted(std::string(id)), " must be 1..", max_size, " of [A-Za-z0-9._-]"));
}

bool IsBundleTag(std::string_view tag) {
  const size_t at = tag.find('@');
  if (!IsRecordId(tag.substr(0, at), 100)) return false;
  if (at == std::string_view::npos) return true;
  const std::string_view n = tag.substr(at + 1);
  return !n.empty() && n.size() <= 9 && n.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsUnitCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return absl::ascii_isupper(static_cast<unsigned char>(c)) ||
           absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace lkip
