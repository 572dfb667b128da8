#include "common/validation/fields.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace lkip {

absl::Status InvalidField(absl::string_view path, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", problem));
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
  std::string out = " ";
  out.reserve(text.size() + 2);
  for (char c : text) {
    // ASCII only, whatever the process's locale: bytes of UTF-8 letters fold to separators.
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      out += absl::ascii_tolower(static_cast<unsigned char>(c));
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
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

}  // namespace lkip
