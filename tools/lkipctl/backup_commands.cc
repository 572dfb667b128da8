#include "tools/lkipctl/backup_commands.h"

#include <fstream>
#include <iostream>
#include <set>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/files/text_file.h"
#include "common/numeric/rounded_text.h"
#include "common/proto/deterministic.h"
#include "common/proto/json_file.h"
#include "common/registry/bidang_registry.h"
#include "common/status/grpc_status.h"
#include "common/storage/restore.h"
#include "lkip/backup/v1/backup.grpc.pb.h"

namespace lkip::ctl {
namespace {

namespace fs = std::filesystem;

constexpr char kManifest[] = "manifest.json";

// "1,3 MB" or "52,4 kB", as the report writes numbers.
std::string Megabytes(uint64_t bytes) {
  const bool mega = bytes >= 1000000;
  absl::StatusOr<std::string> size = RoundedIndonesian(absl::StrCat(bytes, mega ? "/1000000" : "/1000"), 1);
  return size.ok() ? absl::StrCat(*size, mega ? " MB" : " kB") : absl::StrCat(bytes, " bytes");
}

// Copies one file of a checkpoint into `to`; returns its SHA-256.
absl::StatusOr<std::string> CopyOut(const Options& o, backup::v1::BackupService::Stub& stub,
                                    const backup::v1::Checkpoint& checkpoint,
                                    const backup::v1::CheckpointFile& file, const fs::path& to) {
  std::ofstream out(to, std::ios::binary | std::ios::trunc);
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", to.string()));
  Sha256Stream digest;
  backup::v1::ReadCheckpointFileRequest request;
  request.set_service(checkpoint.service());
  request.set_id(checkpoint.id());
  request.set_name(file.name());
  while (true) {
    backup::v1::ReadCheckpointFileResponse part;
    if (grpc::Status s = stub.ReadCheckpointFile(Ctx(o).get(), request, &part); !s.ok()) {
      return absl::Status(FromGrpc(s).code(), absl::StrCat(file.name(), ": ", s.error_message()));
    }
    if (part.data().empty()) break;
    out.write(part.data().data(), static_cast<std::streamsize>(part.data().size()));
    digest.Add(part.data());
    request.set_offset(request.offset() + static_cast<int64_t>(part.data().size()));
  }
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", to.string(), " (disk full?)"));
  if (request.offset() != file.size()) {
    return absl::DataLossError(absl::StrCat(checkpoint.service(), ": ", file.name(), " came with ",
                                            request.offset(), " bytes, the checkpoint listed ", file.size()));
  }
  return digest.Hex();
}

void ReleaseAll(const Options& o, backup::v1::BackupService::Stub& stub,
                const backup::v1::CreateCheckpointsResponse& made) {
  for (const auto& c : made.checkpoints()) {
    backup::v1::ReleaseCheckpointRequest request;
    request.set_service(c.service());
    request.set_id(c.id());
    backup::v1::ReleaseCheckpointResponse response;
    if (grpc::Status s = stub.ReleaseCheckpoint(Ctx(o).get(), request, &response); !s.ok()) {
      std::cerr << "lkipctl: backup: " << c.service() << ": checkpoint " << c.id()
                << " not released (it expires in a day): " << s.error_message() << "\n";
    }
  }
}

absl::Status CopyAll(const Options& o, backup::v1::BackupService::Stub& stub, const fs::path& dir,
                     backup::v1::BackupManifest* manifest) {
  for (auto& c : *manifest->mutable_checkpoints()) {
    const fs::path folder = dir / c.service();
    std::error_code error;
    fs::create_directories(folder, error);
    if (error)
      return absl::UnavailableError(absl::StrCat("cannot create ", folder.string(), ": ", error.message()));
    uint64_t bytes = 0;
    for (auto& f : *c.mutable_files()) {
      absl::StatusOr<std::string> sha = CopyOut(o, stub, c, f, folder / f.name());
      if (!sha.ok())
        return absl::Status(sha.status().code(), absl::StrCat(c.service(), ": ", sha.status().message()));
      f.set_sha256(*sha);
      bytes += static_cast<uint64_t>(f.size());
    }
    std::cerr << "lkipctl: backup: " << c.service() << ": " << c.files_size() << " files, "
              << Megabytes(bytes) << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

int BackupCmd(const Options& o, const std::string& dir, std::vector<std::string> services) {
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_empty(dir, error)) {
    std::cerr << "lkipctl: backup: " << dir << " is not empty: each backup goes into a new folder\n";
    return kExitUsage;
  }
  if (services.empty()) {
    for (const auto& b : BidangServices()) services.emplace_back(b.name);
    services.emplace_back("aggregator");  // last: see lkip.backup.v1.CreateCheckpoints
  }
  backup::v1::BackupManifest manifest;
  manifest.set_created(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone()));
  manifest.set_lkip_version(LKIP_VERSION);
  manifest.set_aggregator(o.aggregator);
  auto stub = backup::v1::BackupService::NewStub(Connect(o));
  backup::v1::CreateCheckpointsRequest request;
  for (const auto& s : services) request.add_services(s);
  backup::v1::CreateCheckpointsResponse made;
  if (grpc::Status s = stub->CreateCheckpoints(Ctx(o, o.long_timeout_s).get(), request, &made); !s.ok()) {
    return Fail("backup", s);
  }
  *manifest.mutable_checkpoints() = made.checkpoints();
  absl::Status copied = CopyAll(o, *stub, dir, &manifest);
  ReleaseAll(o, *stub, made);
  if (copied.ok()) copied = WriteText(fs::path(dir) / kManifest, JsonOf(manifest));
  if (!copied.ok()) {
    fs::remove_all(dir, error);
    return Fail("backup", copied);
  }
  uint64_t bytes = 0;
  int files = 0;
  for (const auto& c : manifest.checkpoints()) {
    for (const auto& f : c.files()) bytes += static_cast<uint64_t>(f.size());
    files += c.files_size();
  }
  std::cout << "backup written to " << dir << ": " << manifest.checkpoints_size() << " services, " << files
            << " files, " << Megabytes(bytes) << "\n";
  return 0;
}

int RestoreCmd(const std::string& dir, const std::string& data_dir,
               const std::vector<std::string>& services) {
  backup::v1::BackupManifest manifest;
  if (absl::Status s = ReadJsonMessage((fs::path(dir) / kManifest).string(),
                                       "a backup's manifest (lkip.backup.v1.BackupManifest)", &manifest);
      !s.ok()) {
    return Fail("restore", s);
  }
  std::set<std::string> wanted(services.begin(), services.end());
  std::vector<std::pair<RestoreSource, fs::path>> plan;
  for (const auto& c : manifest.checkpoints()) {
    if (!wanted.empty() && wanted.erase(c.service()) == 0) continue;
    RestoreSource source{c.service(), fs::path(dir) / c.service(), {}};
    for (const auto& f : c.files())
      source.files.push_back({f.name(), static_cast<uint64_t>(f.size()), f.sha256()});
    plan.emplace_back(std::move(source), fs::path(data_dir) / c.service());
  }
  if (!wanted.empty()) {
    std::cerr << "lkipctl: restore: --service " << *wanted.begin() << ": not in the backup " << dir << "\n";
    return kExitUsage;
  }
  // Every check before any change: a backup that cannot be restored whole changes nothing.
  for (const auto& [source, db_path] : plan) {
    if (absl::Status s = VerifySource(source); !s.ok()) return Fail("restore", s);
    if (absl::Status s = CheckNotInUse(db_path); !s.ok()) return Fail("restore", s);
  }
  std::cerr << "lkipctl: restore: the backup of " << manifest.created() << " checked (" << plan.size()
            << " services, every file's SHA-256)\n";
  for (const auto& [source, db_path] : plan) {
    absl::StatusOr<RestoreResult> done = RestoreStore(source, db_path);
    if (!done.ok()) return Fail(absl::StrCat("restore ", source.service), done.status());
    std::cout << source.service << ": " << source.files.size() << " files, " << Megabytes(done->bytes)
              << " into " << db_path.string();
    if (!done->moved_aside.empty())
      std::cout << "; the store it replaced is in " << done->moved_aside.string();
    std::cout << "\n";
  }
  std::cout << "restored; start the services (systemctl start lkip.target, or scripts/suite.sh start VAR)\n";
  return 0;
}

}  // namespace lkip::ctl
