// The documents the templates make from a report (lkip.json, lkip.html, lkip.md and the charts
// beside it), kept for the next request of the same report. They are byte-identical for the same
// report and templates (report_documents.h), so a report that did not change since the last
// RenderReport (headquarters pulling a province again, a second click on "unduh") is not rendered
// again: the aggregator still fetches the data, builds and verifies the report, and compares it
// with what was rendered by its digest. The manifest is made anew at every render.
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lkip/report/v1/report.pb.h"

namespace lkip::render {

// What the templates made of one report.
struct TextDocuments {
  std::vector<report::v1::RenderedFile> files;  // with their digests, in the manifest's order
  nlohmann::ordered_json templates = nlohmann::ordered_json::array();  // the manifest's entries
};

class RenderedCache {
 public:
  // Keeps the documents of the `entries` reports rendered last; 0 keeps none.
  explicit RenderedCache(size_t entries) : capacity_(entries) {}

  // The documents rendered under `key`, or nullptr.
  std::shared_ptr<const TextDocuments> Find(const std::string& key);
  void Put(std::string key, std::shared_ptr<const TextDocuments> documents);

  // What a render looks documents up by: the report's digest, the formats asked for and the
  // templates' digests, so an edited template or a changed figure renders anew.
  static std::string KeyOf(const report::v1::Report& report, bool json, bool html, bool md,
                           const nlohmann::ordered_json& templates);

 private:
  using Entries = std::vector<std::pair<std::string, std::shared_ptr<const TextDocuments>>>;
  Entries::iterator Locate(const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t capacity_;
  absl::Mutex mu_;
  Entries entries_ ABSL_GUARDED_BY(mu_);  // most recently used first
};

}  // namespace lkip::render
