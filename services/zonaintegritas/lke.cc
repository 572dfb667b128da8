#include "services/zonaintegritas/lke.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace lkip::zonaintegritas {
namespace {

// Adds the criterion; a value below what is required is also named in `failing`.
void AddCriterion(zonaintegritas::v1::ZiVerdict* verdict, std::string description,
                  const std::optional<Decimal>& value, const Decimal& required,
                  std::vector<std::string>& failing) {
  if (value.has_value() && !(*value >= required))
    failing.push_back(absl::StrCat(description, ": ", value->ToIndonesian(2)));
  auto* c = verdict->add_criteria();
  c->set_description(std::move(description));
  c->set_required(required.ToExactString());
  c->set_known(value.has_value());
  if (value.has_value()) {
    c->set_value(value->ToExactString());
    c->set_met(*value >= required);
  }
}

}  // namespace

absl::StatusOr<Decimal> AnswerValue(const rules::v1::ZonaIntegritasRules& rules, const RuleNumbers& numbers,
                                    const std::string& scale, const std::string& answer,
                                    const std::string& path) {
  for (const auto& s : rules.answer_scales()) {
    if (s.id() != scale) continue;
    for (const auto& o : s.options()) {
      if (o.answer() == answer) return numbers.Get(o.value());
    }
    return absl::InvalidArgumentError(
        absl::StrCat(path, ".answer: \"", answer, "\" is not an answer of scale ", scale));
  }
  return absl::InvalidArgumentError(
      absl::StrCat(path, ".scale: \"", scale, "\" is not an answer scale of ", rules.regulation()));
}

Decimal SubAreaScore(const Decimal& weight, const std::vector<Decimal>& answer_values) {
  Decimal sum;
  for (const auto& v : answer_values) sum = sum + v;
  return weight * sum / Decimal(static_cast<long>(answer_values.size()));
}

zonaintegritas::v1::ZiVerdict Judge(const rules::v1::ZonaIntegritasRules& rules, const RuleNumbers& numbers,
                                    const rules::v1::ZiVerdictRule& verdict, const LkeScores& scores) {
  zonaintegritas::v1::ZiVerdict out;
  out.set_label(verdict.label());
  std::vector<std::string> failing;
  const Decimal& min_total = numbers.Get(verdict.min_total());
  AddCriterion(&out, absl::StrCat("Nilai total \u2265 ", min_total.ToIndonesian(2)), scores.total, min_total,
               failing);
  const Decimal& fraction = numbers.Get(verdict.min_area_fraction());
  const std::string pct = (fraction * Decimal(100)).ToIndonesian(0);
  for (const auto& [component, by_area] :
       {std::pair{"Pemenuhan", &scores.pemenuhan}, std::pair{"Reform", &scores.reform}}) {
    for (const auto& area : rules.areas()) {
      const Decimal required = numbers.Get(area.weight()) * fraction;
      auto it = by_area->find(area.id());
      std::optional<Decimal> value;
      if (it != by_area->end()) value = it->second;
      AddCriterion(&out,
                   absl::StrCat(component, " ", area.name(), " \u2265 ", pct, "% bobot (",
                                required.ToIndonesian(2), ")"),
                   value, required, failing);
    }
  }
  for (const auto& h : rules.hasil()) {
    auto min = verdict.min_hasil().find(h.id());
    if (min == verdict.min_hasil().end()) continue;
    const Decimal& required = numbers.Get(min->second);
    auto it = scores.hasil.find(h.id());
    std::optional<Decimal> value;
    if (it != scores.hasil.end()) value = it->second;
    AddCriterion(&out, absl::StrCat(h.name(), " \u2265 ", required.ToIndonesian(2)), value, required,
                 failing);
  }
  std::vector<std::string> unknown;
  for (const auto& c : out.criteria()) {
    if (!c.known()) unknown.push_back(c.description());
  }
  out.set_determinable(unknown.empty());
  out.set_eligible(unknown.empty() && failing.empty());
  if (out.eligible()) {
    out.set_summary(absl::StrCat("Memenuhi syarat ", verdict.label(), "."));
  } else {
    std::string summary = failing.empty() ? absl::StrCat("Belum dapat ditentukan untuk ", verdict.label())
                                          : absl::StrCat("Tidak memenuhi syarat ", verdict.label(), ": ",
                                                         absl::StrJoin(failing, "; "));
    if (!unknown.empty()) absl::StrAppend(&summary, "; belum dapat dinilai: ", absl::StrJoin(unknown, "; "));
    out.set_summary(summary + ".");
  }
  return out;
}

}  // namespace lkip::zonaintegritas
