// Checkpoints of a real store and their restore: made beside the store, read in parts, released
// and expired; restored into a new folder or over a stopped store (which is kept aside), and
// every refusal (a changed file, a store in use) changing nothing.
#include "common/storage/checkpoints.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/proto/deterministic.h"
#include "common/storage/restore.h"
#include "common/storage/test_store_options.h"
#include "common/testing/test_server.h"

namespace lkip {
namespace {

namespace fs = std::filesystem;

std::string FileText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Put(Store& store, const std::string& key, const std::string& value) {
  Mutation m;
  m.Put(std::string(1, '\x10') + key, value);
  ASSERT_TRUE(store.Commit({"tester", "Put", key}, std::move(m)).ok());
}

std::optional<std::string> Get(Store& store, const std::string& key) {
  return *store.Find(std::string(1, '\x10') + key);
}

// What lkipctl backup keeps of a checkpoint: its files copied out, with their SHA-256.
RestoreSource CopyOut(const Checkpoints& checkpoints, const CheckpointInfo& info, const fs::path& to) {
  fs::create_directories(to);
  RestoreSource source{"test", to, {}};
  for (const CheckpointFile& f : info.files) {
    std::string copied;
    uint64_t size = 0;
    for (;;) {
      auto part = checkpoints.Read(info.id, f.name, copied.size(), 100, &size);  // small parts
      EXPECT_TRUE(part.ok()) << part.status();
      if (!part.ok() || part->empty()) break;
      copied += *part;
    }
    EXPECT_EQ(size, f.size);
    EXPECT_EQ(copied, FileText(checkpoints.folder() / info.id / f.name)) << f.name;
    std::ofstream(to / f.name, std::ios::binary) << copied;
    source.files.push_back({f.name, f.size, Sha256Hex(copied)});
  }
  return source;
}

TEST(CheckpointsTest, MadeBesideTheStoreReadInPartsReleased) {
  testing::TempDir dir;
  auto store = *Store::Open(testing::TestStoreOptions(dir.Sub("db")));
  Put(*store, "a", "1");
  Checkpoints checkpoints(store.get());
  EXPECT_EQ(checkpoints.folder(), fs::path(dir.Sub("db.checkpoints")));
  absl::StatusOr<CheckpointInfo> info = checkpoints.Create();
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_TRUE(fs::is_directory(checkpoints.folder() / info->id));
  EXPECT_GT(info->sequence, 0u);
  ASSERT_FALSE(info->files.empty());
  testing::TempDir out;
  CopyOut(checkpoints, *info, out.Sub("copy"));

  uint64_t size = 0;
  EXPECT_EQ(checkpoints.Read(info->id, "../LOCK", 0, 10, &size).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(checkpoints.Read("../db", "CURRENT", 0, 10, &size).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(checkpoints.Read(info->id, "NOPE", 0, 10, &size).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(checkpoints.Read("20000101T000000Z-9", "CURRENT", 0, 10, &size).status().code(),
            absl::StatusCode::kNotFound);

  ASSERT_TRUE(checkpoints.Release(info->id).ok());
  EXPECT_FALSE(fs::exists(checkpoints.folder() / info->id));
  EXPECT_EQ(checkpoints.Release(info->id).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Get(*store, "a"), "1");  // the store's own files stay
}

TEST(CheckpointsTest, OldOnesExpireAndAStoreKeptAsideDoesNot) {
  testing::TempDir dir;
  auto store = *Store::Open(testing::TestStoreOptions(dir.Sub("db")));
  Checkpoints checkpoints(store.get(), absl::ZeroDuration());
  auto first = *checkpoints.Create();
  fs::create_directories(checkpoints.folder() / "before-restore-20240101T000000Z");
  auto second = *checkpoints.Create();
  EXPECT_FALSE(fs::exists(checkpoints.folder() / first.id));
  EXPECT_TRUE(fs::exists(checkpoints.folder() / second.id));
  EXPECT_TRUE(fs::exists(checkpoints.folder() / "before-restore-20240101T000000Z"));
}

TEST(RestoreTest, IntoANewFolderAndOverAStoppedStoreKeptAside) {
  testing::TempDir dir;
  RestoreSource source;
  {
    auto store = *Store::Open(testing::TestStoreOptions(dir.Sub("db")));
    Put(*store, "a", "1");
    Put(*store, "b", "2");
    Checkpoints checkpoints(store.get());
    source = CopyOut(checkpoints, *checkpoints.Create(), dir.Sub("backup"));
    Put(*store, "a", "changed after the backup");
  }
  // Into a folder that does not exist yet.
  absl::StatusOr<RestoreResult> fresh = RestoreStore(source, dir.Sub("fresh"));
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_TRUE(fresh->moved_aside.empty());
  {
    auto restored = Store::Open(testing::TestStoreOptions(dir.Sub("fresh")));
    ASSERT_TRUE(restored.ok()) << restored.status();
    EXPECT_EQ(Get(**restored, "a"), "1");
    EXPECT_EQ(Get(**restored, "b"), "2");
  }
  // Over the stopped store: back to the backup, the store it replaced kept aside whole.
  absl::StatusOr<RestoreResult> over = RestoreStore(source, dir.Sub("db"));
  ASSERT_TRUE(over.ok()) << over.status();
  ASSERT_FALSE(over->moved_aside.empty());
  EXPECT_EQ(over->moved_aside.parent_path(), fs::path(dir.Sub("db.checkpoints")));
  {
    auto restored = *Store::Open(testing::TestStoreOptions(dir.Sub("db")));
    EXPECT_EQ(Get(*restored, "a"), "1");
  }
  {
    auto aside = Store::Open(testing::TestStoreOptions(over->moved_aside.string()));
    ASSERT_TRUE(aside.ok()) << aside.status();
    EXPECT_EQ(Get(**aside, "a"), "changed after the backup");
  }
}

TEST(RestoreTest, AChangedFileOrAStoreInUseChangesNothing) {
  testing::TempDir dir;
  RestoreSource source;
  {
    auto store = *Store::Open(testing::TestStoreOptions(dir.Sub("db")));
    Put(*store, "a", "1");
    Checkpoints checkpoints(store.get());
    source = CopyOut(checkpoints, *checkpoints.Create(), dir.Sub("backup"));
    Put(*store, "a", "2");
  }
  const auto files_of = [&](const fs::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::directory_iterator(folder))
      files[e.path().filename().string()] = FileText(e.path());
    return files;
  };
  const auto before = files_of(dir.Sub("db"));

  // One byte changed in the backup: DATA_LOSS naming the file.
  const RestoreFile& victim = source.files.back();
  std::string bytes = FileText(source.folder / victim.name);
  bytes[bytes.size() / 2] ^= 1;
  std::ofstream(source.folder / victim.name, std::ios::binary | std::ios::trunc) << bytes;
  absl::StatusOr<RestoreResult> refused = RestoreStore(source, dir.Sub("db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(refused.status().message().find(victim.name), std::string::npos) << refused.status();
  bytes[bytes.size() / 2] ^= 1;
  std::ofstream(source.folder / victim.name, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_EQ(files_of(dir.Sub("db")), before);

  // The store held by another process (RocksDB's fcntl lock on LOCK, as a running service holds
  // it): FAILED_PRECONDITION saying to stop it.
  int ready[2];
  int release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  const pid_t child = fork();
  if (child == 0) {
    ::close(release[1]);  // so that the parent's close ends the read below
    const int fd = ::open((fs::path(dir.Sub("db")) / "LOCK").c_str(), O_RDWR);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    const char ok = (fd >= 0 && ::fcntl(fd, F_SETLK, &lock) == 0) ? '1' : '0';
    (void)!::write(ready[1], &ok, 1);
    char done;
    (void)!::read(release[0], &done, 1);
    _exit(0);
  }
  char ok = 0;
  ASSERT_EQ(::read(ready[0], &ok, 1), 1);
  ASSERT_EQ(ok, '1');
  refused = RestoreStore(source, dir.Sub("db"));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("stop its service"), std::string::npos) << refused.status();
  ::close(release[1]);
  ::waitpid(child, nullptr, 0);
  ::close(release[0]);
  ::close(ready[0]);
  ::close(ready[1]);
  EXPECT_EQ(files_of(dir.Sub("db")), before);
  for (const auto& e : fs::directory_iterator(dir.Sub("db.checkpoints"))) {
    EXPECT_EQ(e.path().filename().string().rfind("before-restore", 0), std::string::npos)
        << "nothing moved aside";
  }

  // Released: the restore goes through.
  EXPECT_TRUE(RestoreStore(source, dir.Sub("db")).ok());
}

}  // namespace
}  // namespace lkip
