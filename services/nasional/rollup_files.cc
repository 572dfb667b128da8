#include "services/nasional/rollup_files.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/proto/deterministic.h"
#include "common/status/macros.h"
#include "report_render/csv_table.h"
#include "report_render/mustache_template.h"
#include "report_render/proto_json.h"
#include "services/nasional/rollup_xlsx.h"

namespace lkip::nasional {
namespace {

std::string Csv(const v1::RollUp& roll_up, const render::CsvDialect& dialect) {
  auto line = [&dialect](const std::vector<std::string>& fields) { return render::CsvLine(fields, dialect); };
  std::string out = line({"tahun", "kode_ikk", "nama_ikk", "satuan", "kode_provinsi", "provinsi", "target",
                          "realisasi", "capaian_persen", "pita_" + roll_up.band_set(), "peringkat",
                          "data_basi", "nilai_nasional", "aturan_nasional"});
  const std::string year = std::to_string(roll_up.fiscal_year());
  for (const v1::NationalIndicator& ind : roll_up.indicators()) {
    const std::string national =
        ind.national().available() ? render::CsvNumber(ind.national().value(), dialect) : "";
    for (const v1::ProvinceFigure& f : ind.provinces()) {
      out += line({year, ind.code(), ind.name(), ind.unit(), f.province_code(), f.name(),
                   render::CsvTarget(f.target(), dialect), render::CsvNumber(f.realisasi(), dialect),
                   f.capaian_available() ? render::CsvNumber(f.capaian(), dialect) : "NA", f.band(),
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
    out.push_back(File("nasional.csv", Csv(roll_up, render::kCsvIndonesian)));
    out.push_back(File("nasional-iso.csv", Csv(roll_up, render::kCsvIso)));
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
