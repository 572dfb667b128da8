// The prepare phase of a bundle (docs/architecture.md, "Bundles"): before the first write of a
// bundle, the aggregator sends each of its writes once marked "prepare" (x-lkip-prepare). A store
// then checks it as it would for real but writes nothing: it keeps what the write would have put
// in memory, and while the same bundle's prepare requests run, its reads see those writes over
// the stored data. So a later write of the bundle is checked against the earlier ones (satker
// values against the units the bundle brings, realisasi against its DIPA), and a refusal anywhere
// comes before anything is written.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace lkip {

struct KeyValue;

// The bundle tag whose prepare request this thread is serving (empty: none). Set for the length
// of one request by PrepareScope; the store's reads consult it.
const std::string& PreparingBundle();

class PrepareScope {
 public:
  explicit PrepareScope(std::string bundle_tag);
  ~PrepareScope();
  PrepareScope(const PrepareScope&) = delete;
  PrepareScope& operator=(const PrepareScope&) = delete;

 private:
  std::string previous_;
};

// One store's prepared writes, by bundle tag. A bundle's writes are dropped at its first real
// commit or its rollback; writes no request has added to for kIdleMicros, and the oldest past
// kMaxBundles, are dropped too (a prepare the aggregator abandoned).
class PreparedWrites {
 public:
  static constexpr int64_t kIdleMicros = int64_t{15} * 60 * 1000 * 1000;
  static constexpr size_t kMaxBundles = 64;

  // A write (value) or delete (nullopt) of `key` by bundle `tag`'s prepare.
  struct Write {
    std::string key;
    std::optional<std::string> value;
  };
  void Add(const std::string& tag, std::vector<Write> writes, int64_t now_micros);
  void Drop(const std::string& tag);

  // What `tag`'s prepared writes say `key` holds: nullopt when they did not touch it (the stored
  // value stands), else the value written (nullopt inside: deleted).
  std::optional<std::optional<std::string>> Lookup(const std::string& tag, std::string_view key) const;

  // How many keys of `prefix` after `after` the prepared writes delete: a scan reads that many
  // more stored rows, so the merged rows still reach its limit.
  size_t DeletesIn(const std::string& tag, std::string_view prefix, std::string_view after) const;

  // Merges the prepared writes of keys in `prefix`, after `after` and up to `last` (empty: to the
  // end of the prefix) into `rows`, stored rows in key order.
  void Merge(const std::string& tag, std::string_view prefix, std::string_view after, std::string_view last,
             std::vector<KeyValue>* rows) const;

  bool empty() const;

 private:
  struct Bundle {
    std::map<std::string, std::optional<std::string>, std::less<>> writes;
    int64_t touched_micros = 0;
  };
  void EvictLocked(int64_t now_micros) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, Bundle> bundles_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lkip
