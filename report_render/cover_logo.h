// The logo the cover shows (aggregator --logo): the office's emblem as the operator supplies it,
// PNG, JPEG or SVG. lkip ships none (an emblem is not ours to draw), and without one the cover
// shows none rather than an empty box.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace lkip::render {

struct CoverLogo {
  std::string file;  // its name among the rendered files, beside the charts: "grafik/logo.png"
  std::string mime;  // "image/png"
  std::string bytes;
};

inline constexpr size_t kMaxCoverLogoBytes = 2 << 20;

// The logo at `path`, its kind read from its bytes (not its name). FAILED_PRECONDITION naming
// the path and the flag when it cannot be read, is larger than kMaxCoverLogoBytes or is not a
// PNG, JPEG or SVG image.
absl::StatusOr<CoverLogo> ReadCoverLogo(const std::string& path);

// "data:image/png;base64,...": the logo inside lkip.html, which the PDF is made from.
std::string DataUri(const CoverLogo& logo);

}  // namespace lkip::render
