// lkipctl rules: the rule sets on this machine, read from their folders (no service is called).
//   rules check              loads them as a service would and lists each year, its version and
//                            what is still to be reviewed
//   rules new-year Y --from X  writes a draft rule set for year Y carried over from year X,
//                            listing what must be reviewed (common/rules/new_year.h)
#pragma once

#include <string>

namespace lkip::ctl {

// The folders a service loads its rule sets from (--rules_dir): LKIP_RULES_DIR, else the
// package's /usr/share/lkip/rules:/etc/lkip/rules.d.
std::string DefaultRulesDirs();

int RulesCheckCmd(const std::string& rules_dirs);
// Writes to `out` (stdout when empty); refuses when a rule set for `year` is already loaded or
// `out` exists.
int RulesNewYearCmd(const std::string& rules_dirs, int year, int from, const std::string& out);

}  // namespace lkip::ctl
