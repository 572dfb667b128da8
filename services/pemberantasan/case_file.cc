#include "services/pemberantasan/case_file.h"

#include "absl/strings/str_cat.h"

namespace lkip::pemberantasan {

std::string StageName(v1::CaseStage stage) {
  switch (stage) {
    case v1::CASE_STAGE_SPDP:
      return "SPDP";
    case v1::CASE_STAGE_TAHAP_I:
      return "Tahap I";
    case v1::CASE_STAGE_P18:
      return "P-18";
    case v1::CASE_STAGE_P19:
      return "P-19";
    case v1::CASE_STAGE_P21:
      return "P-21";
    case v1::CASE_STAGE_TAHAP_II:
      return "Tahap II";
    default:
      return "(belum ada)";
  }
}

bool TransitionAllowed(v1::CaseStage current, v1::CaseStage next) {
  switch (current) {
    case v1::CASE_STAGE_UNSPECIFIED:
      return next == v1::CASE_STAGE_SPDP;
    case v1::CASE_STAGE_SPDP:
      return next == v1::CASE_STAGE_TAHAP_I;
    case v1::CASE_STAGE_TAHAP_I:
      return next == v1::CASE_STAGE_P18 || next == v1::CASE_STAGE_P19 || next == v1::CASE_STAGE_P21;
    case v1::CASE_STAGE_P18:
      return next == v1::CASE_STAGE_P19;
    case v1::CASE_STAGE_P19:
      return next == v1::CASE_STAGE_TAHAP_I;  // the one way back: the file is sent again
    case v1::CASE_STAGE_P21:
      return next == v1::CASE_STAGE_TAHAP_II;
    default:
      return false;
  }
}

absl::Status CheckNextStage(const std::vector<StageEntry>& recorded, const StageEntry& next,
                            const std::string& path) {
  const v1::CaseStage current = recorded.empty() ? v1::CASE_STAGE_UNSPECIFIED : recorded.back().stage;
  if (!TransitionAllowed(current, next.stage)) {
    return absl::InvalidArgumentError(absl::StrCat(path, "stage: ", StageName(next.stage), " cannot follow ",
                                                   StageName(current),
                                                   recorded.empty() ? " (a case file opens with SPDP)" : ""));
  }
  if (!recorded.empty() && next.date < recorded.back().date) {
    return absl::InvalidArgumentError(absl::StrCat(path, "date: ", next.date, " is before the file's ",
                                                   StageName(current), " of ", recorded.back().date));
  }
  return absl::OkStatus();
}

}  // namespace lkip::pemberantasan
