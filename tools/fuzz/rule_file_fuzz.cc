// The rule-file loader (RuleBook::LoadDirectory, the one path every service starts with) on
// arbitrary text: a rule file alone, or an overlay beside the shipped 2023 rule set when the text
// says `extends`. A bad file is refused with a message; a file it loads answers every lookup the
// services make without crashing.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "common/registry/bidang_registry.h"
#include "common/rules/rule_book.h"
#include "tools/fuzz/fuzz_input.h"

namespace {

std::filesystem::path Folder() {
  static const std::filesystem::path folder = [] {
    auto p = std::filesystem::temp_directory_path() / ("lkip-rule-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(p);
    return p;
  }();
  return folder;
}

void Write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::filesystem::path dir = Folder();
  std::filesystem::remove(dir / "base.json");
  Write(dir / "fuzzed.json", text);
  if (text.find("extends") != std::string_view::npos) {
    std::filesystem::copy_file(LKIP_SOURCE_DIR "/deploy/rules/2023.json", dir / "base.json");
  }
  auto book = lkip::RuleBook::LoadDirectory(dir.string());
  if (!book.ok()) {
    if (book.status().message().empty()) lkip::fuzz::Fail("a refusal without a message");
    return 0;
  }
  for (int year : book->Years()) {
    auto rules = book->ForYear(year);
    if (!rules.ok()) lkip::fuzz::Fail("a year the book lists is not found");
    const lkip::YearRules& r = **rules;
    for (const auto& service : lkip::BidangServices()) {
      (void)r.IndicatorsOf(service.name);
      (void)r.MeasuresOf(service.name);
    }
    for (const auto& measure : r.rules().measures()) {
      if (r.FindMeasure(measure.id()) == nullptr) lkip::fuzz::Fail("a measure is not found by its id");
      for (const char* value : {"0", "-1", "50.5", "99.999999", "100", "1e3"}) {
        auto d = lkip::Decimal::Parse(value);
        if (d.ok()) (void)r.CategoryIndex(measure, *d);
      }
    }
    for (const auto& indicator : r.rules().indicators()) {
      if (r.FindIndicator(indicator.code()) == nullptr)
        lkip::fuzz::Fail("an indicator is not found by its code");
    }
  }
  return 0;
}
