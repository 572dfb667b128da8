#include "services/aggregator/text_messages.h"

#include <google/protobuf/util/time_util.h>

namespace lkip::aggregator {

v1::GetNarrativesResponse NarrativesMessage(const std::vector<StoredNarrative>& narratives) {
  v1::GetNarrativesResponse out;
  for (const auto& stored : narratives) {
    auto* n = out.add_narratives();
    n->set_key(stored.key);
    n->set_text(stored.record.text());
    n->set_actor(stored.record.actor());
    *n->mutable_updated_at() =
        google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(stored.record.updated_unix_micros());
  }
  return out;
}

v1::GetComparisonsResponse ComparisonsMessage(const std::vector<StoredComparison>& comparisons) {
  v1::GetComparisonsResponse out;
  for (const auto& stored : comparisons) {
    const auto& r = stored.record;
    auto* c = out.add_comparisons();
    c->set_code(stored.code);
    if (!r.previous_value().empty()) c->mutable_previous_value()->set_value(r.previous_value());
    c->set_previous_source(r.previous_source());
    c->set_national_label(r.national_label());
    if (!r.national_value().empty()) c->mutable_national_value()->set_value(r.national_value());
    if (!r.province_value().empty()) c->mutable_province_value()->set_value(r.province_value());
    c->set_national_source(r.national_source());
    if (!r.national_target().empty()) c->mutable_national_target()->set_value(r.national_target());
    if (!r.province_target().empty()) c->mutable_province_target()->set_value(r.province_target());
  }
  return out;
}

}  // namespace lkip::aggregator
