// DIPA and realisasi writes are checked against the 2023 rule set's programs before the store
// sees them: each refusal names the field and its value.
#include "services/keuangan/budget_input.h"

#include <gtest/gtest.h>

#include "common/validation/date.h"

namespace lkip::keuangan {
namespace {

const rules::v1::BudgetRules& Budget2023() {
  static const RuleBook* book =
      new RuleBook(std::move(*RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules")));
  return **BudgetRulesFor(*book, 2023);
}

v1::RecordDipaRequest Dipa() {
  v1::RecordDipaRequest r;
  r.set_fiscal_year(2023);
  r.set_satker_code("BNNK_BIMA");
  r.set_dipa_ref("SP DIPA-066.01.2.123456/2023");
  *r.mutable_date() = DateFromIso("2022-12-01");
  auto* l = r.add_lines();
  l->set_program_code("P4GN");
  l->set_kegiatan_code("advokasi");
  l->mutable_amount()->set_amount(150000000);
  return r;
}

TEST(BudgetInputTest, AcceptedLinesKeepTheirAmounts) {
  auto dipa = CheckDipa(Budget2023(), Dipa());
  ASSERT_TRUE(dipa.ok()) << dipa.status();
  ASSERT_EQ(dipa->lines.size(), 1u);
  EXPECT_EQ(dipa->lines[0].kegiatan, "advokasi");
  EXPECT_EQ(dipa->lines[0].amount, 150000000);
  EXPECT_EQ(*ThroughMonth(0), 12);
  EXPECT_EQ(*ThroughMonth(6), 6);
}

TEST(BudgetInputTest, RefusalsNameTheFieldAndTheValue) {
  auto message = [](const absl::Status& s) {
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    return std::string(s.message());
  };
  auto r = Dipa();
  r.mutable_lines(0)->set_kegiatan_code("rapat");
  EXPECT_EQ(message(CheckDipa(Budget2023(), r).status()),
            "lines[0].kegiatan_code: \"rapat\" is not a kegiatan of program P4GN");
  r = Dipa();
  r.mutable_lines(0)->mutable_amount()->set_amount(-1);
  EXPECT_EQ(message(CheckDipa(Budget2023(), r).status()), "lines[0].amount: -1 is negative");
  r = Dipa();
  r.mutable_lines(0)->mutable_amount()->set_amount(9000000000000000000);
  EXPECT_EQ(message(CheckDipa(Budget2023(), r).status()),
            "lines[0].amount: 9000000000000000000 exceeds the limit of 10000000000000 rupiah per request");
  r = Dipa();
  r.mutable_lines(0)->mutable_amount()->set_amount(kMaxRequestRupiah);
  EXPECT_TRUE(CheckDipa(Budget2023(), r).ok()) << "the limit itself is allowed";
  auto* second = r.add_lines();
  *second = r.lines(0);
  second->set_kegiatan_code("pemberdayaan-masyarakat");
  second->mutable_amount()->set_amount(1);
  EXPECT_EQ(
      message(CheckDipa(Budget2023(), r).status()),
      "lines: the amounts add up to 10000000000001 rupiah, above the limit of 10000000000000 per request");
  r = Dipa();
  *r.mutable_date() = DateFromIso("9999-12-31");
  EXPECT_EQ(message(CheckDipa(Budget2023(), r).status()),
            "date: 9999-12-31 is outside 2022..2024, the years around fiscal year 2023");
  r = Dipa();
  *r.add_lines() = r.lines(0);
  EXPECT_EQ(message(CheckDipa(Budget2023(), r).status()), "lines[1]: P4GN/advokasi appears twice");
  r = Dipa();
  *r.mutable_date() = DateFromIso("2022-13-01");
  EXPECT_EQ(message(CheckDipa(Budget2023(), r).status()), "date: 2022-13-01 is not a calendar date");
  v1::RecordRealisasiRequest real;
  real.set_fiscal_year(2023);
  real.set_month(13);
  EXPECT_EQ(message(CheckRealisasi(Budget2023(), real).status()), "month: 13 is outside 1..12");
  EXPECT_EQ(message(ThroughMonth(-1).status()), "through_month: -1 is outside 0..12");
}

}  // namespace
}  // namespace lkip::keuangan
