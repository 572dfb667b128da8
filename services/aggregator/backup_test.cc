// Backups through the aggregator (lkip.backup.v1) over a whole suite on real servers: every
// store's checkpoint, the aggregator's last, its files read through the aggregator byte for byte,
// released; refusals make nothing; no checkpoint is made while a write reaching several services
// runs. Restoring them and rendering the same report: tests/backup_test.py, with the binaries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/time/clock.h"
#include "common/registry/bidang_registry.h"
#include "common/storage/checkpoint_folder.h"
#include "services/aggregator/suite_fixture.h"

namespace lkip {
namespace {

namespace fs = std::filesystem;
using testing::Context;

std::string FileText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The checkpoints a store has now.
size_t CheckpointsOf(const Store& store) {
  const fs::path folder = CheckpointsFolderOf(store.options().path);
  if (!fs::exists(folder)) return 0;
  return static_cast<size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

class BackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::Status s = suite_.ImportExample();
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  backup::v1::CreateCheckpointsRequest Everything() const {
    backup::v1::CreateCheckpointsRequest request;
    for (const auto& b : BidangServices()) request.add_services(std::string(b.name));
    request.add_services("aggregator");
    return request;
  }

  size_t CheckpointsEverywhere() {
    size_t n = CheckpointsOf(suite_.aggregator_store());
    for (const auto& b : suite_.bidang()) n += CheckpointsOf(*b->store);
    return n;
  }

  testing::SuiteFixture suite_;
  std::unique_ptr<backup::v1::BackupService::Stub> backup_ = suite_.aggregator().backup();
};

TEST_F(BackupTest, EveryStoreIsCheckpointedTheAggregatorLastAndReadThroughIt) {
  backup::v1::CreateCheckpointsResponse made;
  grpc::Status s = backup_->CreateCheckpoints(Context("admin").get(), Everything(), &made);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(made.checkpoints_size(), static_cast<int>(BidangServices().size()) + 1);
  EXPECT_EQ(made.checkpoints(made.checkpoints_size() - 1).service(), "aggregator");

  for (const auto& c : made.checkpoints()) {
    const Store& store = c.service() == "aggregator"
                             ? suite_.aggregator_store()
                             : *std::find_if(suite_.bidang().begin(), suite_.bidang().end(),
                                             [&](const auto& b) { return b->name == c.service(); })
                                    ->get()
                                    ->store;
    const fs::path folder = CheckpointsFolderOf(store.options().path) / c.id();
    EXPECT_GT(c.sequence(), 0u) << c.service();
    bool has_current = false;
    for (const auto& f : c.files()) {
      has_current |= f.name() == "CURRENT";
      // Read through the aggregator in parts, as lkipctl does: the same bytes as on disk.
      std::string copied;
      backup::v1::ReadCheckpointFileRequest read;
      read.set_service(c.service());
      read.set_id(c.id());
      read.set_name(f.name());
      for (;;) {
        backup::v1::ReadCheckpointFileResponse part;
        grpc::Status r = backup_->ReadCheckpointFile(Context("admin").get(), read, &part);
        ASSERT_TRUE(r.ok()) << c.service() << " " << f.name() << ": " << r.error_message();
        EXPECT_EQ(part.size(), f.size());
        if (part.data().empty()) break;
        EXPECT_LE(part.data().size(), BackupService::kChunkBytes);
        copied += part.data();
        read.set_offset(read.offset() + static_cast<int64_t>(part.data().size()));
      }
      EXPECT_EQ(copied, FileText(folder / f.name())) << c.service() << " " << f.name();
    }
    EXPECT_TRUE(has_current) << c.service();

    backup::v1::ReleaseCheckpointRequest release;
    release.set_service(c.service());
    release.set_id(c.id());
    backup::v1::ReleaseCheckpointResponse released;
    ASSERT_TRUE(backup_->ReleaseCheckpoint(Context("admin").get(), release, &released).ok());
    EXPECT_FALSE(fs::exists(folder)) << c.service();
    backup::v1::ReadCheckpointFileRequest gone;
    gone.set_service(c.service());
    gone.set_id(c.id());
    gone.set_name("CURRENT");
    backup::v1::ReadCheckpointFileResponse nothing;
    EXPECT_EQ(backup_->ReadCheckpointFile(Context("admin").get(), gone, &nothing).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_EQ(CheckpointsEverywhere(), 0u);
}

TEST_F(BackupTest, RefusalsMakeNoCheckpoint) {
  const auto refused = [&](const backup::v1::CreateCheckpointsRequest& request, const Principal* caller) {
    backup::v1::CreateCheckpointsResponse made;
    return backup_->CreateCheckpoints(caller ? Context(*caller).get() : Context("admin").get(), request,
                                      &made);
  };
  backup::v1::CreateCheckpointsRequest none;
  grpc::Status s = refused(none, nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("services"), std::string::npos) << s.error_message();

  backup::v1::CreateCheckpointsRequest unknown = Everything();
  unknown.add_services("gudang");
  s = refused(unknown, nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("\"gudang\""), std::string::npos) << s.error_message();

  backup::v1::CreateCheckpointsRequest twice = Everything();
  twice.add_services("pencegahan");
  s = refused(twice, nullptr);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("twice"), std::string::npos) << s.error_message();

  // Only an admin: a backup copies every province's data at once.
  for (Role role : {Role::kPerencana, Role::kKepala, Role::kApip, Role::kHq}) {
    const Principal caller{"someone", role, role == Role::kHq ? "" : "BNNP_NTB", {}, ""};
    EXPECT_EQ(refused(Everything(), &caller).error_code(), grpc::StatusCode::PERMISSION_DENIED)
        << RoleName(role);
  }

  // A bidang service answers for itself only.
  auto direct = backup::v1::BackupService::NewStub(suite_.bidang()[0]->server->Channel());
  backup::v1::CreateCheckpointsRequest other;
  other.add_services("aggregator");
  backup::v1::CreateCheckpointsResponse made;
  s = direct->CreateCheckpoints(Context("admin").get(), other, &made);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("ask the aggregator"), std::string::npos) << s.error_message();

  EXPECT_EQ(CheckpointsEverywhere(), 0u);
}

TEST_F(BackupTest, NoCheckpointWhileAWriteReachingSeveralServicesRuns) {
  // What a bundle import holds while it writes to the services in turn.
  auto* writes = suite_.aggregator().clients().cross_service_writes();
  writes->ReaderLock();
  backup::v1::CreateCheckpointsResponse made;
  auto context = Context("admin");
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
  grpc::Status s = backup_->CreateCheckpoints(context.get(), Everything(), &made);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(CheckpointsEverywhere(), 0u);
  // The server's deadline is the client's plus the request's transit (gRPC sends the time left):
  // released the moment the client gives up, the lock could reach the server's work before its own
  // deadline (seen under ASan). Released once that deadline has surely passed too.
  absl::SleepFor(absl::Milliseconds(500));
  writes->ReaderUnlock();

  // The next backup waits for the one that timed out, which then makes nothing: one each.
  s = backup_->CreateCheckpoints(Context("admin").get(), Everything(), &made);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(CheckpointsEverywhere(), BidangServices().size() + 1);
}

}  // namespace
}  // namespace lkip
