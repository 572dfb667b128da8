#include "services/aggregator/report/bound_figures.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/numeric/rounded_text.h"
#include "services/aggregator/report/report_builder.h"

namespace lkip::aggregator {
namespace {

constexpr size_t kMaxRef = 200;

// The grammar's spelling of a written ref: the shorthands expanded.
std::string Expanded(absl::string_view written) {
  std::string ref(absl::StripAsciiWhitespace(written));
  if (absl::StartsWith(ref, "IKK-")) ref = absl::StrCat("ikk.", ref);
  const std::vector<absl::string_view> p = absl::StrSplit(ref, '.');
  if (p.size() == 4 && p[0] == "ikk" && p[2] == "satker") absl::StrAppend(&ref, ".value");
  return ref;
}

}  // namespace

std::string BoundFigureText(const StatedRefValue& value) {
  return DisplayIndonesian(value.exact, value.places);
}

std::string ShortestBoundRef(const std::string& ref) {
  if (!absl::StartsWith(ref, "ikk.IKK-")) return ref;
  std::string shorter = ref.substr(4);
  const std::vector<absl::string_view> p = absl::StrSplit(shorter, '.');
  if (p.size() == 4 && p[1] == "satker" && p[3] == "value") shorter.resize(shorter.size() - 6);
  // Written back, the shorthand must expand to the same ref.
  return Expanded(shorter) == ref ? shorter : ref;
}

absl::StatusOr<std::vector<BoundRef>> FindBoundRefs(absl::string_view text) {
  std::vector<BoundRef> out;
  for (size_t at = text.find("{{"); at != absl::string_view::npos; at = text.find("{{", at)) {
    const size_t close = text.find("}}", at + 2);
    if (close == absl::string_view::npos || close - at - 2 > kMaxRef ||
        text.substr(at + 2, close - at - 2).find('\n') != absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"{{\" at byte ", at + 1, " has no \"}}\" on its line"));
    }
    std::string ref = Expanded(text.substr(at + 2, close - at - 2));
    if (ref.empty())
      return absl::InvalidArgumentError(absl::StrCat("\"{{}}\" at byte ", at + 1, " names nothing"));
    out.push_back({at, close + 2, std::move(ref)});
    at = close + 2;
  }
  return out;
}

absl::Status CheckBoundRefs(const std::string& path, absl::string_view text, const RefNames& names) {
  auto refs = FindBoundRefs(text);
  if (!refs.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", refs.status().message()));
  for (const auto& r : *refs) {
    if (std::string why = RefShapeError(r.ref, names); !why.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": {{", text.substr(r.begin + 2, r.end - r.begin - 4), "}}: ", why));
    }
  }
  return absl::OkStatus();
}

std::vector<UnboundRef> BindTexts(const VerifyInputs& in, report::v1::Report* report) {
  std::vector<UnboundRef> unbound;
  ForEachText(report, [&](report::v1::Text* text) {
    for (std::string& paragraph : *text->mutable_paragraphs()) {
      auto refs = FindBoundRefs(paragraph);
      if (!refs.ok() || refs->empty()) continue;  // refused when stored: only an old text gets here
      std::string bound;
      size_t from = 0;
      for (const auto& r : *refs) {
        absl::StrAppend(&bound, absl::string_view(paragraph).substr(from, r.begin - from));
        from = r.end;
        const std::optional<StatedRefValue> value = ResolveStatedRef(in, r.ref);
        if (value) {
          absl::StrAppend(&bound, BoundFigureText(*value));
        } else {
          absl::StrAppend(&bound, "[belum ada data: ", r.ref, "]");
          unbound.push_back({text->key(), r.ref});
        }
      }
      absl::StrAppend(&bound, absl::string_view(paragraph).substr(from));
      paragraph = std::move(bound);
    }
  });
  return unbound;
}

}  // namespace lkip::aggregator
