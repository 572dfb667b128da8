#include "services/pemberantasan/detainee.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "common/status/macros.h"
#include "common/validation/date.h"
#include "common/validation/fields.h"

namespace lkip::pemberantasan {
namespace {

constexpr int kMaxItems = 10000;

}  // namespace

absl::StatusOr<std::vector<DetaineeInput>> CheckDetainees(const v1::RecordDetaineesRequest& request) {
  if (request.detainees_size() == 0 || request.detainees_size() > kMaxItems) {
    return InvalidField("detainees", absl::StrCat(request.detainees_size(), " entries; send 1..", kMaxItems));
  }
  std::vector<DetaineeInput> out;
  std::set<std::string> seen;
  for (int i = 0; i < request.detainees_size(); ++i) {
    const auto& d = request.detainees(i);
    const std::string path = absl::StrCat("detainees[", i, "]");
    if (!IsDocumentNumber(d.detainee_ref(), 64)) {
      return InvalidField(
          path + ".detainee_ref",
          absl::StrCat("\"", d.detainee_ref(), "\" must be 1..64 of [A-Za-z0-9._/-], never a name"));
    }
    ASSIGN_OR_RETURN(std::string custody_start, CheckRecordDate(path + ".custody_start", d.custody_start()));
    ASSIGN_OR_RETURN(std::string custody_end,
                     CheckOptionalRecordDate(path + ".custody_end", d.custody_end()));
    if (!custody_end.empty() && custody_end < custody_start) {
      return InvalidField(path + ".custody_end",
                          absl::StrCat(custody_end, " is before custody_start ", custody_start));
    }
    if (!seen.insert(d.detainee_ref()).second)
      return InvalidField(path + ".detainee_ref", absl::StrCat("\"", d.detainee_ref(), "\" appears twice"));
    DetaineeInput in;
    in.detainee_ref = d.detainee_ref();
    in.record.set_satker_code(d.satker_code());
    in.record.set_custody_start(custody_start);
    in.record.set_custody_end(custody_end);
    out.push_back(std::move(in));
  }
  return out;
}

absl::StatusOr<std::vector<IncidentInput>> CheckIncidents(const v1::RecordDetaineeIncidentsRequest& request) {
  if (request.incidents_size() == 0 || request.incidents_size() > kMaxItems) {
    return InvalidField("incidents", absl::StrCat(request.incidents_size(), " entries; send 1..", kMaxItems));
  }
  std::vector<IncidentInput> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (int i = 0; i < request.incidents_size(); ++i) {
    const auto& in = request.incidents(i);
    const std::string path = absl::StrCat("incidents[", i, "]");
    if (!IsDocumentNumber(in.incident_id(), 64))
      return InvalidField(path + ".incident_id",
                          absl::StrCat("\"", in.incident_id(), "\" must be 1..64 of [A-Za-z0-9._/-]"));
    if (!v1::IncidentKind_IsValid(in.kind()) || in.kind() == v1::INCIDENT_KIND_UNSPECIFIED) {
      return InvalidField(path + ".kind", absl::StrCat(in.kind(), " is not an incident kind"));
    }
    ASSIGN_OR_RETURN(std::string date, CheckRecordDate(path + ".date", in.date()));
    if (in.description().size() > 500)
      return InvalidField(path + ".description", "longer than 500 characters");
    if (!seen.insert({in.detainee_ref(), in.incident_id()}).second)
      return InvalidField(path + ".incident_id", absl::StrCat("\"", in.incident_id(), "\" appears twice"));
    IncidentInput out_in;
    out_in.detainee_ref = in.detainee_ref();
    out_in.incident_id = in.incident_id();
    out_in.record.set_kind(in.kind());
    out_in.record.set_date(date);
    out_in.record.set_description(in.description());
    out.push_back(std::move(out_in));
  }
  return out;
}

bool HeldIn(const storage::v1::DetaineeRecord& d, int year) {
  const std::string start = absl::StrCat(year, "-01-01"), end = absl::StrCat(year, "-12-31");
  return d.custody_start() <= end && (d.custody_end().empty() || d.custody_end() >= start);
}

Decimal DetaineeYear::Value() const {
  return Decimal(100) / Decimal(1 + escapes + fight_injuries_or_deaths + negligence_deaths);
}

}  // namespace lkip::pemberantasan
