// Case files (berkas perkara) and the P-21 count per satker and year (IKK-12). A stage is one
// unary write: the file's record, and on P-21 the satker's running count for the year of the
// P-21 date, rewritten as the computed value of instruments.case_p21_measure.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/pemberantasan/case_file.h"

namespace lkip::pemberantasan {

inline constexpr uint8_t kTagCaseFile = 0x70;  // [satker][case_ref] -> CaseFileRecord
inline constexpr uint8_t kTagP21Count = 0x71;  // [year][satker] -> CountRecord

// One dated stage of one case file, as a caller asks to record it.
struct StageInput {
  std::string satker_code;
  std::string case_ref;  // the file's number
  StageEntry stage;      // the stage and its date
  std::string document_ref;
};

// What recording a stage did.
struct StageOutcome {
  bool unchanged = false;  // the stage was already recorded on that date
  v1::CaseStage current_stage = v1::CASE_STAGE_UNSPECIFIED;
};

// One page of a satker's case files, each with its number.
struct CaseFilePage {
  std::vector<std::pair<std::string, storage::v1::CaseFileRecord>> files;
  std::string next_page_token;
};

// The store speaks domain types and storage records; the gRPC adapter (pemberantasan_service)
// turns them into the API's messages.
class CaseStore {
 public:
  CaseStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  // INVALID_ARGUMENT naming the field for a bad input or a transition the file does not allow;
  // NOT_FOUND for a satker not in the unit tree.
  absl::StatusOr<StageOutcome> RecordStage(const WriteContext& context, const StageInput& input);
  // NOT_FOUND when the satker has no such file.
  absl::StatusOr<storage::v1::CaseFileRecord> Get(const std::string& satker_code,
                                                  const std::string& case_ref) const;
  // The satker's files whose P-21 is dated in `fiscal_year`, one page of its files at a time.
  absl::StatusOr<CaseFilePage> ListP21(const std::string& satker_code, int fiscal_year, int page_size,
                                       const std::string& page_token) const;

 private:
  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;  // the P-21 count is read, incremented and written back
};

}  // namespace lkip::pemberantasan
