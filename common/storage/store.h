// The RocksDB store every lkip service builds on: one database per service, opened with a
// schema-version check; point reads, bounded prefix scans that check iterator status, and
// writes that go as one WriteBatch per request together with an audit entry (who, when, which
// keys, and what each key held before).
#pragma once

#include <rocksdb/db.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/proto/deterministic.h"
#include "common/storage/prepared_writes.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip {

// Keyspace tags shared by every store; services take their own tags from 0x10 upwards.
inline constexpr uint8_t kTagUnit = 0x01;
// [fiscal year][province] -> YearLockRecord: the year is approved (ditetapkan) and locked here.
inline constexpr uint8_t kTagYearLock = 0x7B;
// [bundle id][time][sequence] -> the audit key of a write made as part of that bundle.
inline constexpr uint8_t kTagBundleWrite = 0x7C;
// [bundle id] -> the time (decimal µs) the bundle's writes here were rolled back.
inline constexpr uint8_t kTagBundleRolledBack = 0x7D;
inline constexpr uint8_t kTagAudit = 0x7E;
inline constexpr uint8_t kTagMeta = 0x7F;

struct StoreOptions {
  std::string path;
  std::string service;  // recorded at creation; opening another service's DB fails
  // 2: strings in keys end with 0x00 0x00 (common/storage/key_codec.h); a store of version 1
  // is refused when it opens, not misread.
  int schema_version = 2;
  // WriteOptions::sync. false (the default) survives a process crash but not a power loss;
  // true fsyncs the WAL on every request (docs/architecture.md, "Durability").
  bool sync_writes = false;
  // Clock for audit entries; injectable for tests.
  std::function<int64_t()> now_micros;
  // Open refuses a folder whose file system has less free space than this: RocksDB, opening on
  // a full disk, fails an internal assertion and aborts the process (Debian's build keeps them)
  // instead of returning an error. 64 MiB holds the WAL, the manifest and a first memtable flush.
  uint64_t min_free_bytes = uint64_t{64} << 20;
  // Every write is refused (RESOURCE_EXHAUSTED, nothing written) while the file system has less
  // free space than this, for the same reason: RocksDB 7.8, meeting a full disk in the middle of
  // a WAL append, fails an assertion at the next append and aborts (rocksdb#12448). 32 MiB holds
  // a new WAL file (1,1 memtables) and a memtable flush. A disk filled by another process between
  // this check and the write can still meet that assertion.
  uint64_t min_free_bytes_to_write = uint64_t{32} << 20;
  // One memtable's size (RocksDB's write_buffer_size), the knob of the store's memory: up to
  // six memtables exist at once (the write-ahead log is not preallocated: Store::DbOptions). 16 MiB
  // holds an import's 10.000-row flush many times over; RocksDB's OptimizeLevelStyleCompaction
  // default is 128 MiB (a 145 MB WAL per service, and 415 MB of RSS after repeated imports in
  // issue 13). docs/benchmarks.md, "import memory", measures both.
  int write_buffer_mib = 16;
};

// Who is writing and why; one per write request.
struct WriteContext {
  std::string actor;    // the authenticated caller (common/server/call_context.h: ActorOf)
  std::string method;   // the RPC, e.g. "RecordSatkerValues"
  std::string summary;  // a short human-readable description
  // The bundle this write is part of (x-lkip-bundle metadata; empty: none): its audit entry then
  // keeps the values written and is indexed by the bundle, which can be rolled back
  // (common/storage/bundle_rollback.h).
  std::string bundle_id = {};
  // The bundle's prepare phase (x-lkip-prepare; common/storage/prepared_writes.h): the write is
  // checked as for real, kept in memory for the bundle's later prepare requests, and not written.
  bool prepare = false;
  // What the write touches, read from its request (common/server/call_context.h): the commit is
  // refused while one of these fiscal years is locked (Store::SetYearLock) for one of these
  // provinces or the province of one of these satker (read from the unit tree). A write that
  // names a year but no province or known satker is refused while any province has it locked.
  // With `caller_province`, a satker of another province (by the unit tree) is refused too.
  struct Touches {
    std::set<int32_t> fiscal_years;
    std::set<std::string> provinces;
    std::set<std::string> satker;
    // The province of the caller's token; empty for hq, a service and --insecure_dev.
    std::string caller_province = {};
  };
  Touches touches = {};
};

