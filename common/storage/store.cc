#include "common/storage/store.h"

#include <fcntl.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/rocksdb_status.h"

namespace lkip {
namespace {

// Spelled out rather than built with the key codec: every version of the store must find its
// schema version where version 1 put it, whatever the codec does to strings since.
static_assert(kTagMeta == 0x7F);
std::string MetaKey(std::string_view name) {
  std::string key(1, static_cast<char>(kTagMeta));
  key.append(name);
  key.push_back('\0');
  return key;
}

}  // namespace

void Mutation::Put(std::string key, std::string value) {
  ops_.push_back(Op{std::move(key), std::move(value), false, std::nullopt});
}

void Mutation::PutKnownPrevious(std::string key, std::string value, std::optional<std::string> previous) {
  ops_.push_back(Op{std::move(key), std::move(value), true, std::move(previous)});
}

void Mutation::Delete(std::string key) {
  ops_.push_back(Op{std::move(key), std::nullopt, false, std::nullopt});
}

void Mutation::DeletePrefix(std::string prefix) {
  ops_.push_back(Op{std::move(prefix), std::nullopt, true, std::nullopt, /*prefix=*/true});
}

Store::Store(StoreOptions options, std::unique_ptr<rocksdb::DB> db)
    : options_(std::move(options)), db_(std::move(db)) {
  static std::atomic<uint64_t> next_id{1};
  id_ = next_id.fetch_add(1);
}

Store::~Store() = default;

rocksdb::Options Store::DbOptions(int write_buffer_mib) {
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.IncreaseParallelism(2);
  // The budget is four memtables' worth (RocksDB's own ratio): with write_buffer_mib 128 this is
  // exactly the library's default tuning.
  db_options.OptimizeLevelStyleCompaction(uint64_t{4} * static_cast<uint64_t>(write_buffer_mib) << 20);
  // Every write reads what its keys held before (audit trail, unchanged-value check); most of
  // those keys are new, and a Bloom filter answers "absent" without reading data blocks.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // The same for keys still in the memtables (where a fresh import's keys are).
  db_options.memtable_whole_key_filtering = true;
  db_options.memtable_prefix_bloom_size_ratio = 0.05;
  // RocksDB preallocates each write-ahead log at 1,1 times the memtable (fallocate keeping the
  // size): 17,6 MB of disk per idle service from its first write, which 38 provinces' suites on
  // one host cannot spare (docs/benchmarks.md, "Footprint"). The log then grows as it is written.
  db_options.allow_fallocate = false;
  return db_options;
}

namespace {

// What the file system of `path` has free for an unprivileged writer.
absl::StatusOr<uint64_t> FreeBytes(const std::string& path) {
  struct statvfs fs;
  if (statvfs(path.c_str(), &fs) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot read the free space of ", path, ": ", std::strerror(errno)));
  }
  return static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
}

// The store's folder exists, is writable and has room, or an error naming the path (see
// StoreOptions::min_free_bytes for why this is checked before RocksDB opens it).
absl::Status CheckFolder(const std::string& path, uint64_t min_free_bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec)
    return absl::UnavailableError(absl::StrCat("cannot create the store folder ", path, ": ", ec.message()));
  ASSIGN_OR_RETURN(const uint64_t free_bytes, FreeBytes(path));
  if (free_bytes < min_free_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the file system of ", path, " has ", free_bytes >> 20, " MiB free; the store needs at least ",
        min_free_bytes >> 20, " MiB to open (free some space or move the store)"));
  }
  const std::string probe = (std::filesystem::path(path) / ".lkip-write-probe").string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ::write(fd, "x", 1) != 1) {
    const std::string error = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    ::unlink(probe.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write in the store folder ", path, ": ", error));
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(StoreOptions options) {
  if (options.path.empty()) return absl::InvalidArgumentError("store path is empty");
  RETURN_IF_ERROR(CheckFolder(options.path, options.min_free_bytes));
  if (!options.now_micros) {
    options.now_micros = [] { return absl::ToUnixMicros(absl::Now()); };
  }
  const rocksdb::Options db_options = DbOptions(options.write_buffer_mib);
  rocksdb::DB* raw = nullptr;
  // RocksDB 7.8 only has the DB** overload (style guide §3.11 item 4).
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, &raw);
  if (!s.ok()) return FromRocks(s, absl::StrCat("open store at ", options.path));
  std::unique_ptr<Store> store(new Store(std::move(options), std::unique_ptr<rocksdb::DB>(raw)));
  if (absl::Status meta = store->CheckOrInitMeta(); !meta.ok()) return meta;
  if (absl::Status locks = store->CountYearLocks(); !locks.ok()) return locks;
  return store;
}

absl::Status Store::CheckOrInitMeta() {
  auto version = Find(MetaKey("schema_version"));
  if (!version.ok()) return version.status();
  auto service = Find(MetaKey("service"));
  if (!service.ok()) return service.status();
  if (!version->has_value()) {
    rocksdb::WriteBatch batch;
    batch.Put(MetaKey("schema_version"), std::to_string(options_.schema_version));
    batch.Put(MetaKey("service"), options_.service);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocks(db_->Write(wo, &batch), "initialise store metadata");
  }
  int stored = 0;
  if (!absl::SimpleAtoi(**version, &stored) || stored != options_.schema_version) {
    return absl::FailedPreconditionError(absl::StrCat("store at ", options_.path, " has schema version ",
                                                      **version, ", this build expects ",
                                                      options_.schema_version));
  }
  if (service->value_or("") != options_.service) {
    return absl::FailedPreconditionError(absl::StrCat("store at ", options_.path, " belongs to service \"",
                                                      service->value_or(""), "\", not \"", options_.service,
                                                      "\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> Store::Find(std::string_view key) const {
  if (const std::string& tag = PreparingBundle(); !tag.empty()) {
    if (auto prepared = prepared_.Lookup(tag, key)) return *std::move(prepared);
  }
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "read");
  return std::optional<std::string>(std::move(value));
}

absl::StatusOr<std::vector<std::optional<std::string>>> Store::FindMany(
    const std::vector<std::string>& keys) const {
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<std::string> values;
  std::vector<rocksdb::Status> statuses = db_->MultiGet(rocksdb::ReadOptions(), slices, &values);
  std::vector<std::optional<std::string>> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) return FromRocks(statuses[i], "read");
    out[i] = std::move(values[i]);
  }
  if (const std::string& tag = PreparingBundle(); !tag.empty()) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (auto prepared = prepared_.Lookup(tag, keys[i])) out[i] = *std::move(prepared);
    }
  }
  return out;
}

