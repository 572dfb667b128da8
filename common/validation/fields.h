// Checks of the plain fields many requests carry (identifiers, dates), so every service
// accepts and refuses the same spellings.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace lkip {

// INVALID_ARGUMENT "<path>: <problem>", the shape of every refusal that names a request's field
// ("changes[2].date: \"2023-02-30\" is not a date (YYYY-MM-DD)").
absl::Status InvalidField(absl::string_view path, absl::string_view problem);

// `value` in double quotes, as refusals show what the caller sent.
std::string Quoted(absl::string_view value);

// Every read loads the records under one key prefix (a satker's kawasan, a kawasan's status
// changes, a satker's detainees) with a scan bounded at `limit`: past it, every later read of
// the province would fail. A write that would leave `would_hold` records there is refused:
// INVALID_ARGUMENT "`path`: `subject` would have N `noun`, more than the limit of L".
absl::Status CheckReadBound(absl::string_view path, absl::string_view subject, size_t would_hold,
                            absl::string_view noun, size_t limit);

// 1..max_size characters of [A-Za-z0-9_-], plus '.' when `allow_dot`: record ids chosen by
// clients (import ids, kawasan ids, pseudonymous client codes).
bool IsRecordId(std::string_view id, size_t max_size, bool allow_dot = true);

// What a bundle's writes are tagged with: its id (IsRecordId, at most 100), or "<id>@<n>" for its
// n-th attempt after a rollback.
bool IsBundleTag(std::string_view tag);

// A unit code: [A-Z0-9_], 2 to 64 characters ("BNNP_NTB", "BNNK_BIMA").
bool IsUnitCode(std::string_view code);

// IsRecordId as a request check: INVALID_ARGUMENT "`path`: \"id\" must be 1..max_size of
// [A-Za-z0-9._-]".
absl::Status CheckRecordId(absl::string_view path, std::string_view id, size_t max_size);

// 1..max_size characters of [A-Za-z0-9._/-]: the numbers of official documents and registers
// (BA numbers, detainee register numbers), which carry slashes.
bool IsDocumentNumber(std::string_view number, size_t max_size);

// 1..max_size characters without control characters: document titles and references that
// may carry spaces and punctuation (a DIPA number with its revision, a letter's number).
bool IsPrintableText(std::string_view text, size_t max_size);

// `text` folded for matching phrases written in different ways: ASCII letters lowercased,
// letters and digits kept, every other run of characters one space, with a space at each end
// (" pmk 214 pmk 02 2017 "), so a folded phrase found in a folded text starts and ends at word
// boundaries.
std::string FoldForSearch(std::string_view text);

// A calendar date written YYYY-MM-DD (2023-02-30 is not one).
bool IsIsoDate(std::string_view date);

// The year of a date that passed IsIsoDate.
int YearOfIsoDate(std::string_view date);

}  // namespace lkip
