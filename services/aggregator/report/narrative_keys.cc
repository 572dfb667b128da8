#include "services/aggregator/report/narrative_keys.h"

#include "absl/strings/str_cat.h"

namespace lkip::aggregator {
namespace {

using aggregator::v1::IndicatorNarrative;
using aggregator::v1::NarrativeSection;

const google::protobuf::EnumValueOptions& OptionsOf(const google::protobuf::EnumDescriptor* e, int number) {
  return e->FindValueByNumber(number)->options();
}

template <typename Enum>
std::vector<Enum> ValuesOf(const google::protobuf::EnumDescriptor* e) {
  std::vector<Enum> values;
  for (int i = 0; i < e->value_count(); ++i) {
    if (e->value(i)->number() != 0) values.push_back(static_cast<Enum>(e->value(i)->number()));
  }
  return values;
}

}  // namespace

std::string NarrativeKey(NarrativeSection section) {
  return OptionsOf(v1::NarrativeSection_descriptor(), section).GetExtension(v1::narrative_key);
}

std::string NarrativeKey(std::string_view ikk, IndicatorNarrative field) {
  return absl::StrCat(std::string(ikk), ".",
                      OptionsOf(v1::IndicatorNarrative_descriptor(), field).GetExtension(v1::narrative_key));
}

std::string NarrativeLabel(NarrativeSection section) {
  return OptionsOf(v1::NarrativeSection_descriptor(), section).GetExtension(v1::narrative_label);
}

std::string NarrativeLabel(IndicatorNarrative field) {
  return OptionsOf(v1::IndicatorNarrative_descriptor(), field).GetExtension(v1::narrative_label);
}

const std::vector<NarrativeSection>& NarrativeSections() {
  static const auto* values =
      new std::vector<NarrativeSection>(ValuesOf<NarrativeSection>(v1::NarrativeSection_descriptor()));
  return *values;
}

const std::vector<IndicatorNarrative>& IndicatorNarratives() {
  static const auto* values =
      new std::vector<IndicatorNarrative>(ValuesOf<IndicatorNarrative>(v1::IndicatorNarrative_descriptor()));
  return *values;
}

const std::vector<std::string>& NarrativeSectionKeys() {
  static const auto* keys = [] {
    auto* k = new std::vector<std::string>;
    for (auto s : NarrativeSections()) k->push_back(NarrativeKey(s));
    return k;
  }();
  return *keys;
}

const std::vector<std::string>& NarrativeIndicatorFields() {
  static const auto* keys = [] {
    auto* k = new std::vector<std::string>;
    for (auto f : IndicatorNarratives()) {
      k->push_back(OptionsOf(v1::IndicatorNarrative_descriptor(), f).GetExtension(v1::narrative_key));
    }
    return k;
  }();
  return *keys;
}

}  // namespace lkip::aggregator