// The key of a unit's UnitRecord (kTagUnit): the unit tree's, read by the year lock's check.
std::string UnitKey(std::string_view code);

// The changes one request makes; applied atomically by Store::Commit.
class Mutation {
 public:
  void Put(std::string key, std::string value);
  // As Put, when the caller has already read what the key holds (saves a read in Commit).
  void PutKnownPrevious(std::string key, std::string value, std::optional<std::string> previous);
  void Delete(std::string key);
  // Deletes every key under `prefix` (a range delete); the audit names the prefix, not each key
  // and its value: for bulk rows that are not data (an import's kept rows).
  void DeletePrefix(std::string prefix);

  bool empty() const { return ops_.empty(); }
  size_t size() const { return ops_.size(); }

 private:
  friend class Store;
  struct Op {
    std::string key;
    std::optional<std::string> value;  // nullopt: delete
    bool previous_known = false;
    std::optional<std::string> previous;
    bool prefix = false;  // DeletePrefix
  };
  std::vector<Op> ops_;
};

struct KeyValue {
  std::string key;
  std::string value;
};

class Store {
 public:
  // The RocksDB options every store opens with (benchmarks use them for their baselines).
  static rocksdb::Options DbOptions(int write_buffer_mib = StoreOptions().write_buffer_mib);
  static absl::StatusOr<std::unique_ptr<Store>> Open(StoreOptions options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Reads within a bundle's prepare request (PreparingBundle()) see what its prepared writes put
  // over the stored data.
  //
  // nullopt when the key is absent (absence is normal, not an error).
  absl::StatusOr<std::optional<std::string>> Find(std::string_view key) const;
  // One lookup per key, in order.
  absl::StatusOr<std::vector<std::optional<std::string>>> FindMany(
      const std::vector<std::string>& keys) const;

  // Every entry whose key starts with `prefix`, in key order, at most `limit` of them.
  // RESOURCE_EXHAUSTED when more than `limit` exist, so callers never act on a silent cut.
  absl::StatusOr<std::vector<KeyValue>> Scan(std::string_view prefix, size_t limit) const;

  // One page of a listing: the entries of `prefix` after `page_token` (empty: from the start),
  // at most `page_size`. `next_page_token` is empty on the last page; a page may hold fewer
  // entries than the listing filters out of it. The token is opaque to clients (the last key,
  // web-safe base64); one that does not belong to `prefix` is INVALID_ARGUMENT naming
  // `page_token`.
  struct Page {
    std::vector<KeyValue> rows;
    std::string next_page_token;
  };
  absl::StatusOr<Page> ScanPage(std::string_view prefix, std::string_view page_token, size_t page_size) const;

  // Applies the mutation and its audit entry in one WriteBatch. An empty mutation writes
  // nothing, not even an audit entry.
  absl::Status Commit(const WriteContext& context, Mutation mutation);

  // Staging of bulk-import rows that are not data until an audited Commit marks their import
  // committed (common/bidang/import_session.h); not audited themselves.
  absl::Status WriteStaged(const std::vector<KeyValue>& rows);
  // Removes every staged row under each of `prefixes` (each at least 2 bytes), and `marker` (the
  // key saying they are staged) when given, in one batch.
  absl::Status DiscardStaged(const std::vector<std::string>& prefixes, std::string_view marker = {});

  // Undoes every write made here as part of bundle `bundle_id` (WriteContext::bundle_id): each
  // key the bundle wrote gets back what it held before the bundle's first write of it, in one
  // audited commit that also marks the bundle rolled back here. No commit of this store runs
  // between the check and the write. FAILED_PRECONDITION naming the key when a write outside the
  // bundle changed it since (nothing is undone). A bundle with no write here, or one rolled back
  // before, undoes nothing (`undone_writes` 0; `rolled_back_before`). Either way the bundle's
  // prepared writes are dropped; with `context.prepare`, that is all it does.
  struct BundleRollback {
    int undone_writes = 0;
    int restored_keys = 0;
    bool rolled_back_before = false;
  };
  absl::StatusOr<BundleRollback> RollBackBundle(const WriteContext& context, std::string_view bundle_id);

  // Locks a province's fiscal year here (`lock` given) or lifts the lock (nullopt), together
  // with `also` (the aggregator's approval record), in one audited commit. No other commit runs
  // between the change and the check each later commit makes: once this returns, no write of
  // that year commits. Setting what is already set writes nothing.
  absl::Status SetYearLock(const WriteContext& context, std::string_view province, int32_t fiscal_year,
                           std::optional<storage::v1::YearLockRecord> lock, Mutation also = {});
  // FAILED_PRECONDITION naming the lock (who set it, when) when `touches` meets a locked year:
  // what every commit checks, for work that must know before it starts (a bundle's rollback).
  absl::Status CheckYearLocks(const WriteContext::Touches& touches) const;
  // PERMISSION_DENIED naming both provinces when `touches` names a satker of a province other
  // than the caller's (a satker the unit tree does not know is left to the write's own checks).
  absl::Status CheckSatkerProvinces(const WriteContext::Touches& touches) const;
  // The lock of a province's fiscal year here; nullopt when it is not locked.
  absl::StatusOr<std::optional<storage::v1::YearLockRecord>> FindYearLock(std::string_view province,
                                                                          int32_t fiscal_year) const;

  // Audit entries in time order (oldest first), at most `limit`.
  absl::StatusOr<std::vector<storage::v1::AuditEntry>> ReadAudit(size_t limit) const;

  const StoreOptions& options() const { return options_; }

  // Distinguishes this open store from every other in the process (ids are never reused), for
  // caches of derived data.
  uint64_t id() const { return id_; }
  // How many commits so far wrote a key of keyspace `tag`: a cache of data derived from that
  // keyspace reads it before loading, and is stale once it changes.
  uint64_t CommitsTouching(uint8_t tag) const { return tag_commits_[tag].load(std::memory_order_acquire); }
  // Commits since the store opened (each one request's batch and audit entry).
  uint64_t Commits() const { return commits_.load(std::memory_order_acquire); }
  // A RocksDB integer property ("rocksdb.total-sst-files-size", ...), for the metrics; nullopt
  // when RocksDB does not know it.
  std::optional<uint64_t> IntProperty(const std::string& name) const;
  // A RocksDB checkpoint of the store in `dir` (which must not exist; on the store's file system
  // its files are hard links): a consistent copy, the memtables flushed first. Returns RocksDB's
  // last sequence number in it. common/storage/checkpoints.h keeps them.
  absl::StatusOr<uint64_t> CreateCheckpoint(const std::string& dir) const;

 private:
  Store(StoreOptions options, std::unique_ptr<rocksdb::DB> db);
  absl::Status CheckOrInitMeta();
  // Counts the year locks stored (year_locks_), at open.
  absl::Status CountYearLocks();
  // Every write of the store: resumes RocksDB first when the previous write failed.
  absl::Status Write(const rocksdb::WriteOptions& options, rocksdb::WriteBatch* batch, std::string_view what);
  // The commit itself, the caller holding `commit_gate_` (shared for Commit, exclusive for a
  // rollback, so that nothing commits between its check and its write).
  absl::Status CommitLocked(const WriteContext& context, Mutation mutation);
  // A commit of the prepare phase: kept in prepared_, nothing written.
  absl::Status Prepare(const WriteContext& context, Mutation mutation);
  // Up to `max` stored entries of `prefix` after key `after` (empty: from the start), in key
  // order; *more when entries remain past them.
  absl::StatusOr<std::vector<KeyValue>> ReadRange(std::string_view prefix, std::string_view after, size_t max,
                                                  bool* more) const;

  StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::atomic<uint64_t> audit_sequence_{0};
  std::atomic<bool> write_failed_{false};  // the last write failed: resume before the next
  uint64_t id_ = 0;
  std::array<std::atomic<uint64_t>, 256> tag_commits_{};
  std::atomic<uint64_t> commits_{0};
  absl::Mutex commit_gate_;
  // How many year locks are stored: while none is, a commit checks none (the common case costs
  // nothing). Changed by SetYearLock only, which holds commit_gate_ exclusively; a commit reads it
  // under the gate. A prepare reads it without, and the commit that follows checks again.
  std::atomic<int64_t> year_locks_{0};
  PreparedWrites prepared_;
};

}  // namespace lkip
