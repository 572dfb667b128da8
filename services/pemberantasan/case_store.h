// Case files (berkas perkara) and the P-21 count per satker and year (IKK-12). A stage is one
// unary write: the file's record, and on P-21 the satker's running count for the year of the
// P-21 date, rewritten as the computed value of instruments.case_p21_measure.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/rules/rule_book.h"
#include "common/storage/store.h"
#include "common/storage/write_serializer.h"
#include "lkip/pemberantasan/v1/pemberantasan.pb.h"

namespace lkip::pemberantasan {

inline constexpr uint8_t kTagCaseFile = 0x70;  // [satker][case_ref] -> CaseFileRecord
inline constexpr uint8_t kTagP21Count = 0x71;  // [year][satker] -> CountRecord

class CaseStore {
 public:
  CaseStore(Store* store, const RuleBook* rules) : store_(store), rules_(rules) {}

  absl::StatusOr<v1::RecordCaseStageResponse> RecordStage(const WriteContext& context,
                                                          const v1::RecordCaseStageRequest& request);
  absl::StatusOr<v1::CaseFile> Get(const v1::GetCaseFileRequest& request) const;
  absl::StatusOr<v1::ListP21FilesResponse> ListP21(const v1::ListP21FilesRequest& request) const;

 private:
  Store* store_;
  const RuleBook* rules_;
  WriteSerializer writes_;  // the P-21 count is read, incremented and written back
};

}  // namespace lkip::pemberantasan
