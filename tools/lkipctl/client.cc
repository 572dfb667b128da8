#include "tools/lkipctl/client.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/files/text_file.h"
#include "common/server/metadata_keys.h"
#include "common/server/transport_security.h"
#include "common/status/grpc_status.h"
#include "report_render/json_text.h"

namespace lkip::ctl {

absl::Status Authenticate(Options* o) {
  if (o->insecure_dev) {
    o->credentials = grpc::InsecureChannelCredentials();
    return absl::OkStatus();
  }
  auto credentials = UserChannelCredentials(o->pki_dir, o->token);
  if (!credentials.ok())
    return absl::InvalidArgumentError(absl::StrCat(
        credentials.status().message(), "; or --insecure-dev for a suite started with --insecure_dev"));
  o->credentials = std::move(*credentials);
  return absl::OkStatus();
}

std::shared_ptr<grpc::Channel> Connect(const Options& o, const std::string& address) {
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(address, o.credentials, args);
}

std::unique_ptr<grpc::ClientContext> Ctx(const Options& o, int seconds) {
  auto c = std::make_unique<grpc::ClientContext>();
  c->set_deadline(std::chrono::system_clock::now() +
                  std::chrono::seconds(seconds > 0 ? seconds : o.timeout_s));
  if (o.insecure_dev) c->AddMetadata(kActorMetadataKey, o.actor);
  return c;
}

int Fail(const std::string& what, const absl::Status& status) {
  std::cerr << "lkipctl: " << what << ": " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  return kExitError;
}

int Fail(const std::string& what, const grpc::Status& status) { return Fail(what, FromGrpc(status)); }

absl::Status WriteFiles(const std::filesystem::path& dir,
                        const google::protobuf::RepeatedPtrField<report::v1::RenderedFile>& files,
                        const std::vector<std::string>& skip) {
  std::vector<std::pair<std::filesystem::path, std::string>> texts;
  for (const auto& f : files) {
    if (std::find(skip.begin(), skip.end(), f.name()) != skip.end()) continue;
    const std::filesystem::path relative(f.name());
    // Names come from the server: only plain relative paths below `dir`.
    if (relative.is_absolute() || f.name().find("..") != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat("the server sent a file named ", f.name()));
    }
    const std::filesystem::path path = dir / relative;
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
      return absl::UnavailableError(
          absl::StrCat("cannot create ", path.parent_path().string(), ": ", ec.message()));
    texts.emplace_back(path, f.content());
  }
  // All or none: a failure while writing leaves the previous report's files as they were.
  return WriteTexts(texts);
}

std::string RecordedAt(int64_t unix_micros) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", absl::FromUnixMicros(unix_micros), absl::UTCTimeZone());
}

std::string JsonOf(const google::protobuf::Message& message) { return render::ProtoJsonText(message) + "\n"; }

}  // namespace lkip::ctl
