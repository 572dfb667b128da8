#include "common/audit/keyspaces.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <memory>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lkip/storage/v1/records.pb.h"

namespace lkip {
namespace {

constexpr Keyspace kKeyspaces[] = {
    {0x01, "unit", "lkip.storage.v1.UnitRecord"},
    {0x10, "satker_value", "lkip.storage.v1.SatkerValueRecord"},
    {0x11, "computed_value", "lkip.storage.v1.SatkerValueRecord"},
    {0x20, "perjanjian_kinerja", "lkip.storage.v1.PerjanjianKinerjaRecord"},
    {0x21, "narrative", "lkip.storage.v1.NarrativeRecord"},
    {0x22, "comparison", "lkip.storage.v1.ComparisonRecord"},
    {0x23, "bundle_journal", "lkip.storage.v1.BundleJournalRecord"},
    {0x24, "approval", "lkip.storage.v1.ApprovalRecord"},
    {0x40, "import", "lkip.storage.v1.ImportRecord"},
    {0x41, "import_row", ""},
    {0x42, "import_pending", ""},
    {0x43, "import_digest", ""},
    {0x44, "import_row_block", "lkip.storage.v1.ImportRowBlock"},
    {0x50, "skm_aggregate", "lkip.storage.v1.SkmAggregateRecord"},
    {0x51, "whoqol_client", "lkip.storage.v1.WhoqolClientRecord"},
    {0x52, "register_entry", "lkip.storage.v1.RegisterEntryRecord"},
    {0x53, "register_index", ""},
    {0x60, "ikp_institution", "lkip.storage.v1.IkpInstitutionRecord"},
    {0x61, "respondent_sum", "lkip.storage.v1.RespondentSumRecord"},
    {0x62, "kawasan", "lkip.storage.v1.KawasanRecord"},
    {0x63, "kawasan_by_satker", ""},
    {0x64, "kawasan_status", "lkip.storage.v1.KawasanStatusRecord"},
    {0x65, "intervention", "lkip.storage.v1.InterventionRecord"},
    {0x66, "ikkr_assessment", "lkip.storage.v1.IkkrAssessmentRecord"},
    {0x70, "case_file", "lkip.storage.v1.CaseFileRecord"},
    {0x71, "p21_count", "lkip.storage.v1.CountRecord"},
    {0x72, "detainee", "lkip.storage.v1.DetaineeRecord"},
    {0x73, "detainee_incident", "lkip.storage.v1.DetaineeIncidentRecord"},
    {0x74, "detainee_by_satker", ""},
    {0x75, "evidence_chain", "lkip.storage.v1.EvidenceChainRecord"},
    {0x7B, "year_lock", "lkip.storage.v1.YearLockRecord"},
    {0x7C, "bundle_write", ""},
    {0x7D, "bundle_rolled_back", ""},
    {0x7E, "audit", "lkip.storage.v1.AuditEntry"},
    {0x7F, "meta", ""},
    {0x80, "dipa", "lkip.storage.v1.DipaRecord"},
    {0x81, "realisasi", "lkip.storage.v1.RealisasiMonthRecord"},
    {0x82, "budget_score", "lkip.storage.v1.BudgetScoreRecord"},
    {0x90, "lke", "lkip.storage.v1.LkeAssessmentRecord"},
    {0x91, "tpi", "lkip.storage.v1.TpiResultRecord"},
    {0xA0, "nasional_snapshot", "lkip.storage.v1.NasionalSnapshotRecord"},
    {0xA1, "nasional_pull", "lkip.storage.v1.NasionalPullRecord"},
};

bool Printable(char c) { return c >= 0x20 && c < 0x7F; }

}  // namespace

const Keyspace* KeyspaceOfTag(uint8_t tag) {
  for (const Keyspace& k : kKeyspaces)
    if (k.tag == tag) return &k;
  return nullptr;
}

const Keyspace* KeyspaceNamed(std::string_view name) {
  for (const Keyspace& k : kKeyspaces)
    if (k.name == name) return &k;
  return nullptr;
}

std::string KeyspaceNames() {
  std::vector<std::string> names;
  for (const Keyspace& k : kKeyspaces) names.emplace_back(k.name);
  return absl::StrJoin(names, ", ");
}

std::string KeyspaceNameOf(std::string_view key) {
  if (key.empty()) return "";
  const uint8_t tag = static_cast<uint8_t>(key[0]);
  if (const Keyspace* k = KeyspaceOfTag(tag)) return std::string(k->name);
  return absl::StrFormat("0x%02x", tag);
}

std::string ReadableKey(std::string_view key) {
  std::vector<std::string> parts;
  std::string_view rest = key.empty() ? key : key.substr(1);
  while (!rest.empty()) {
    // A string: printable bytes up to its 0x00 0x00 end.
    size_t n = 0;
    while (n < rest.size() && Printable(rest[n])) ++n;
    if (n + 1 < rest.size() && rest[n] == '\0' && rest[n + 1] == '\0') {
      parts.emplace_back(rest.substr(0, n));
      rest.remove_prefix(n + 2);
      continue;
    }
    // A signed 32-bit number stored with its sign bit flipped (a year, a month): 0x80 0x00 first.
    if (rest.size() >= 4 && static_cast<uint8_t>(rest[0]) == 0x80 && rest[1] == '\0') {
      uint32_t v = 0;
      for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(rest[i]);
      parts.push_back(absl::StrCat(static_cast<int32_t>(v ^ 0x80000000u)));
      rest.remove_prefix(4);
      continue;
    }
    parts.push_back(absl::BytesToHexString(absl::string_view(rest.data(), rest.size())));
    break;
  }
  return absl::StrJoin(parts, " / ");
}

std::string ReadableValue(std::string_view key, std::string_view value) {
  const Keyspace* k = key.empty() ? nullptr : KeyspaceOfTag(static_cast<uint8_t>(key[0]));
  const google::protobuf::Descriptor* type =
      k == nullptr || k->record.empty()
          ? nullptr
          : google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(std::string(k->record));
  if (type != nullptr) {
    std::unique_ptr<google::protobuf::Message> message(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(type)->New());
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    if (message->ParseFromArray(value.data(), static_cast<int>(value.size())) &&
        google::protobuf::util::MessageToJsonString(*message, &json, options).ok()) {
      return json;
    }
  }
  return absl::Base64Escape(absl::string_view(value.data(), value.size()));
}

}  // namespace lkip
