#include "common/rules/rule_numbers.h"

#include "absl/base/internal/raw_logging.h"
#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "lkip/rules/v1/rules.pb.h"

namespace lkip {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

bool Marked(const FieldDescriptor& field) { return field.options().GetExtension(rules::v1::exact_decimal); }

absl::Status Add(const std::string& path, const std::string& text,
                 absl::flat_hash_map<std::string, Decimal>& values) {
  if (text.empty() || values.contains(text)) return absl::OkStatus();
  auto d = Decimal::Parse(text);
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", d.status().message()));
  values.emplace(text, *std::move(d));
  return absl::OkStatus();
}

absl::Status Walk(const Message& message, const std::string& prefix,
                  absl::flat_hash_map<std::string, Decimal>& values) {
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path = prefix.empty() ? field->name() : absl::StrCat(prefix, ".", field->name());
    if (field->is_map()) {
      if (!Marked(*field)) continue;
      // A map's entries: key field 1, value field 2 (min_hasil: component id -> minimum score).
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        const Message& entry = reflection->GetRepeatedMessage(message, field, i);
        const auto* entry_reflection = entry.GetReflection();
        const auto* key = entry.GetDescriptor()->map_key();
        const auto* value = entry.GetDescriptor()->map_value();
        RETURN_IF_ERROR(Add(absl::StrCat(path, "[", entry_reflection->GetString(entry, key), "]"),
                            entry_reflection->GetString(entry, value), values));
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          RETURN_IF_ERROR(Walk(reflection->GetRepeatedMessage(message, field, i),
                               absl::StrCat(path, "[", i, "]"), values));
        }
      } else {
        RETURN_IF_ERROR(Walk(reflection->GetMessage(message, field), path, values));
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING && Marked(*field)) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          RETURN_IF_ERROR(
              Add(absl::StrCat(path, "[", i, "]"), reflection->GetRepeatedString(message, field, i), values));
        }
      } else {
        RETURN_IF_ERROR(Add(path, reflection->GetString(message, field), values));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RuleNumbers> RuleNumbers::Parse(const Message& rules) {
  RuleNumbers out;
  RETURN_IF_ERROR(Walk(rules, "", out.values_));
  return out;
}

const Decimal& RuleNumbers::Get(const std::string& text) const {
  auto it = values_.find(text);
  if (it == values_.end()) {
    ABSL_RAW_LOG(FATAL, "rule number \"%s\" was not parsed with its rule set: mark its field exact_decimal",
                 text.c_str());
  }
  return it->second;
}

std::optional<Decimal> RuleNumbers::Optional(const std::string& text) const {
  if (text.empty()) return std::nullopt;
  return Get(text);
}

}  // namespace lkip