absl::StatusOr<std::vector<KeyValue>> Store::ReadRange(std::string_view prefix, std::string_view after,
                                                       size_t max, bool* more) const {
  rocksdb::ReadOptions ro;
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  if (!upper.empty()) ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro));
  std::vector<KeyValue> out;
  *more = false;
  it->Seek(after.empty() ? rocksdb::Slice(prefix.data(), prefix.size())
                         : rocksdb::Slice(after.data(), after.size()));
  if (!after.empty() && it->Valid() && it->key() == rocksdb::Slice(after.data(), after.size())) it->Next();
  for (; it->Valid(); it->Next()) {
    if (!it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size()))) break;
    if (out.size() == max) {
      *more = true;
      break;
    }
    out.push_back(KeyValue{it->key().ToString(), it->value().ToString()});
  }
  // Valid() is false on error as well as at the end: the status tells which.
  if (!it->status().ok()) return FromRocks(it->status(), "scan");
  return out;
}

absl::StatusOr<std::vector<KeyValue>> Store::Scan(std::string_view prefix, size_t limit) const {
  const std::string& tag = PreparingBundle();
  // A prepared delete hides a stored entry: read that many more, so the merged rows reach `limit`.
  const size_t deletes = tag.empty() ? 0 : prepared_.DeletesIn(tag, prefix, {});
  bool more = false;
  ASSIGN_OR_RETURN(std::vector<KeyValue> rows, ReadRange(prefix, {}, limit + deletes, &more));
  if (!tag.empty()) prepared_.Merge(tag, prefix, {}, {}, &rows);
  if (more || rows.size() > limit) {
    return absl::ResourceExhaustedError(absl::StrCat("scan found more than ", limit, " entries"));
  }
  return rows;
}

absl::StatusOr<Store::Page> Store::ScanPage(std::string_view prefix, std::string_view page_token,
                                            size_t page_size) const {
  std::string after;
  if (!page_token.empty() &&
      (!absl::WebSafeBase64Unescape(std::string(page_token), &after) || after.size() <= prefix.size() ||
       after.compare(0, prefix.size(), prefix) != 0)) {
    return absl::InvalidArgumentError(absl::StrCat("page_token: \"", std::string(page_token.substr(0, 40)),
                                                   "\" is not a token of this listing"));
  }
  const std::string& tag = PreparingBundle();
  const size_t deletes = tag.empty() ? 0 : prepared_.DeletesIn(tag, prefix, after);
  bool more = false;
  Page page;
  ASSIGN_OR_RETURN(page.rows, ReadRange(prefix, after, page_size + deletes, &more));
  // Past the last stored entry read, prepared writes wait for the next page (stored entries may
  // lie between them).
  const std::string last = more && !page.rows.empty() ? page.rows.back().key : "";
  if (!tag.empty()) prepared_.Merge(tag, prefix, after, last, &page.rows);
  if (page.rows.size() > page_size) {
    page.rows.resize(page_size);
    page.next_page_token = absl::WebSafeBase64Escape(page.rows.back().key);
  } else if (!last.empty()) {
    page.next_page_token = absl::WebSafeBase64Escape(last);
  }
  return page;
}

