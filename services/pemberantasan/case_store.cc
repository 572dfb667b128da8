#include "services/pemberantasan/case_store.h"

#include "absl/strings/str_cat.h"
#include "common/bidang/satker_values.h"
#include "common/status/macros.h"
#include "common/storage/key_codec.h"
#include "common/storage/pagination.h"
#include "common/units/unit_tree.h"
#include "common/validation/fields.h"
#include "lkip/storage/v1/records.pb.h"
#include "services/pemberantasan/case_file.h"

namespace lkip::pemberantasan {
namespace {

std::string CaseKey(const std::string& satker, const std::string& ref) {
  return KeyBuilder(kTagCaseFile).AddString(satker).AddString(ref).Build();
}

v1::CaseFile ToCaseFile(const std::string& satker, const std::string& ref,
                        const storage::v1::CaseFileRecord& r) {
  v1::CaseFile out;
  out.set_satker_code(satker);
  out.set_case_ref(ref);
  for (const auto& s : r.stages()) {
    auto* e = out.add_stages();
    e->set_stage(static_cast<v1::CaseStage>(s.stage()));
    e->set_date(s.date());
    e->set_document_ref(s.document_ref());
  }
  out.set_p21_date(r.p21_date());
  return out;
}

}  // namespace

absl::StatusOr<v1::RecordCaseStageResponse> CaseStore::RecordStage(
    const WriteContext& context, const v1::RecordCaseStageRequest& request) {
  if (!IsPrintableText(request.case_ref(), 100)) {
    return absl::InvalidArgumentError(absl::StrCat("case_ref: \"", request.case_ref(),
                                                   "\" must be 1..100 printable characters (a file number)"));
  }
  if (!v1::CaseStage_IsValid(request.stage()) || request.stage() == v1::CASE_STAGE_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat("stage: ", request.stage(), " is not a case stage"));
  }
  if (!IsIsoDate(request.date())) {
    return absl::InvalidArgumentError(
        absl::StrCat("date: \"", request.date(), "\" is not a date (YYYY-MM-DD)"));
  }
  if (request.document_ref().size() > 200) {
    return absl::InvalidArgumentError("document_ref: longer than 200 characters");
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", request.satker_code()));
  const std::string key = CaseKey(request.satker_code(), request.case_ref());
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  storage::v1::CaseFileRecord file;
  if (stored.has_value() && !file.ParseFromString(*stored))
    return absl::DataLossError("corrupt case file record");
  v1::RecordCaseStageResponse response;
  for (const auto& s : file.stages()) {
    // A stage already recorded on that date: a retry, or a replay of the file's history.
    if (s.stage() == request.stage() && s.date() == request.date()) {
      response.set_unchanged(true);
      response.set_current_stage(static_cast<v1::CaseStage>(file.stages(file.stages_size() - 1).stage()));
      return response;
    }
  }
  std::vector<StageEntry> recorded;
  for (const auto& s : file.stages()) recorded.push_back({static_cast<v1::CaseStage>(s.stage()), s.date()});
  RETURN_IF_ERROR(CheckNextStage(recorded, {request.stage(), request.date()}, ""));
  auto* entry = file.add_stages();
  entry->set_stage(request.stage());
  entry->set_date(request.date());
  entry->set_document_ref(request.document_ref());
  Mutation mutation;
  if (request.stage() == v1::CASE_STAGE_P21) {
    file.set_p21_date(request.date());
    const int year = YearOfIsoDate(request.date());
    auto rules = rules_->ForYear(year);
    const std::string count_key =
        KeyBuilder(kTagP21Count).AddInt32(year).AddString(request.satker_code()).Build();
    ASSIGN_OR_RETURN(auto stored_count, store_->Find(count_key));
    storage::v1::CountRecord count;
    if (stored_count.has_value() && !count.ParseFromString(*stored_count))
      return absl::DataLossError("corrupt count");
    count.set_count(count.count() + 1);
    mutation.PutKnownPrevious(count_key, count.SerializeAsString(), std::move(stored_count));
    if (rules.ok() && !(*rules)->rules().instruments().case_p21_measure().empty()) {
      PutComputedValue(
          *store_, year, (*rules)->rules().instruments().case_p21_measure(),
          units.ProvinceOf(request.satker_code()), request.satker_code(), Decimal(count.count()),
          absl::StrCat(count.count(), " berkas perkara P-21 tahun ", year, "; terakhir ", request.case_ref()),
          context.actor,
          absl::StrCat("rules ", (*rules)->version(),
                       " berkas_p21: berkas dengan tanggal P-21 dalam tahun anggaran (§7.1)"),
          &mutation);
    }
  }
  mutation.PutKnownPrevious(key, file.SerializeAsString(), std::move(stored));
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  response.set_current_stage(request.stage());
  return response;
}

absl::StatusOr<v1::CaseFile> CaseStore::Get(const v1::GetCaseFileRequest& request) const {
  ASSIGN_OR_RETURN(auto stored, store_->Find(CaseKey(request.satker_code(), request.case_ref())));
  storage::v1::CaseFileRecord file;
  if (!stored.has_value() || !file.ParseFromString(*stored)) {
    return absl::NotFoundError(
        absl::StrCat("case file \"", request.case_ref(), "\" of ", request.satker_code()));
  }
  return ToCaseFile(request.satker_code(), request.case_ref(), file);
}

absl::StatusOr<v1::ListP21FilesResponse> CaseStore::ListP21(const v1::ListP21FilesRequest& request) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", request.satker_code()));
  ASSIGN_OR_RETURN(const size_t page_size, PageSize(request.page_size()));
  const std::string prefix = KeyBuilder(kTagCaseFile).AddString(request.satker_code()).Build();
  ASSIGN_OR_RETURN(Store::Page page, store_->ScanPage(prefix, request.page_token(), page_size));
  v1::ListP21FilesResponse out;
  out.set_next_page_token(std::move(page.next_page_token));
  for (const auto& kv : page.rows) {
    storage::v1::CaseFileRecord file;
    if (!file.ParseFromString(kv.value)) return absl::DataLossError("corrupt case file record");
    if (file.p21_date().empty() || YearOfIsoDate(file.p21_date()) != request.fiscal_year()) continue;
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string ref, reader.ReadString());
    *out.add_files() = ToCaseFile(request.satker_code(), ref, file);
  }
  return out;
}

}  // namespace lkip::pemberantasan
