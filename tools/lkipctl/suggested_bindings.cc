#include "tools/lkipctl/suggested_bindings.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"

namespace lkip::ctl {

absl::StatusOr<SuggestedBindings> SuggestBindings(const aggregator::v1::GetNarrativesResponse& stored,
                                                  const report::v1::VerifyReportResponse& verified) {
  // Each text's bindings, last first: replacing from the end keeps the earlier offsets true.
  std::map<std::string, std::vector<const report::v1::TypedFigureCheck*>> by_text;
  SuggestedBindings out;
  for (const auto& check : verified.typed_figures()) {
    if (check.outcome() == report::v1::TYPED_FIGURE_OUTCOME_AGREES) ++out.agreeing;
    if (!check.binding().empty()) by_text[check.text_key()].push_back(&check);
  }
  for (const auto& n : stored.narratives()) {
    std::string text = n.text();
    auto found = by_text.find(n.key());
    if (found != by_text.end()) {
      auto& checks = found->second;
      std::sort(checks.begin(), checks.end(),
                [](const auto* a, const auto* b) { return a->begin() > b->begin(); });
      std::vector<std::string> changes;  // last first, as replaced
      for (const auto* check : checks) {
        const size_t begin = check->begin(), end = check->end();
        if (end <= begin || end > text.size() ||
            check->written().find(text.substr(begin, end - begin)) == std::string::npos) {
          return absl::FailedPreconditionError(
              absl::StrCat("text ", n.key(), ": \"", check->written(), "\" is no longer at byte ", begin + 1,
                           "; the texts changed since they were verified: verify again"));
        }
        changes.push_back(
            absl::StrCat(n.key(), ": ", text.substr(begin, end - begin), " -> {{", check->binding(), "}}"));
        text.replace(begin, end - begin, absl::StrCat("{{", check->binding(), "}}"));
        ++out.bound;
      }
      out.changes.insert(out.changes.end(), changes.rbegin(), changes.rend());
      by_text.erase(found);
    }
    out.texts.emplace_back(n.key(), std::move(text));
  }
  if (!by_text.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("text ", by_text.begin()->first, " was verified but is no longer stored: verify again"));
  }
  return out;
}

}  // namespace lkip::ctl
