#include "services/nasional/rollup_files.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "common/proto/deterministic.h"
#include "common/status/macros.h"
#include "report_render/mustache_template.h"
#include "report_render/proto_json.h"
#include "services/nasional/rollup_xlsx.h"

namespace lkip::nasional {
namespace {

struct Dialect {
  char separator;
  bool indonesian;  // decimal comma and thousands dots, as the report prints
};

// RFC 4180: a field holding the separator, a quote or a line break is quoted, quotes doubled.
std::string Field(const std::string& text, char separator) {
  if (text.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

// An exact figure as a spreadsheet reads it: Indonesian as the report displays it; ISO the same
// rounding with a decimal point (an exact terminating decimal in full, otherwise six places).
std::string Number(const common::v1::Decimal& d, const Dialect& dialect) {
  if (d.value().empty()) return "";
  if (dialect.indonesian) return DisplayIndonesian(d.value());
  absl::StatusOr<Decimal> v = Decimal::Parse(d.value());
  if (!v.ok()) return d.value();
  return v->IsTerminating() ? v->ToExactString() : v->ToFixed(6);
}

std::string TargetText(const common::v1::Target& t, const Dialect& dialect) {
  if (t.has_range())
    return absl::StrCat(Number(t.range().low(), dialect), " - ", Number(t.range().high(), dialect));
  return Number(t.value(), dialect);
}

std::string Csv(const v1::RollUp& roll_up, const Dialect& dialect) {
  const char sep = dialect.separator;
  auto line = [sep](const std::vector<std::string>& fields) {
    std::vector<std::string> quoted;
    for (const auto& f : fields) quoted.push_back(Field(f, sep));
    return absl::StrCat(absl::StrJoin(quoted, std::string(1, sep)), "\r\n");
  };
  std::string out = line({"tahun", "kode_ikk", "nama_ikk", "satuan", "kode_provinsi", "provinsi", "target",
                          "realisasi", "capaian_persen", "pita_" + roll_up.band_set(), "peringkat",
                          "data_basi", "nilai_nasional", "aturan_nasional"});
  const std::string year = std::to_string(roll_up.fiscal_year());
  for (const v1::NationalIndicator& ind : roll_up.indicators()) {
    const std::string national = ind.national().available() ? Number(ind.national().value(), dialect) : "";
    for (const v1::ProvinceFigure& f : ind.provinces()) {
      out += line({year, ind.code(), ind.name(), ind.unit(), f.province_code(), f.name(),
                   TargetText(f.target(), dialect), Number(f.realisasi(), dialect),
                   f.capaian_available() ? Number(f.capaian(), dialect) : "NA", f.band(),
                   f.rank() > 0 ? std::to_string(f.rank()) : "", f.stale() ? "ya" : "tidak", national,
                   ind.national().rule()});
    }
  }
  return out;
}

report::v1::RenderedFile File(const std::string& name, std::string content) {
  report::v1::RenderedFile f;
  f.set_name(name);
  f.set_sha256(Sha256Hex(content));
  f.set_content(std::move(content));
  return f;
}

}  // namespace

absl::StatusOr<std::vector<report::v1::RenderedFile>> RollUpFiles(
    const v1::RollUp& roll_up, const std::vector<v1::RollUpFormat>& formats,
    const std::string& html_template) {
  auto wanted = [&formats](v1::RollUpFormat f) {
    return formats.empty() || std::find(formats.begin(), formats.end(), f) != formats.end();
  };
  std::vector<report::v1::RenderedFile> out;
  if (wanted(v1::ROLL_UP_FORMAT_JSON))
    out.push_back(File("nasional.json", render::ProtoJson(roll_up).dump(2) + "\n"));
  if (wanted(v1::ROLL_UP_FORMAT_CSV)) {
    out.push_back(File("nasional.csv", Csv(roll_up, {';', true})));
    out.push_back(File("nasional-iso.csv", Csv(roll_up, {',', false})));
  }
  if (wanted(v1::ROLL_UP_FORMAT_XLSX)) {
    ASSIGN_OR_RETURN(std::string workbook, RollUpWorkbook(roll_up));
    out.push_back(File("nasional.xlsx", std::move(workbook)));
  }
  if (wanted(v1::ROLL_UP_FORMAT_HTML)) {
    absl::StatusOr<render::MustacheTemplate> page = render::MustacheTemplate::Parse(html_template);
    if (!page.ok())
      return absl::InvalidArgumentError(absl::StrCat("nasional.html.mustache: ", page.status().message()));
    ASSIGN_OR_RETURN(std::string html, page->Render(render::MustacheView(roll_up, page->names())));
    out.push_back(File("nasional.html", std::move(html)));
  }
  return out;
}

}  // namespace lkip::nasional