absl::Status Store::Commit(const WriteContext& context, Mutation mutation) {
  if (context.prepare) return Prepare(context, std::move(mutation));
  // The prepare phase is over once the bundle writes for real.
  if (!context.bundle_id.empty()) prepared_.Drop(context.bundle_id);
  absl::ReaderMutexLock gate(&commit_gate_);
  return CommitLocked(context, std::move(mutation));
}

absl::Status Store::Prepare(const WriteContext& context, Mutation mutation) {
  if (context.bundle_id.empty()) return absl::InternalError("a prepared write names no bundle");
  if (absl::Status own = CheckSatkerProvinces(context.touches); !own.ok()) return own;
  if (absl::Status unlocked = CheckYearLocks(context.touches); !unlocked.ok()) return unlocked;
  std::vector<PreparedWrites::Write> writes;
  writes.reserve(mutation.ops_.size());
  for (Mutation::Op& op : mutation.ops_) {
    // No bundle write deletes a range (only retention and withdrawal do, outside bundles).
    if (op.prefix) return absl::InternalError("a range delete cannot be prepared");
    writes.push_back(PreparedWrites::Write{std::move(op.key), std::move(op.value)});
  }
  prepared_.Add(context.bundle_id, std::move(writes), options_.now_micros());
  return absl::OkStatus();
}

absl::Status Store::CommitLocked(const WriteContext& context, Mutation mutation) {
  // Before the empty check: a write of a locked year is refused even when it changes nothing.
  if (absl::Status own = CheckSatkerProvinces(context.touches); !own.ok()) return own;
  if (absl::Status unlocked = CheckYearLocks(context.touches); !unlocked.ok()) return unlocked;
  if (mutation.empty()) return absl::OkStatus();
  for (const Mutation::Op& op : mutation.ops_) {
    // An empty prefix would be the whole store.
    if (op.prefix && op.key.size() < 2)
      return absl::InternalError("DeletePrefix of a prefix shorter than 2 bytes");
  }
  // Read what the keys held before, for the ones the caller did not already read.
  std::vector<std::string> unknown_keys;
  std::vector<size_t> unknown_index;
  for (size_t i = 0; i < mutation.ops_.size(); ++i) {
    if (!mutation.ops_[i].previous_known && !mutation.ops_[i].prefix) {
      unknown_keys.push_back(mutation.ops_[i].key);
      unknown_index.push_back(i);
    }
  }
  if (!unknown_keys.empty()) {
    auto previous = FindMany(unknown_keys);
    if (!previous.ok()) return previous.status();
    for (size_t j = 0; j < unknown_index.size(); ++j) {
      mutation.ops_[unknown_index[j]].previous = std::move((*previous)[j]);
    }
  }

  storage::v1::AuditEntry audit;
  audit.set_actor(context.actor.empty() ? "anonymous" : context.actor);
  const int64_t now = options_.now_micros();
  audit.set_unix_micros(now);
  audit.set_method(context.method);
  audit.set_summary(context.summary);
  const bool in_bundle = !context.bundle_id.empty();
  if (in_bundle) audit.set_bundle_id(context.bundle_id);

  rocksdb::WriteBatch batch;
  audit.mutable_changes()->Reserve(static_cast<int>(mutation.ops_.size()));
  std::array<bool, 256> touched{};
  for (Mutation::Op& op : mutation.ops_) {
    if (!op.key.empty()) touched[static_cast<uint8_t>(op.key[0])] = true;
    storage::v1::AuditChange* change = audit.add_changes();
    if (op.prefix) {
      change->set_deleted(true);
      change->set_prefix(true);
      batch.DeleteRange(op.key, PrefixSuccessor(op.key));
    } else if (op.value.has_value()) {
      batch.Put(op.key, *op.value);
      if (in_bundle) change->set_value(*op.value);
    } else {
      change->set_deleted(true);
      batch.Delete(op.key);
    }
    if (op.previous.has_value()) {
      change->set_had_previous(true);
      change->set_previous_value(std::move(*op.previous));
    }
    change->set_key(std::move(op.key));
  }
  // Audit keys sort by time, then by a per-process sequence that breaks ties.
  const uint64_t sequence = audit_sequence_.fetch_add(1);
  const std::string audit_key = KeyBuilder(kTagAudit).AddInt64(now).AddUint64(sequence).Build();
  batch.Put(audit_key, audit.SerializeAsString());
  if (in_bundle) {
    batch.Put(
        KeyBuilder(kTagBundleWrite).AddString(context.bundle_id).AddInt64(now).AddUint64(sequence).Build(),
        audit_key);
  }
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync_writes;
  RETURN_IF_ERROR(Write(wo, &batch, absl::StrCat("commit ", context.method)));
  // After the write: a reader that saw the old count may have loaded the new data, which only
  // costs it one extra reload; never the other way round.
  for (size_t tag = 0; tag < touched.size(); ++tag) {
    if (touched[tag]) tag_commits_[tag].fetch_add(1, std::memory_order_release);
  }
  commits_.fetch_add(1, std::memory_order_release);
  return absl::OkStatus();
}

