#include "common/rules/rule_overlay.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace lkip {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The field an element of a repeated message is known by, or nullptr.
const FieldDescriptor* KeyField(const google::protobuf::Descriptor* d) {
  for (const char* name : {"code", "id"}) {
    const FieldDescriptor* f = d->FindFieldByName(name);
    if (f != nullptr && f->type() == FieldDescriptor::TYPE_STRING && !f->is_repeated()) return f;
  }
  return nullptr;
}

void Merge(const Message& overlay, Message* base);

void MergeRepeatedMessages(const Message& overlay, const FieldDescriptor* field, Message* base) {
  const Reflection* from = overlay.GetReflection();
  const Reflection* to = base->GetReflection();
  const FieldDescriptor* key = KeyField(field->message_type());
  if (key == nullptr) {  // no identity: the overlay's list replaces the base's
    to->ClearField(base, field);
    for (int i = 0; i < from->FieldSize(overlay, field); ++i) {
      to->AddMessage(base, field)->CopyFrom(from->GetRepeatedMessage(overlay, field, i));
    }
    return;
  }
  for (int i = 0; i < from->FieldSize(overlay, field); ++i) {
    const Message& element = from->GetRepeatedMessage(overlay, field, i);
    const std::string id = element.GetReflection()->GetString(element, key);
    Message* target = nullptr;
    for (int j = 0; j < to->FieldSize(*base, field) && target == nullptr; ++j) {
      Message* candidate = to->MutableRepeatedMessage(base, field, j);
      if (candidate->GetReflection()->GetString(*candidate, key) == id) target = candidate;
    }
    if (target == nullptr) {
      to->AddMessage(base, field)->CopyFrom(element);
    } else {
      Merge(element, target);
    }
  }
}

// Appends element `i` of the overlay's repeated scalar `field` to the base's.
void AddScalar(const Message& overlay, const FieldDescriptor* field, int i, Message* base) {
  const Reflection* from = overlay.GetReflection();
  const Reflection* to = base->GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return to->AddString(base, field, from->GetRepeatedString(overlay, field, i));
    case FieldDescriptor::CPPTYPE_ENUM:
      return to->AddEnumValue(base, field, from->GetRepeatedEnumValue(overlay, field, i));
    case FieldDescriptor::CPPTYPE_BOOL:
      return to->AddBool(base, field, from->GetRepeatedBool(overlay, field, i));
    case FieldDescriptor::CPPTYPE_INT32:
      return to->AddInt32(base, field, from->GetRepeatedInt32(overlay, field, i));
    case FieldDescriptor::CPPTYPE_INT64:
      return to->AddInt64(base, field, from->GetRepeatedInt64(overlay, field, i));
    case FieldDescriptor::CPPTYPE_UINT32:
      return to->AddUInt32(base, field, from->GetRepeatedUInt32(overlay, field, i));
    case FieldDescriptor::CPPTYPE_UINT64:
      return to->AddUInt64(base, field, from->GetRepeatedUInt64(overlay, field, i));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return to->AddDouble(base, field, from->GetRepeatedDouble(overlay, field, i));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return to->AddFloat(base, field, from->GetRepeatedFloat(overlay, field, i));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return to->AddMessage(base, field)->CopyFrom(from->GetRepeatedMessage(overlay, field, i));
  }
}

// Sets the base's singular scalar `field` to the overlay's.
void SetScalar(const Message& overlay, const FieldDescriptor* field, Message* base) {
  const Reflection* from = overlay.GetReflection();
  const Reflection* to = base->GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return to->SetString(base, field, from->GetString(overlay, field));
    case FieldDescriptor::CPPTYPE_ENUM:
      return to->SetEnumValue(base, field, from->GetEnumValue(overlay, field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return to->SetBool(base, field, from->GetBool(overlay, field));
    case FieldDescriptor::CPPTYPE_INT32:
      return to->SetInt32(base, field, from->GetInt32(overlay, field));
    case FieldDescriptor::CPPTYPE_INT64:
      return to->SetInt64(base, field, from->GetInt64(overlay, field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return to->SetUInt32(base, field, from->GetUInt32(overlay, field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return to->SetUInt64(base, field, from->GetUInt64(overlay, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return to->SetDouble(base, field, from->GetDouble(overlay, field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return to->SetFloat(base, field, from->GetFloat(overlay, field));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return;  // merged by the caller
  }
}

void Merge(const Message& overlay, Message* base) {
  const Reflection* from = overlay.GetReflection();
  const Reflection* to = base->GetReflection();
  std::vector<const FieldDescriptor*> fields;
  from->ListFields(overlay, &fields);  // the fields the overlay sets
  for (const FieldDescriptor* field : fields) {
    if (field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_map()) {
      MergeRepeatedMessages(overlay, field, base);
    } else if (field->is_repeated()) {  // scalars and maps: replaced as a whole
      to->ClearField(base, field);
      for (int i = 0; i < from->FieldSize(overlay, field); ++i) AddScalar(overlay, field, i, base);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Merge(from->GetMessage(overlay, field), to->MutableMessage(base, field));
    } else {
      SetScalar(overlay, field, base);
    }
  }
}

}  // namespace

absl::StatusOr<rules::v1::RuleSet> ApplyOverlay(const rules::v1::RuleSet& base,
                                                const rules::v1::RuleSet& overlay) {
  if (overlay.version().empty())
    return absl::InvalidArgumentError("version: an overlay needs its own version");
  if (overlay.version() == base.version()) {
    return absl::InvalidArgumentError(
        absl::StrCat("version: \"", overlay.version(), "\" is the version of the rule set it extends"));
  }
  if (overlay.fiscal_year() != 0 && overlay.fiscal_year() != base.fiscal_year()) {
    return absl::InvalidArgumentError(absl::StrCat("fiscal_year: ", overlay.fiscal_year(), " differs from ",
                                                   base.fiscal_year(), ", the year of \"", base.version(),
                                                   "\""));
  }
  rules::v1::RuleSet merged = base;
  Merge(overlay, &merged);
  merged.clear_extends();
  return merged;
}

}  // namespace lkip
