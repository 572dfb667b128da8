// One store's read-modify-write requests, one at a time. A write that reads what it replaces (a
// count it increments, the unit tree it validates as a whole, the values its audit entry
// compares with) holds its turn from that read to its Commit, so two requests never build on the
// same state; RocksDB serializes the writes themselves, not what a request read before them.
// Reads that write nothing take no turn. Every store that read-modify-writes has one, named
// `writes_`, and nothing else: the state it guards is in RocksDB, not in members.
//
//   absl::StatusOr<Response> CaseStore::RecordStage(...) {
//     WriteSerializer::Turn turn(writes_);
//     ... Find ... Commit ...
//   }
#pragma once

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace lkip {

class WriteSerializer {
 public:
  WriteSerializer() = default;
  WriteSerializer(const WriteSerializer&) = delete;
  WriteSerializer& operator=(const WriteSerializer&) = delete;

  // The turn of one request, for the scope it lives in.
  class ABSL_SCOPED_LOCKABLE Turn {
   public:
    explicit Turn(WriteSerializer& serializer) ABSL_EXCLUSIVE_LOCK_FUNCTION(serializer.mu_)
        : lock_(&serializer.mu_) {}
    ~Turn() ABSL_UNLOCK_FUNCTION() = default;
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;

   private:
    absl::MutexLock lock_;
  };

 private:
  absl::Mutex mu_;
};

}  // namespace lkip
