#include "common/rules/new_year.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "common/rules/rule_book.h"

namespace lkip {
namespace {

rules::v1::RuleSet Shipped(int year) {
  auto book = RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
  EXPECT_TRUE(book.ok()) << book.status();
  auto rules = book->ForYear(year);
  EXPECT_TRUE(rules.ok()) << rules.status();
  return (*rules)->rules();
}

std::set<std::string> ReviewPaths(const rules::v1::RuleSet& rs) {
  std::set<std::string> paths;
  for (const auto& item : rs.review()) paths.insert(item.path());
  return paths;
}

TEST(NewYearTest, CarriedOverRuleSetIsValidAndListsWhatMustBeReviewed) {
  const rules::v1::RuleSet from = Shipped(2023);
  auto next = CarryOverRuleSet(from, 2026);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->fiscal_year(), 2026);
  EXPECT_EQ(next->version(), "2026.1");
  EXPECT_TRUE(ValidateRuleSet(*next).ok()) << ValidateRuleSet(*next);
  const auto paths = ReviewPaths(*next);
  // Each indicator's definition against the new PK, and every regulation-bound part.
  for (const auto& ind : from.indicators()) {
    bool found = false;
    for (const auto& p : paths) found |= p.find(" " + ind.code()) != std::string::npos;
    EXPECT_TRUE(found) << ind.code();
  }
  for (const char* part : {"instruments.budget.ikpa", "instruments.budget.nka", "instruments.budget.programs",
                           "instruments.zona_integritas", "band_sets", "superseded_regulations"}) {
    EXPECT_EQ(paths.count(part), 1u) << part;
  }
  // An unverified rule stays listed as such.
  bool unverified = false;
  for (const auto& item : next->review())
    unverified |= item.reason().rfind("masih belum terverifikasi", 0) == 0;
  EXPECT_TRUE(unverified);
  // Every reason names what to check; the rules themselves are those of the earlier year.
  for (const auto& item : next->review()) EXPECT_FALSE(item.reason().empty()) << item.path();
  rules::v1::RuleSet rules_only = *next;
  rules_only.clear_review();
  rules_only.set_fiscal_year(from.fiscal_year());
  rules_only.set_version(from.version());
  rules::v1::RuleSet from_only = from;
  from_only.clear_review();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(rules_only, from_only));
}

TEST(NewYearTest, OpenItemsOfTheEarlierYearStayOpen) {
  rules::v1::RuleSet from = Shipped(2023);
  auto* item = from.add_review();
  item->set_path("instruments.kawasan_transitions");
  item->set_reason("IKRN replaces IKKR");
  auto next = CarryOverRuleSet(from, 2024);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(ReviewPaths(*next).count("instruments.kawasan_transitions"), 1u);
}

TEST(NewYearTest, RefusesAYearNotAfterTheSource) {
  const rules::v1::RuleSet from = Shipped(2023);
  for (int year : {2023, 2022, 2101}) {
    auto next = CarryOverRuleSet(from, year);
    EXPECT_EQ(next.status().code(), absl::StatusCode::kInvalidArgument) << year;
    EXPECT_NE(next.status().message().find(std::to_string(year)), std::string::npos) << next.status();
  }
}

TEST(NewYearTest, WrittenFileLoadsBackAsTheSameRuleSet) {
  auto next = CarryOverRuleSet(Shipped(2023), 2030);
  ASSERT_TRUE(next.ok());
  auto json = RuleSetJson(*next);
  ASSERT_TRUE(json.ok()) << json.status();
  const auto dir = std::filesystem::path(::testing::TempDir()) / "new_year_rules";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "2030.json") << *json;
  auto book = RuleBook::LoadDirectory(std::string(LKIP_SOURCE_DIR "/deploy/rules:") + dir.string());
  ASSERT_TRUE(book.ok()) << book.status();
  auto loaded = book->ForYear(2030);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals((*loaded)->rules(), *next));
  std::filesystem::remove_all(dir);
}

TEST(NewYearTest, AMissingYearSaysHowToAddOne) {
  auto book = RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
  ASSERT_TRUE(book.ok());
  auto missing = book->ForYear(2031);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  const std::string message(missing.status().message());
  EXPECT_NE(message.find("no rule set for fiscal year 2031"), std::string::npos) << message;
  // Carried over from the latest year before it.
  const int latest = book->Years().back();
  EXPECT_NE(message.find("lkipctl rules new-year 2031 --from " + std::to_string(latest)), std::string::npos)
      << message;
}

TEST(NewYearTest, AnEmptyFolderBesideTheShippedOnesIsAllowed) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "empty_rules_d";
  std::filesystem::create_directories(dir);
  auto book = RuleBook::LoadDirectory(std::string(LKIP_SOURCE_DIR "/deploy/rules:") + dir.string());
  EXPECT_TRUE(book.ok()) << book.status();
  auto alone = RuleBook::LoadDirectory(dir.string());
  EXPECT_EQ(alone.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(alone.status().message().find("no *.json rule sets in"), std::string::npos) << alone.status();
}

}  // namespace
}  // namespace lkip
