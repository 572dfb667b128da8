#include "common/files/text_file.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace lkip {

absl::StatusOr<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

// Beside the file, so the rename stays within one file system; hidden, and named by the process
// so two writers never share one.
std::filesystem::path TemporaryFor(const std::filesystem::path& path) {
  return path.parent_path() / absl::StrCat(".", path.filename().string(), ".tmp-", getpid());
}

absl::Status WriteTemporary(const std::filesystem::path& temporary, const std::filesystem::path& path,
                            const std::string& text) {
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    return absl::UnavailableError(absl::StrCat("cannot write ", path.string()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status WriteText(const std::filesystem::path& path, const std::string& text) {
  return WriteTexts({{path, text}});
}

absl::Status WriteTexts(const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
  std::vector<std::filesystem::path> written;
  auto remove_written = [&] {
    std::error_code ec;
    for (const auto& t : written) std::filesystem::remove(t, ec);
  };
  for (const auto& [path, text] : files) {
    const std::filesystem::path temporary = TemporaryFor(path);
    if (absl::Status s = WriteTemporary(temporary, path, text); !s.ok()) {
      remove_written();
      return s;
    }
    written.push_back(temporary);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    std::filesystem::rename(written[i], files[i].first, ec);
    if (ec) {
      remove_written();
      return absl::UnavailableError(
          absl::StrCat("cannot write ", files[i].first.string(), ": ", ec.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace lkip
