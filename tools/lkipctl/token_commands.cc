#include "tools/lkipctl/token_commands.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/auth/token.h"
#include "common/files/text_file.h"
#include "tools/lkipctl/client.h"

namespace lkip::ctl {

int IssueTokenCmd(const TokenRequest& request) {
  const auto role = TokenRoleFromName(request.role);
  if (!role)
    return Fail("token issue", absl::InvalidArgumentError(absl::StrCat(
                                   "--role \"", request.role, "\" is not one of ", TokenRoleNames())));
  absl::Duration valid;
  if (!absl::ParseDuration(request.valid, &valid) || valid <= absl::ZeroDuration())
    return Fail("token issue", absl::InvalidArgumentError(absl::StrCat(
                                   "--valid \"", request.valid, "\" is not a duration such as 8h or 30m")));
  auto key = ReadText(request.signing_key);
  if (!key.ok())
    return Fail("token issue",
                absl::InvalidArgumentError(absl::StrCat("--signing-key: ", key.status().message())));
  const absl::Time now = absl::Now();
  TokenClaims claims{Principal{request.subject, *role, request.province, request.satker, request.bidang}, now,
                     now + valid};
  auto token = SignToken(*key, claims);
  if (!token.ok()) return Fail("token issue", token.status());
  std::cout << *token << "\n";
  std::cerr << "token for " << request.subject << ": " << request.role
            << (request.province.empty() ? "" : " of " + request.province)
            << (request.satker.empty() ? "" : ", satker " + absl::StrJoin(request.satker, ", "))
            << (request.bidang.empty() ? "" : ", bidang " + request.bidang) << ", valid until "
            << RecordedAt(absl::ToUnixMicros(now + valid)) << "\n";
  return 0;
}

}  // namespace lkip::ctl
