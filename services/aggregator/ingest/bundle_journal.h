// The aggregator's journal of data bundles (ReportService.ImportBundle): one record per bundle id
// with its digest, state and the writes of its last attempt, written before the first write to a
// service and after the last, so a bundle stopped halfway is never a silent half: its record says
// INCOMPLETE (or, if the aggregator itself stopped, IN_PROGRESS) until the same bundle is sent
// again or rolled back. While one call works on a bundle id, another is refused (ABORTED).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::aggregator {

inline constexpr uint8_t kTagBundleJournal = 0x23;  // [bundle id] -> BundleJournalRecord

// What the writes of a bundle's attempt are tagged with in every store (WriteContext::bundle_id):
// the id for the first attempt, "<id>@<n>" for the n-th (each attempt rolls back on its own).
std::string BundleTag(const std::string& bundle_id, int attempt);

class BundleJournal {
 public:
  explicit BundleJournal(Store* store) : store_(store) {}

  absl::StatusOr<std::optional<storage::v1::BundleJournalRecord>> Find(const std::string& bundle_id) const;
  // One page of the journal in order of id: `page_size` records read after `page_token`.
  struct Page {
    std::vector<std::pair<std::string, storage::v1::BundleJournalRecord>> bundles;
    std::string next_page_token;  // empty on the last page
  };
  absl::StatusOr<Page> List(std::string_view page_token, size_t page_size) const;
  // Writes the record (audited, the summary naming the bundle and `what` happened).
  absl::Status Put(const WriteContext& context, const std::string& bundle_id,
                   const storage::v1::BundleJournalRecord& record, const std::string& what);

  // The call's hold on a bundle id: ABORTED while another call holds it.
  class Hold {
   public:
    Hold(Hold&& other) noexcept : journal_(other.journal_), id_(std::move(other.id_)) {
      other.journal_ = nullptr;
    }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;
    Hold& operator=(Hold&&) = delete;
    ~Hold();

   private:
    friend class BundleJournal;
    Hold(BundleJournal* journal, std::string id) : journal_(journal), id_(std::move(id)) {}
    BundleJournal* journal_;
    std::string id_;
  };
  absl::StatusOr<Hold> Claim(const std::string& bundle_id);

 private:
  Store* store_;
  absl::Mutex mu_;
  std::set<std::string> busy_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lkip::aggregator