absl::Status Store::Write(const rocksdb::WriteOptions& options, rocksdb::WriteBatch* batch,
                          std::string_view what) {
  // After a failed write (a full disk) RocksDB refuses every later write with its background
  // error until the database is resumed; resuming here, before the next write, lets the service
  // heal by itself once space is back instead of failing every import until it restarts.
  // On a full disk RocksDB's SstFileManager resumes by itself once 16 MiB are free again,
  // checking every 5 s; meanwhile Resume() answers Busy, and is asked again for up to 12 s.
  if (write_failed_.load(std::memory_order_acquire)) {
    rocksdb::Status resumed = db_->Resume();
    for (int i = 0; i < 120 && resumed.IsBusy(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      resumed = db_->Resume();
    }
    RETURN_IF_ERROR(
        FromRocks(resumed, absl::StrCat(std::string(what), " (resuming after an earlier failed write)")));
    write_failed_.store(false, std::memory_order_release);
  }
  ASSIGN_OR_RETURN(const uint64_t free_bytes, FreeBytes(options_.path));
  if (free_bytes < options_.min_free_bytes_to_write) {
    return absl::ResourceExhaustedError(absl::StrCat(
        std::string(what), ": the disk is full: ", free_bytes >> 20, " MiB free of the ",
        options_.min_free_bytes_to_write >> 20,
        " MiB a write keeps in reserve; nothing of this request was written; free space and send it again, "
        "the service resumes by itself"));
  }
  const rocksdb::Status s = db_->Write(options, batch);
  if (!s.ok()) write_failed_.store(true, std::memory_order_release);
  return FromRocks(s, what);
}

absl::Status Store::WriteStaged(const std::vector<KeyValue>& rows) {
  rocksdb::WriteBatch batch;
  for (const auto& kv : rows) batch.Put(kv.key, kv.value);
  // Never fsynced, whatever sync_writes says: staged rows only matter once their import commits,
  // and the commit's synced write makes the whole WAL before it durable with it (RocksDB syncs
  // every unsynced WAL file on a sync write). A power loss before the commit loses an import that
  // was never acknowledged, and the pending marker has it purged at the next start.
  rocksdb::WriteOptions wo;
  wo.sync = false;
  return Write(wo, &batch, "stage import rows");
}

absl::Status Store::DiscardStaged(const std::vector<std::string>& prefixes, std::string_view marker) {
  rocksdb::WriteBatch batch;
  for (const std::string& prefix : prefixes) {
    // An empty prefix would be the whole store.
    if (prefix.size() < 2) return absl::InternalError("DiscardStaged of a prefix shorter than 2 bytes");
    batch.DeleteRange(prefix, PrefixSuccessor(prefix));
  }
  if (!marker.empty()) batch.Delete(rocksdb::Slice(marker.data(), marker.size()));
  // Not fsynced either: a discard lost to a power loss leaves the marker, and the rows are purged
  // at the next start.
  rocksdb::WriteOptions wo;
  wo.sync = false;
  return Write(wo, &batch, "discard staged import rows");
}

std::optional<uint64_t> Store::IntProperty(const std::string& name) const {
  uint64_t value = 0;
  if (!db_->GetIntProperty(name, &value)) return std::nullopt;
  return value;
}

absl::StatusOr<uint64_t> Store::CreateCheckpoint(const std::string& dir) const {
  rocksdb::Checkpoint* raw = nullptr;
  RETURN_IF_ERROR(FromRocks(rocksdb::Checkpoint::Create(db_.get(), &raw), "checkpoint"));
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  uint64_t sequence = 0;
  // log_size_for_flush 0: the memtables are always flushed, so the checkpoint's WAL is short.
  RETURN_IF_ERROR(FromRocks(checkpoint->CreateCheckpoint(dir, 0, &sequence), "checkpoint"));
  return sequence;
}

absl::StatusOr<std::vector<storage::v1::AuditEntry>> Store::ReadAudit(size_t limit) const {
  const std::string prefix(1, static_cast<char>(kTagAudit));
  auto rows = Scan(prefix, limit);
  if (!rows.ok()) return rows.status();
  std::vector<storage::v1::AuditEntry> out;
  for (const KeyValue& kv : *rows) {
    storage::v1::AuditEntry entry;
    if (!entry.ParseFromString(kv.value)) return absl::DataLossError("corrupt audit entry");
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace lkip
