// The detainee register's writes are checked before the store sees them, and a year's value
// follows the [default] formula N = 100 / (1 + a + b + c).
#include "services/pemberantasan/detainee.h"

#include <gtest/gtest.h>

#include "common/validation/date.h"

namespace lkip::pemberantasan {
namespace {

TEST(DetaineeTest, ChecksNameTheEntryFieldAndValue) {
  v1::RecordDetaineesRequest r;
  auto* d = r.add_detainees();
  d->set_detainee_ref("T-01/2023");
  d->set_satker_code("BNNP_NTB");
  *d->mutable_custody_start() = DateFromIso("2023-03-01");
  *d->mutable_custody_end() = DateFromIso("2023-02-01");
  auto checked = CheckDetainees(r);
  EXPECT_EQ(checked.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(checked.status().message(),
            "detainees[0].custody_end: 2023-02-01 is before custody_start 2023-03-01");
  *d->mutable_custody_end() = DateFromIso("");
  *r.add_detainees() = *d;
  EXPECT_EQ(CheckDetainees(r).status().message(), "detainees[1].detainee_ref: \"T-01/2023\" appears twice");
  r.mutable_detainees()->RemoveLast();
  checked = CheckDetainees(r);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_EQ((*checked)[0].record.satker_code(), "BNNP_NTB");
  EXPECT_TRUE(HeldIn((*checked)[0].record, 2024)) << "still held";
  EXPECT_FALSE(HeldIn((*checked)[0].record, 2022));

  v1::RecordDetaineeIncidentsRequest in;
  auto* i = in.add_incidents();
  i->set_incident_id("INS-1");
  i->set_detainee_ref("T-01/2023");
  *i->mutable_date() = DateFromIso("2023-04-01");
  EXPECT_EQ(CheckIncidents(in).status().message(), "incidents[0].kind: 0 is not an incident kind");
  i->set_kind(v1::INCIDENT_KIND_ESCAPE);
  EXPECT_TRUE(CheckIncidents(in).ok());
}

TEST(DetaineeTest, ValueFallsWithEveryIncident) {
  DetaineeYear y;
  y.held = 12;
  EXPECT_EQ(y.Value().ToExactString(), "100");
  y.escapes = 1;
  y.negligence_deaths = 1;
  EXPECT_EQ(y.Value().ToIndonesian(2), "33,33");
}

}  // namespace
}  // namespace lkip::pemberantasan
