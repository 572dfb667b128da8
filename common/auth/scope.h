// What a request touches, read from its fields (protobuf reflection): every `province_code` and
// `satker_code` at any depth, and every `fiscal_year`. The province and the satker of a caller's token bound
// what it may touch (docs/security.md, "Scope"); the handler checks with CheckScope before it reads or
// writes.
#pragma once

#include <google/protobuf/message.h>

#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "common/auth/role.h"
#include "lkip/common/v1/access.pb.h"

namespace lkip {

struct RequestScope {
  std::set<std::string> provinces;
  std::set<std::string> satker;
  std::set<int32_t> fiscal_years;  // every `fiscal_year` (the year lock's check)
};

// The codes `request` names. A bundle of a whole province is read through once.
RequestScope ScopeOf(const google::protobuf::Message& request);

// OK, or PERMISSION_DENIED naming the role, the subject, the province or satker and `method`:
// - a province named that is not the token's (every role but hq and the services);
// - for a write by an operator: a satker that is not in its token; for a write of records
//   (ACCESS_WRITE_RECORDS), also no satker named at all. An import names its satker in its parts,
//   checked where each is written; a bundle's rollback names none.
absl::Status CheckScope(const Principal& caller, common::v1::Access access, const RequestScope& scope,
                        std::string_view method);

}  // namespace lkip
