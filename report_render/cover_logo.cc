#include "report_render/cover_logo.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"

namespace lkip::render {
namespace {

absl::Status Refused(const std::string& path, absl::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat("the cover's logo ", path, " (aggregator --logo) ", why));
}

}  // namespace

absl::StatusOr<CoverLogo> ReadCoverLogo(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadText(path);
  if (!bytes.ok()) return Refused(path, absl::StrCat("cannot be read: ", bytes.status().message()));
  if (bytes->size() > kMaxCoverLogoBytes)
    return Refused(path, absl::StrCat("has ", bytes->size(), " bytes, more than ", kMaxCoverLogoBytes));
  CoverLogo logo;
  const absl::string_view head = absl::string_view(*bytes).substr(0, 1024);
  if (absl::StartsWith(head, "\x89PNG\r\n\x1a\n")) {
    logo = {"grafik/logo.png", "image/png", ""};
  } else if (absl::StartsWith(head, "\xff\xd8\xff")) {
    logo = {"grafik/logo.jpg", "image/jpeg", ""};
  } else if (absl::StrContains(head, "<svg")) {
    logo = {"grafik/logo.svg", "image/svg+xml", ""};
  } else {
    return Refused(path, "is not a PNG, JPEG or SVG image");
  }
  logo.bytes = *std::move(bytes);
  return logo;
}

std::string DataUri(const CoverLogo& logo) {
  return absl::StrCat("data:", logo.mime, ";base64,", absl::Base64Escape(logo.bytes));
}

}  // namespace lkip::render
