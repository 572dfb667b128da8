// Withdrawing a committed import (IndicatorSource.WithdrawImport): the import's kept rows are read
// back in row order and handed to the instrument, which adds to one mutation what undoes the
// import (sums subtracted, records it wrote removed or the ones they replaced brought back,
// computed values recomputed); that mutation, the import record marked withdrawn and the audit
// entry with the reason are one commit, in the same turn as import commits, so no import
// commits halfway through a withdrawal.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/bidang/import_session.h"
#include "common/storage/store.h"
#include "common/units/unit_tree.h"

namespace lkip {

// What an instrument's reversal knows of the import it undoes.
struct ImportToWithdraw {
  std::string kind;
  std::string import_id;
  int fiscal_year = 0;
  std::string actor;       // who withdraws it
  std::string provenance;  // for the values recomputed: "penarikan impor <id>: <reason>"
};

class InstrumentWithdrawal {
 public:
  virtual ~InstrumentWithdrawal() = default;
  // One kept row, as the import staged it (the instrument's row message, serialized).
  virtual absl::Status Take(std::string_view row_bytes) = 0;
  // Adds to `mutation` what undoes the import and names the satker whose values it changes.
  // DATA_LOSS when the stored state cannot hold what the import added (it was changed behind
  // the import's back).
  virtual absl::Status Reverse(Mutation* mutation, std::vector<std::string>* satker_updated) = 0;
};

// The usual shape: the kept bytes are the instrument's row message.
template <typename Row>
class RowWithdrawal : public InstrumentWithdrawal {
 public:
  absl::Status Take(std::string_view row_bytes) final {
    Row row;
    if (!row.ParseFromArray(row_bytes.data(), static_cast<int>(row_bytes.size()))) {
      return absl::DataLossError(
          absl::StrCat("a kept row of the import is not a ", Row::descriptor()->name()));
    }
    return TakeRow(row);
  }

 protected:
  virtual absl::Status TakeRow(const Row& row) = 0;
};

// Makes the reversal of one import; `units` outlives it.
using WithdrawalFactory = std::function<std::unique_ptr<InstrumentWithdrawal>(const ImportToWithdraw& import,
                                                                              const UnitTree& units)>;

// A stored record that keeps the record it replaced (`replaced`, of an earlier import) is a chain
// from the latest import back: this is the chain without `import_id`'s link (nullopt when it was
// the only one). Withdrawing the import that wrote the head brings back the one it replaced.
template <typename Record>
std::optional<Record> WithoutImport(const Record& head, const std::string& import_id) {
  if (head.import_id() == import_id) {
    if (!head.has_replaced()) return std::nullopt;
    return head.replaced();
  }
  Record out = head;
  if (head.has_replaced()) {
    std::optional<Record> rest = WithoutImport(head.replaced(), import_id);
    if (rest.has_value()) {
      *out.mutable_replaced() = *std::move(rest);
    } else {
      out.clear_replaced();
    }
  }
  return out;
}

// Withdraws `kind`/`import_id` with `reason` (1..500 characters, no control characters).
// INVALID_ARGUMENT naming the field; NOT_FOUND when it was never committed here;
// FAILED_PRECONDITION when it was withdrawn before; DATA_LOSS when its rows are not all kept.
// Returns the import as it is now.
absl::StatusOr<CommittedImport> WithdrawImport(Store& store, const UnitTree& units, const std::string& kind,
                                               const std::string& import_id, const std::string& reason,
                                               const WriteContext& context, const WithdrawalFactory& factory);

}  // namespace lkip
