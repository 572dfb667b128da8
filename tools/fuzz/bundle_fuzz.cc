// The bundle reader on arbitrary text: protobuf's JSON mapping into lkip.bundle.v1.Bundle (as
// lkipctl and the aggregator read bundles), then CheckBundle against the shipped 2023 rules, the
// check that stands between a bundle and every service's store. Either a refusal naming the
// bundle, or a bundle that passes; never a crash.
#include <cstdint>
#include <string>

#include "common/proto/json_file.h"
#include "common/rules/rule_book.h"
#include "services/aggregator/ingest/bundle_check.h"
#include "tools/fuzz/fuzz_input.h"

namespace {

const lkip::YearRules& Rules() {
  static const lkip::RuleBook* book = [] {
    auto loaded = lkip::RuleBook::LoadDirectory(LKIP_SOURCE_DIR "/deploy/rules");
    if (!loaded.ok()) lkip::fuzz::Fail("the shipped rules do not load");
    return new lkip::RuleBook(*std::move(loaded));
  }();
  return **book->ForYear(2023);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const lkip::YearRules& rules = Rules();
  lkip::bundle::v1::Bundle bundle;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!lkip::ParseJsonMessage(text, "fuzz.json", "a bundle", &bundle).ok()) return 0;
  const absl::Status checked = lkip::aggregator::CheckBundle("fuzz.json", rules, &bundle);
  if (!checked.ok() && checked.message().find("fuzz.json") == std::string::npos) {
    lkip::fuzz::Fail("a refusal that does not name the bundle");
  }
  return 0;
}
