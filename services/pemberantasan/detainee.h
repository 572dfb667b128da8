// The detainee register's writes (domain-rules §7.2) checked before the store sees them, and
// the satker's yearly value from its counts. Pure: no I/O; the store checks the satker against
// the unit tree, that a detainee stays at its satker, and that an incident falls within custody.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/numeric/decimal.h"
#include "lkip/pemberantasan/v1/pemberantasan.pb.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip::pemberantasan {

struct DetaineeInput {
  std::string detainee_ref;
  storage::v1::DetaineeRecord record;  // satker, custody start and end
};

struct IncidentInput {
  std::string detainee_ref;
  std::string incident_id;
  storage::v1::DetaineeIncidentRecord record;  // kind, date, description
};

// INVALID_ARGUMENT naming the entry's field and its value ("detainees[3].custody_end: ...").
absl::StatusOr<std::vector<DetaineeInput>> CheckDetainees(const v1::RecordDetaineesRequest& request);
absl::StatusOr<std::vector<IncidentInput>> CheckIncidents(const v1::RecordDetaineeIncidentsRequest& request);

// Whether a custody period overlaps the year.
bool HeldIn(const storage::v1::DetaineeRecord& d, int year);

// A satker's year: who was held and what happened, and its value.
struct DetaineeYear {
  int64_t held = 0;
  int64_t escapes = 0;                   // a
  int64_t fight_injuries_or_deaths = 0;  // b
  int64_t negligence_deaths = 0;         // c
  // N = 100 / (1 + a + b + c), the [default] formula of domain-rules §7.2 (unverified).
  Decimal Value() const;
  static constexpr char kFormula[] = "N = 100 / (1 + a + b + c) [default]";
};

}  // namespace lkip::pemberantasan
