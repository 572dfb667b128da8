// The roles a caller can hold (docs/security.md has the table of what each may do), and the
// caller once authenticated: a user from a signed token, or a service from its certificate.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lkip {

enum class Role {
  kOperator,   // a BNNK or BNNP operator: records of the satker named in the token only
  kBidang,     // BNNP bidang staff: one bidang's records for the province
  kPerencana,  // planning staff: Perjanjian Kinerja, texts, comparisons, the report
  kKepala,     // the head of the BNNP: approves and signs
  kApip,       // inspektorat: reads everything of the province, writes review notes
  kHq,         // BNN headquarters: reads every province, writes nothing
  kAdmin,      // users, units, rule sets
  kService,    // another lkip service, known by its certificate (never in a token)
};

// "operator", "bidang", ... as tokens and messages spell them.
std::string_view RoleName(Role role);
// nullopt for a name that is not a role a token may carry ("service" is not).
std::optional<Role> TokenRoleFromName(std::string_view name);
// The roles a token may carry, in the order above, for messages and usage texts.
std::string TokenRoleNames();

struct Principal {
  std::string subject;  // the token's sub, or "service:<name>" for a certificate
  Role role = Role::kOperator;
  std::string province;             // BNNP code; empty for hq and for services
  std::vector<std::string> satker;  // operator: the satker it may write
  std::string bidang;               // bidang: the bidang service it may write ("pencegahan")
};

}  // namespace lkip
