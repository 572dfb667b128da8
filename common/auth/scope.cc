#include "common/auth/scope.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace lkip {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

void Collect(const Message& m, RequestScope* scope) {
  const auto* reflection = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(m, &fields);  // only the fields that are set
  for (const FieldDescriptor* f : fields) {
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (f->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(m, f); ++i)
          Collect(reflection->GetRepeatedMessage(m, f, i), scope);
      } else {
        Collect(reflection->GetMessage(m, f), scope);
      }
      continue;
    }
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_INT32 && f->name() == "fiscal_year" && !f->is_repeated()) {
      scope->fiscal_years.insert(reflection->GetInt32(m, f));
      continue;
    }
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) continue;
    std::set<std::string>* into = f->name() == "province_code" ? &scope->provinces
                                  : f->name() == "satker_code" ? &scope->satker
                                                               : nullptr;
    if (into == nullptr) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(m, f); ++i)
        into->insert(reflection->GetRepeatedString(m, f, i));
    } else {
      into->insert(reflection->GetString(m, f));
    }
  }
}

std::string Who(const Principal& caller) {
  return absl::StrCat("role ", std::string(RoleName(caller.role)), " (", caller.subject, ")");
}

}  // namespace

RequestScope ScopeOf(const Message& request) {
  RequestScope scope;
  Collect(request, &scope);
  scope.provinces.erase("");
  scope.satker.erase("");
  return scope;
}

absl::Status CheckScope(const Principal& caller, common::v1::Access access, const RequestScope& scope,
                        std::string_view method) {
  if (caller.role == Role::kService || caller.role == Role::kHq) return absl::OkStatus();
  const bool write = access != common::v1::ACCESS_READ;
  for (const auto& province : scope.provinces) {
    if (province != caller.province) {
      return absl::PermissionDeniedError(absl::StrCat(Who(caller), " of ", caller.province, " may not ",
                                                      write ? "write" : "read", " ", province, " (",
                                                      std::string(method), ")"));
    }
  }
  if (!write || caller.role != Role::kOperator) return absl::OkStatus();
  if (scope.satker.empty() && access == common::v1::ACCESS_WRITE_RECORDS) {
    return absl::PermissionDeniedError(
        absl::StrCat(Who(caller), " may not call ", std::string(method),
                     ": it names no satker, and an operator writes only the records "
                     "of its own (",
                     absl::StrJoin(caller.satker, ", "), ")"));
  }
  for (const auto& satker : scope.satker) {
    if (std::find(caller.satker.begin(), caller.satker.end(), satker) == caller.satker.end()) {
      return absl::PermissionDeniedError(absl::StrCat(Who(caller), " may write the records of ",
                                                      absl::StrJoin(caller.satker, ", "), " only, not ",
                                                      satker, " (", std::string(method), ")"));
    }
  }
  return absl::OkStatus();
}

}  // namespace lkip
