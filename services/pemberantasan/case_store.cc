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

}  // namespace

absl::StatusOr<StageOutcome> CaseStore::RecordStage(const WriteContext& context, const StageInput& input) {
  const v1::CaseStage stage = input.stage.stage;
  const std::string& date = input.stage.date;
  if (!IsPrintableText(input.case_ref, 100)) {
    return absl::InvalidArgumentError(absl::StrCat("case_ref: \"", input.case_ref,
                                                   "\" must be 1..100 printable characters (a file number)"));
  }
  if (!v1::CaseStage_IsValid(stage) || stage == v1::CASE_STAGE_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat("stage: ", stage, " is not a case stage"));
  }
  if (input.document_ref.size() > 200) {
    return absl::InvalidArgumentError("document_ref: longer than 200 characters");
  }
  WriteSerializer::Turn turn(writes_);
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", input.satker_code));
  const std::string key = CaseKey(input.satker_code, input.case_ref);
  ASSIGN_OR_RETURN(auto stored, store_->Find(key));
  storage::v1::CaseFileRecord file;
  if (stored.has_value() && !file.ParseFromString(*stored))
    return absl::DataLossError("corrupt case file record");
  for (const auto& s : file.stages()) {
    // A stage already recorded on that date: a retry, or a replay of the file's history.
    if (s.stage() == stage && s.date() == date) {
      return StageOutcome{true, static_cast<v1::CaseStage>(file.stages(file.stages_size() - 1).stage())};
    }
  }
  std::vector<StageEntry> recorded;
  for (const auto& s : file.stages()) recorded.push_back({static_cast<v1::CaseStage>(s.stage()), s.date()});
  RETURN_IF_ERROR(CheckNextStage(recorded, input.stage, ""));
  auto* entry = file.add_stages();
  entry->set_stage(stage);
  entry->set_date(date);
  entry->set_document_ref(input.document_ref);
  Mutation mutation;
  if (stage == v1::CASE_STAGE_P21) {
    file.set_p21_date(date);
    const int year = YearOfIsoDate(date);
    auto rules = rules_->ForYear(year);
    const std::string count_key =
        KeyBuilder(kTagP21Count).AddInt32(year).AddString(input.satker_code).Build();
    ASSIGN_OR_RETURN(auto stored_count, store_->Find(count_key));
    storage::v1::CountRecord count;
    if (stored_count.has_value() && !count.ParseFromString(*stored_count))
      return absl::DataLossError("corrupt count");
    count.set_count(count.count() + 1);
    mutation.PutKnownPrevious(count_key, count.SerializeAsString(), std::move(stored_count));
    if (rules.ok() && !(*rules)->rules().instruments().case_p21_measure().empty()) {
      PutComputedValue(
          *store_, year, (*rules)->rules().instruments().case_p21_measure(),
          units.ProvinceOf(input.satker_code), input.satker_code, Decimal(count.count()),
          absl::StrCat(count.count(), " berkas perkara P-21 tahun ", year, "; terakhir ", input.case_ref),
          context.actor,
          absl::StrCat("rules ", (*rules)->version(),
                       " berkas_p21: berkas dengan tanggal P-21 dalam tahun anggaran (§7.1)"),
          &mutation);
    }
  }
  mutation.PutKnownPrevious(key, file.SerializeAsString(), std::move(stored));
  RETURN_IF_ERROR(store_->Commit(context, std::move(mutation)));
  return StageOutcome{false, stage};
}

absl::StatusOr<storage::v1::CaseFileRecord> CaseStore::Get(const std::string& satker_code,
                                                           const std::string& case_ref) const {
  ASSIGN_OR_RETURN(auto stored, store_->Find(CaseKey(satker_code, case_ref)));
  storage::v1::CaseFileRecord file;
  if (!stored.has_value()) {
    return absl::NotFoundError(absl::StrCat("case file \"", case_ref, "\" of ", satker_code));
  }
  if (!file.ParseFromString(*stored)) return absl::DataLossError("corrupt case file record");
  return file;
}

absl::StatusOr<CaseFilePage> CaseStore::ListP21(const std::string& satker_code, int fiscal_year,
                                                int page_size, const std::string& page_token) const {
  ASSIGN_OR_RETURN(std::shared_ptr<const UnitTree> units_held, LoadUnitTree(*store_));
  const UnitTree& units = *units_held;
  RETURN_IF_ERROR(CheckSatkerCode(units, "satker_code", satker_code));
  ASSIGN_OR_RETURN(const size_t rows, PageSize(page_size));
  const std::string prefix = KeyBuilder(kTagCaseFile).AddString(satker_code).Build();
  ASSIGN_OR_RETURN(Store::Page page, store_->ScanPage(prefix, page_token, rows));
  CaseFilePage out;
  out.next_page_token = std::move(page.next_page_token);
  for (const auto& kv : page.rows) {
    storage::v1::CaseFileRecord file;
    if (!file.ParseFromString(kv.value)) return absl::DataLossError("corrupt case file record");
    if (file.p21_date().empty() || YearOfIsoDate(file.p21_date()) != fiscal_year) continue;
    KeyReader reader(std::string_view(kv.key).substr(prefix.size()));
    ASSIGN_OR_RETURN(std::string ref, reader.ReadString());
    out.files.emplace_back(std::move(ref), std::move(file));
  }
  return out;
}

}  // namespace lkip::pemberantasan
