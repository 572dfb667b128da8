#include "common/storage/prepared_writes.h"

#include <algorithm>
#include <utility>

#include "common/storage/store.h"

namespace lkip {
namespace {

thread_local std::string preparing;

bool InRange(std::string_view key, std::string_view prefix, std::string_view after, std::string_view last) {
  return key.substr(0, prefix.size()) == prefix && key > after && (last.empty() || key <= last);
}

}  // namespace

const std::string& PreparingBundle() { return preparing; }

PrepareScope::PrepareScope(std::string bundle_tag)
    : previous_(std::exchange(preparing, std::move(bundle_tag))) {}

PrepareScope::~PrepareScope() { preparing = std::move(previous_); }

void PreparedWrites::Add(const std::string& tag, std::vector<Write> writes, int64_t now_micros) {
  absl::MutexLock lock(&mu_);
  Bundle& bundle = bundles_[tag];
  bundle.touched_micros = now_micros;
  for (Write& w : writes) bundle.writes.insert_or_assign(std::move(w.key), std::move(w.value));
  EvictLocked(now_micros);
}

void PreparedWrites::EvictLocked(int64_t now_micros) {
  std::erase_if(bundles_,
                [&](const auto& entry) { return now_micros - entry.second.touched_micros > kIdleMicros; });
  while (bundles_.size() > kMaxBundles) {
    auto oldest = std::min_element(bundles_.begin(), bundles_.end(), [](const auto& a, const auto& b) {
      return a.second.touched_micros < b.second.touched_micros;
    });
    bundles_.erase(oldest);
  }
}

void PreparedWrites::Drop(const std::string& tag) {
  absl::MutexLock lock(&mu_);
  bundles_.erase(tag);
}

bool PreparedWrites::empty() const {
  absl::MutexLock lock(&mu_);
  return bundles_.empty();
}

std::optional<std::optional<std::string>> PreparedWrites::Lookup(const std::string& tag,
                                                                 std::string_view key) const {
  absl::MutexLock lock(&mu_);
  auto bundle = bundles_.find(tag);
  if (bundle == bundles_.end()) return std::nullopt;
  auto it = bundle->second.writes.find(key);
  if (it == bundle->second.writes.end()) return std::nullopt;
  return it->second;
}

size_t PreparedWrites::DeletesIn(const std::string& tag, std::string_view prefix,
                                 std::string_view after) const {
  absl::MutexLock lock(&mu_);
  auto bundle = bundles_.find(tag);
  if (bundle == bundles_.end()) return 0;
  size_t deletes = 0;
  for (auto it = bundle->second.writes.lower_bound(prefix); it != bundle->second.writes.end(); ++it) {
    if (std::string_view(it->first).substr(0, prefix.size()) != prefix) break;
    if (InRange(it->first, prefix, after, {}) && !it->second.has_value()) ++deletes;
  }
  return deletes;
}

void PreparedWrites::Merge(const std::string& tag, std::string_view prefix, std::string_view after,
                           std::string_view last, std::vector<KeyValue>* rows) const {
  absl::MutexLock lock(&mu_);
  auto bundle = bundles_.find(tag);
  if (bundle == bundles_.end()) return;
  std::vector<KeyValue> merged;
  merged.reserve(rows->size());
  auto stored = rows->begin();
  for (auto it = bundle->second.writes.lower_bound(prefix); it != bundle->second.writes.end(); ++it) {
    if (std::string_view(it->first).substr(0, prefix.size()) != prefix) break;
    if (!InRange(it->first, prefix, after, last)) continue;
    for (; stored != rows->end() && stored->key < it->first; ++stored) merged.push_back(std::move(*stored));
    if (stored != rows->end() && stored->key == it->first) ++stored;  // the prepared write replaces it
    if (it->second.has_value()) merged.push_back(KeyValue{it->first, *it->second});
  }
  for (; stored != rows->end(); ++stored) merged.push_back(std::move(*stored));
  *rows = std::move(merged);
}

}  // namespace lkip
