// Whole-file reads and writes: lkipctl's inputs (bundles, texts) and outputs, the templates.
#pragma once

#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lkip {

// NOT_FOUND naming the path when it cannot be opened.
absl::StatusOr<std::string> ReadText(const std::filesystem::path& path);
// Replaces the file; UNAVAILABLE naming the path when it cannot be written.
absl::Status WriteText(const std::filesystem::path& path, const std::string& text);

}  // namespace lkip
