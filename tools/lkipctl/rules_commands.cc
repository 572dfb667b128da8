#include "tools/lkipctl/rules_commands.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/files/text_file.h"
#include "common/rules/new_year.h"
#include "common/rules/rule_book.h"
#include "tools/lkipctl/client.h"

namespace lkip::ctl {

namespace {

// Where the package puts them (LKIP_PACKAGE_RULES_DIRS of the top-level CMakeLists.txt).
constexpr char kPackageRulesDirs[] = LKIP_PACKAGE_RULES_DIRS;

}  // namespace

std::string DefaultRulesDirs() {
  const char* env = std::getenv("LKIP_RULES_DIR");
  if (env != nullptr && *env != '\0') return env;
  return kPackageRulesDirs;
}

namespace {

// The rule sets of `dirs`, or the error with where else they may be.
absl::StatusOr<RuleBook> Load(const std::string& dirs) {
  auto book = RuleBook::LoadDirectory(dirs);
  if (book.ok() || dirs != kPackageRulesDirs) return book;
  return absl::Status(book.status().code(),
                      absl::StrCat(book.status().message(),
                                   " (the installed package's folders; in a source tree pass --rules-dir "
                                   "deploy/rules or set LKIP_RULES_DIR)"));
}

}  // namespace

int RulesCheckCmd(const std::string& rules_dirs) {
  auto book = Load(rules_dirs);
  if (!book.ok()) return Fail("rules check", book.status());
  int open = 0;
  for (int year : book->Years()) {
    const YearRules& rules = **book->ForYear(year);
    std::cout << year << "\tversion " << rules.version() << "\t" << rules.rules().indicators_size()
              << " IKK\t" << rules.rules().review_size() << " to review\n";
    for (const auto& item : rules.rules().review())
      std::cout << "  - " << item.path() << ": " << item.reason() << "\n";
    open += rules.rules().review_size();
  }
  std::cerr << "lkipctl: the rule sets of " << rules_dirs << " are valid"
            << (open > 0 ? absl::StrCat("; ", open,
                                        " items are still to be reviewed (remove each from \"review\" "
                                        "once checked, then restart the services)")
                         : std::string())
            << "\n";
  return 0;
}

int RulesNewYearCmd(const std::string& rules_dirs, int year, int from, const std::string& out) {
  auto book = Load(rules_dirs);
  if (!book.ok()) return Fail("rules new-year", book.status());
  if (book->ForYear(year).ok()) {
    return Fail("rules new-year", absl::AlreadyExistsError(
                                      absl::StrCat("a rule set for fiscal year ", year, " is already in ",
                                                   rules_dirs, "; edit it (or an overlay of it) instead")));
  }
  auto source = book->ForYear(from);
  if (!source.ok()) {
    return Fail("rules new-year",
                absl::InvalidArgumentError(absl::StrCat("--from ", from, ": ", source.status().message())));
  }
  auto next = CarryOverRuleSet((*source)->rules(), year);
  if (!next.ok()) return Fail("rules new-year", next.status());
  auto json = RuleSetJson(*next);
  if (!json.ok()) return Fail("rules new-year", json.status());
  if (out.empty()) {
    std::cout << *json;
  } else {
    if (std::filesystem::exists(out)) {
      return Fail("rules new-year",
                  absl::AlreadyExistsError(absl::StrCat("--out ", out, " exists; it is not overwritten")));
    }
    if (absl::Status s = WriteText(out, *json); !s.ok()) return Fail("rules new-year", s);
  }
  std::cerr << "lkipctl: rule set " << next->version() << " for " << year << " carried over from "
            << (*source)->version() << (out.empty() ? "" : absl::StrCat(" written to ", out)) << ".\n"
            << "Review each of these " << next->review_size()
            << " items against the year's sources; remove it from \"review\" once checked. Until then every "
               "report of "
            << year << " lists it among the unverified rules.\n";
  for (const auto& item : next->review()) std::cerr << "  - " << item.path() << ": " << item.reason() << "\n";
  std::cerr << "Then: lkipctl rules check, and restart the services to load it.\n";
  return 0;
}

}  // namespace lkip::ctl
