// Figures bound in written texts: a writer puts `{{ref}}` in a narrative instead of typing a
// number, and the report prints the figure the ref names, from the data, in the report's
// Indonesian format. A ref is a stated figure's ref (stated_refs.h, the one grammar), with two
// shorthands: `IKK-11.realisasi` for `ikk.IKK-11.realisasi`, and `IKK-12.satker.BNNK_BIMA` for
// its `.value`. A ref the grammar does not know is refused when the text is stored
// (CheckBoundRefs); one the data does not hold (yet) prints as missing and is an ERROR of the
// verifier, so a final document never carries it.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lkip/report/v1/report.pb.h"
#include "services/aggregator/report/stated_refs.h"

namespace lkip::aggregator {

struct BoundRef {
  size_t begin = 0, end = 0;  // the bytes of "{{...}}" in the text
  std::string ref;            // as the grammar spells it (shorthands expanded)
};

// The bound refs of a text, in order. INVALID_ARGUMENT for "{{" without its "}}", an empty ref
// or one longer than 200 bytes, naming the byte.
absl::StatusOr<std::vector<BoundRef>> FindBoundRefs(absl::string_view text);

// Every bound ref of `text` is of the grammar and names a known IKK and satker; otherwise
// INVALID_ARGUMENT "<path>: {{ref}} ...", saying what is wrong.
absl::Status CheckBoundRefs(const std::string& path, absl::string_view text, const RefNames& names);

// A data figure as a bound ref prints it: "16.468.319.000", "99,44", "65,00".
std::string BoundFigureText(const StatedRefValue& value);

// The shortest way to write `ref` in a text: "IKK-11.realisasi" for "ikk.IKK-11.realisasi",
// "IKK-12.satker.BNNK_BIMA" for its ".value"; any other ref as it is.
std::string ShortestBoundRef(const std::string& ref);

// A ref the data did not hold when the report was built.
struct UnboundRef {
  std::string text_key;
  std::string ref;
};

// Replaces every bound ref in the report's texts with its figure as the report prints it; a
// ref the data does not hold prints "[belum ada data: ref]" and is returned.
std::vector<UnboundRef> BindTexts(const VerifyInputs& in, report::v1::Report* report);

}  // namespace lkip::aggregator
