#include "services/keuangan/budget_input.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"

namespace lkip::keuangan {
namespace {

constexpr int kMaxLines = 2000;

// Checks the lines against the rule set's programs and kegiatan; INVALID_ARGUMENT names
// lines[i] and the field.
absl::StatusOr<std::vector<Line>> CheckLines(
    const rules::v1::BudgetRules& rules, int year,
    const google::protobuf::RepeatedPtrField<v1::BudgetLine>& lines) {
  if (lines.empty()) return absl::InvalidArgumentError("lines: is empty");
  if (lines.size() > kMaxLines) {
    return absl::InvalidArgumentError(
        absl::StrCat("lines: ", lines.size(), " lines exceed the limit of ", kMaxLines));
  }
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<Line> out;
  int64_t total = 0;
  for (int i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    const std::string path = absl::StrCat("lines[", i, "]");
    RETURN_IF_ERROR(FindBudgetKegiatan(rules, year, path, l.program_code(), l.kegiatan_code()).status());
    if (l.amount().amount() < 0) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".amount: ", l.amount().amount(), " is negative"));
    }
    if (l.amount().amount() > kMaxRequestRupiah) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".amount: ", l.amount().amount(),
                                                     " exceeds the limit of ", kMaxRequestRupiah,
                                                     " rupiah per request"));
    }
    if (!seen.insert({l.program_code(), l.kegiatan_code()}).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": ", l.program_code(), "/", l.kegiatan_code(), " appears twice"));
    }
    out.push_back({l.program_code(), l.kegiatan_code(), l.amount().amount()});
    // Each line is within the limit and there are at most kMaxLines: the sum fits in int64.
    total += l.amount().amount();
  }
  if (total > kMaxRequestRupiah) {
    return absl::InvalidArgumentError(absl::StrCat("lines: the amounts add up to ", total,
                                                   " rupiah, above the limit of ", kMaxRequestRupiah,
                                                   " per request"));
  }
  return out;
}

}  // namespace

absl::StatusOr<const rules::v1::BudgetRules*> BudgetRulesFor(const RuleBook& book, int year) {
  ASSIGN_OR_RETURN(const YearRules* rules, book.ForYear(year));
  if (rules->rules().instruments().budget().programs_size() == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "fiscal_year: the ", year, " rule set names no budget programs (instruments.budget.programs)"));
  }
  return &rules->rules().instruments().budget();
}

absl::StatusOr<DipaInput> CheckDipa(const rules::v1::BudgetRules& rules,
                                    const v1::RecordDipaRequest& request) {
  if (!IsPrintableText(request.dipa_ref(), 200)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dipa_ref: \"", request.dipa_ref(), "\" must be 1..200 printable characters (the DIPA's number)"));
  }
  ASSIGN_OR_RETURN(std::string date, CheckFiscalDate("date", request.date(), request.fiscal_year()));
  DipaInput out{request.fiscal_year(), request.satker_code(), request.dipa_ref(), date, {}};
  ASSIGN_OR_RETURN(out.lines, CheckLines(rules, request.fiscal_year(), request.lines()));
  return out;
}

absl::StatusOr<RealisasiInput> CheckRealisasi(const rules::v1::BudgetRules& rules,
                                              const v1::RecordRealisasiRequest& request) {
  if (request.month() < 1 || request.month() > 12) {
    return absl::InvalidArgumentError(absl::StrCat("month: ", request.month(), " is outside 1..12"));
  }
  if (!request.source_document().empty() && !IsPrintableText(request.source_document(), 200)) {
    return absl::InvalidArgumentError("source_document: must be at most 200 printable characters");
  }
  RealisasiInput out{
      request.fiscal_year(), request.satker_code(), request.month(), request.source_document(), {}};
  ASSIGN_OR_RETURN(out.lines, CheckLines(rules, request.fiscal_year(), request.lines()));
  return out;
}

absl::StatusOr<int> ThroughMonth(int requested) {
  if (requested < 0 || requested > 12) {
    return absl::InvalidArgumentError(absl::StrCat("through_month: ", requested, " is outside 0..12"));
  }
  return requested == 0 ? 12 : requested;
}

}  // namespace lkip::keuangan
