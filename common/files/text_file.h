// Whole-file reads and writes: lkipctl's inputs (bundles, texts) and outputs, the templates.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace lkip {

// NOT_FOUND naming the path when it cannot be opened.
absl::StatusOr<std::string> ReadText(const std::filesystem::path& path);
// Replaces the file whole: the text goes to a temporary file beside it, which is then renamed over
// it, so a reader (or a crash) sees the old file or the new one, never a part. UNAVAILABLE naming
// the path when it cannot be written; the old file is then left as it was.
absl::Status WriteText(const std::filesystem::path& path, const std::string& text);

// Replaces several files: every text is written to its temporary file first and only then are
// they renamed into place, so a failure while writing (a full disk) leaves every old file as it
// was.
absl::Status WriteTexts(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

}  // namespace lkip
