#include "common/proto/json_file.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace lkip {

absl::Status ReadJsonMessage(const std::string& path, const std::string& what,
                             google::protobuf::Message* message) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  std::stringstream text;
  text << in.rdbuf();
  return ParseJsonMessage(text.str(), path, what, message);
}

absl::Status ParseJsonMessage(const std::string& text, const std::string& path, const std::string& what,
                              google::protobuf::Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto parsed = google::protobuf::util::JsonStringToMessage(text, message, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not ", what, " in protobuf's JSON mapping: ", std::string(parsed.message())));
  }
  return absl::OkStatus();
}

}  // namespace lkip
