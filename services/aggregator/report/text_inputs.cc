#include "services/aggregator/report/text_inputs.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/numeric/decimal.h"
#include "common/status/macros.h"
#include "common/validation/fields.h"

namespace lkip::aggregator {
namespace {

constexpr size_t kMaxText = 64 * 1024;
constexpr int kMaxNarratives = 500;
constexpr int kMaxComparisons = 1000;

// An optional exact decimal: empty stays empty; anything else must parse.
absl::StatusOr<std::string> OptionalValue(const std::string& path, const common::v1::Decimal& d) {
  if (d.value().empty()) return std::string();
  auto v = Decimal::Parse(d.value());
  if (!v.ok())
    return absl::InvalidArgumentError(absl::StrCat(path, ": \"", d.value(), "\" is not a decimal"));
  return v->ToExactString();
}

absl::Status CheckText(const std::string& path, const std::string& text, bool required) {
  if (text.empty() && !required) return absl::OkStatus();
  if (!IsPrintableText(text, 300)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", required ? "is required, " : "", "1..300 printable characters"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<NarrativeInput>> CheckNarratives(const v1::PutNarrativesRequest& request) {
  if (request.narratives_size() == 0) return absl::InvalidArgumentError("narratives: is empty");
  if (request.narratives_size() > kMaxNarratives) {
    return absl::InvalidArgumentError(
        absl::StrCat("narratives: ", request.narratives_size(), " exceed the limit of ", kMaxNarratives));
  }
  std::set<std::string> seen;
  std::vector<NarrativeInput> out;
  for (int i = 0; i < request.narratives_size(); ++i) {
    const auto& n = request.narratives(i);
    const std::string path = absl::StrCat("narratives[", i, "]");
    if (!seen.insert(n.key()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".key: \"", n.key(), "\" appears twice"));
    }
    // UTF-8 needs no check here: protobuf refuses a proto3 string that is not UTF-8 when the
    // request is parsed, before it reaches us.
    if (n.text().size() > kMaxText) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ".text: ", n.text().size(), " bytes exceed the limit of ", kMaxText));
    }
    // Paragraphs keep their line breaks and tabs; any other control character (a NUL, an escape
    // sequence pasted from a terminal) would reach the documents.
    for (size_t at = 0; at < n.text().size(); ++at) {
      const auto c = static_cast<unsigned char>(n.text()[at]);
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "%s.text: control character 0x%02X at byte %d; only line breaks and tabs are allowed", path, c,
            at + 1));
      }
    }
    out.push_back({n.key(), n.text()});
  }
  return out;
}

absl::StatusOr<std::vector<ComparisonInput>> CheckComparisons(const v1::PutComparisonsRequest& request) {
  if (request.comparisons().empty()) return absl::InvalidArgumentError("comparisons: is empty");
  if (request.comparisons_size() > kMaxComparisons) {
    return absl::InvalidArgumentError(
        absl::StrCat("comparisons: ", request.comparisons_size(), " exceed the limit of ", kMaxComparisons));
  }
  std::set<std::string> seen;
  std::vector<ComparisonInput> out;
  for (int i = 0; i < request.comparisons_size(); ++i) {
    const auto& c = request.comparisons(i);
    const std::string path = absl::StrCat("comparisons[", i, "]");
    if (!seen.insert(c.code()).second) {
      return absl::InvalidArgumentError(absl::StrCat(path, ".code: \"", c.code(), "\" appears twice"));
    }
    ComparisonInput in{c.code(), {}};
    storage::v1::ComparisonRecord& r = in.record;
    ASSIGN_OR_RETURN(*r.mutable_previous_value(),
                     OptionalValue(path + ".previous_value", c.previous_value()));
    ASSIGN_OR_RETURN(*r.mutable_national_value(),
                     OptionalValue(path + ".national_value", c.national_value()));
    ASSIGN_OR_RETURN(*r.mutable_province_value(),
                     OptionalValue(path + ".province_value", c.province_value()));
    ASSIGN_OR_RETURN(*r.mutable_national_target(),
                     OptionalValue(path + ".national_target", c.national_target()));
    ASSIGN_OR_RETURN(*r.mutable_province_target(),
                     OptionalValue(path + ".province_target", c.province_target()));
    if (r.previous_value().empty() && r.national_value().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": needs previous_value or national_value"));
    }
    RETURN_IF_ERROR(CheckText(path + ".previous_source", c.previous_source(), !r.previous_value().empty()));
    RETURN_IF_ERROR(CheckText(path + ".national_source", c.national_source(), !r.national_value().empty()));
    RETURN_IF_ERROR(CheckText(path + ".national_label", c.national_label(), !r.national_value().empty()));
    r.set_previous_source(c.previous_source());
    r.set_national_label(c.national_label());
    r.set_national_source(c.national_source());
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace lkip::aggregator
