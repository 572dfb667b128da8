// The kawasan register's writes are checked before the store sees them: each refusal names the
// entry's field and its value, and a status is kept in its canonical name.
#include "services/pencegahan/kawasan_input.h"

#include <gtest/gtest.h>

#include "common/validation/date.h"

namespace lkip::pencegahan {
namespace {

TEST(KawasanInputTest, StatusChangesAreCheckedAndNamedCanonically) {
  v1::RecordKawasanStatusRequest r;
  EXPECT_EQ(CheckStatusChanges(r).status().message(), "changes: 0 entries; send 1..10000");
  auto* c = r.add_changes();
  c->set_kawasan_id("KUTA-01");
  *c->mutable_date() = DateFromIso("2023-02-30");
  c->set_status("waspada");
  EXPECT_EQ(CheckStatusChanges(r).status().message(), "changes[0].date: 2023-02-30 is not a calendar date");
  *c->mutable_date() = DateFromIso("2023-02-28");
  auto ok = CheckStatusChanges(r);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ((*ok)[0].record.status(), KawasanStatusName(KawasanStatus::kWaspada));
  c->set_kawasan_id("KUTA 01");
  EXPECT_EQ(CheckStatusChanges(r).status().message(),
            "changes[0].kawasan_id: \"KUTA 01\" must be 1..64 of [A-Za-z0-9._-]");
}

TEST(KawasanInputTest, InterventionsAndAssessmentsNameTheField) {
  v1::RecordInterventionsRequest r;
  auto* in = r.add_interventions();
  in->set_kawasan_id("KUTA-01");
  in->set_intervention_id("INT-1");
  *in->mutable_start_date() = DateFromIso("2023-05-02");
  *in->mutable_end_date() = DateFromIso("2023-05-01");
  in->set_training_type("Pelatihan keterampilan");
  EXPECT_EQ(CheckInterventions(r).status().message(),
            "interventions[0].end_date: 2023-05-01 is before start_date 2023-05-02");
  v1::RecordIkkrAssessmentRequest a;
  a.mutable_assessment()->set_kawasan_id("KUTA-01");
  a.mutable_assessment()->set_assessment_id("IKKR-2023");
  *a.mutable_assessment()->mutable_date() = DateFromIso("2023-11-01");
  auto* resp = a.mutable_assessment()->add_respondents();
  resp->set_role("Babinsa");
  for (int s : {4, 3, 3}) resp->add_scores(s);
  EXPECT_EQ(CheckIkkrAssessment(a).status().message(),
            "assessment.respondents[0].scores: 3 scores; a respondent scores 7 aspects");
}

}  // namespace
}  // namespace lkip::pencegahan
