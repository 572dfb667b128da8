#include "report_render/rendered_cache.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/proto/deterministic.h"
#include "report_render/report_documents.h"

namespace lkip::render {

RenderedCache::Entries::iterator RenderedCache::Locate(const std::string& key) {
  return std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == key; });
}

std::shared_ptr<const TextDocuments> RenderedCache::Find(const std::string& key) {
  absl::MutexLock lock(&mu_);
  auto it = Locate(key);
  if (it == entries_.end()) return nullptr;
  std::rotate(entries_.begin(), it, it + 1);
  return entries_.front().second;
}

void RenderedCache::Put(std::string key, std::shared_ptr<const TextDocuments> documents) {
  if (capacity_ == 0) return;
  absl::MutexLock lock(&mu_);
  if (auto it = Locate(key); it != entries_.end()) entries_.erase(it);
  entries_.insert(entries_.begin(), {std::move(key), std::move(documents)});
  if (entries_.size() > capacity_) entries_.resize(capacity_);
}

std::string RenderedCache::KeyOf(const report::v1::Report& report, bool json, bool html, bool md,
                                 const nlohmann::ordered_json& templates) {
  std::string key = absl::StrCat(Sha256Hex(SerializeDeterministic(report)), json ? " json" : "",
                                 html ? " html" : "", md ? " md" : "");
  for (const auto& t : templates) {
    absl::StrAppend(&key, " ", t["file"].get<std::string>(), "=", t["sha256"].get<std::string>());
  }
  return key;
}

}  // namespace lkip::render
