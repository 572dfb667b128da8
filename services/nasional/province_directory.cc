#include "services/nasional/province_directory.h"

#include <filesystem>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/proto/json_file.h"
#include "common/status/macros.h"
#include "lkip/nasional/v1/nasional.pb.h"

namespace lkip::nasional {
namespace {

// The file an entry names (relative to the directory's folder), or `fallback` when it names none.
absl::StatusOr<std::string> FileOr(const std::filesystem::path& folder, const std::string& field,
                                   const std::string& file, const std::string& fallback) {
  if (file.empty()) return fallback;
  const std::filesystem::path path =
      std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : folder / file;
  absl::StatusOr<std::string> text = ReadText(path);
  if (!text.ok()) return absl::InvalidArgumentError(absl::StrCat(field, ": ", text.status().message()));
  return text;
}

}  // namespace

absl::StatusOr<std::vector<ProvinceAccess>> LoadDirectory(const std::string& path,
                                                          const DirectoryDefaults& defaults) {
  v1::ProvinceDirectory directory;
  RETURN_IF_ERROR(
      ReadJsonMessage(path, "a province directory (lkip.nasional.v1.ProvinceDirectory)", &directory));
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  std::vector<ProvinceAccess> out;
  std::set<std::string> codes;
  for (int i = 0; i < directory.provinces_size(); ++i) {
    const v1::ProvinceEndpoint& e = directory.provinces(i);
    const std::string at = absl::StrCat(path, ": provinces[", i, "]");
    if (!absl::StartsWith(e.province_code(), "BNNP_") || e.province_code().size() < 6)
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".province_code: \"", e.province_code(), "\" is not a BNNP code (BNNP_...)"));
    if (!codes.insert(e.province_code()).second)
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".province_code: \"", e.province_code(), "\" is listed twice"));
    if (e.address().empty() || !absl::StrContains(e.address(), ':'))
      return absl::InvalidArgumentError(absl::StrCat(at, ".address: \"", e.address(), "\" is not host:port"));
    ProvinceAccess a;
    a.province_code = e.province_code();
    a.name = e.name().empty() ? e.province_code() : e.name();
    a.address = e.address();
    a.server_name = e.server_name();
    a.insecure_dev = defaults.insecure_dev;
    ASSIGN_OR_RETURN(a.ca_pem, FileOr(folder, at + ".ca_file", e.ca_file(), defaults.ca_pem));
    ASSIGN_OR_RETURN(a.cert_pem, FileOr(folder, at + ".cert_file", e.cert_file(), defaults.cert_pem));
    ASSIGN_OR_RETURN(a.key_pem, FileOr(folder, at + ".key_file", e.key_file(), defaults.key_pem));
    if (!e.token_file().empty()) {
      a.token_file = std::filesystem::path(e.token_file()).is_absolute() ? e.token_file()
                                                                         : (folder / e.token_file()).string();
    } else {
      a.token_file = defaults.token_file;
    }
    if (a.token_file.empty() && !defaults.insecure_dev)
      return absl::InvalidArgumentError(absl::StrCat(
          at, ".token_file: none given, and no --hq_token_file: a province answers only an hq token"));
    out.push_back(std::move(a));
  }
  if (out.empty())
    return absl::InvalidArgumentError(absl::StrCat(path, ": provinces: the directory lists none"));
  return out;
}

}  // namespace lkip::nasional
