// The view the report's templates render (lkip.html, lkip.md) and the chart files beside
// lkip.md: the Report in protobuf's JSON mapping (what lkip.json holds, converted straight from
// the message) and, laid over it, what only the printed document needs: anchors of the
// headings, the capaian table as one list, inline SVG charts, counts for the sentences. The daftar isi is not
// built here: it comes from the rendered HTML's own headings (Headings), so a heading edited in the template
// changes it.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "lkip/report/v1/report.pb.h"

namespace lkip::render {

// What the printed document shows beside the report's own members, to be laid over them
// (MustacheView::Overlay): "bab1"[i].id, "sasaran"[s].id and its "indicators"[i] {id,
// has_satker_rows, grafik_svg, grafik_file}, the capaian table "indicators" (each IKK's figures
// without its rows and texts), "ringkasan" counts, the written texts as "html" and "markdown", the budget
// charts under "anggaran", the approval's "status" {draf, keadaan, ditetapkan_oleh, ditetapkan_pada} and an
// empty "daftar_isi".
nlohmann::ordered_json Presentation(const report::v1::Report& report);

// The folder, beside lkip.md, of the chart files it names.
inline constexpr char kChartFolder[] = "grafik/";
// The folder of the report's CSV tables (report_csv.h) among the rendered files.
inline constexpr char kTableFolder[] = "tabel/";

// The chart files lkip.md names ({"grafik/ikk-01.svg", svg}, ...), from the presentation.
std::vector<std::pair<std::string, std::string>> ChartFiles(const nlohmann::ordered_json& presentation);

// One entry of the daftar isi: a heading of the rendered HTML.
struct Heading {
  std::string id;             // the anchor
  std::string label;          // its text, tags removed, entities decoded
  int level = 1;              // h2 -> 1, h3 -> 2, h4 -> 3
  bool front_matter = false;  // before the body: numbered i, ii, ... in the PDF
};

// Every <h2>, <h3> and <h4> with an id attribute, in document order. The body starts at the
// first `<div class="isi">` (lkip.html.mustache); headings before it are front matter, and
// without it none is.
std::vector<Heading> Headings(const std::string& html);

// The daftar isi as the templates name it: [{"id", "label", "level", "css"}].
nlohmann::ordered_json DaftarIsi(const std::vector<Heading>& headings);

}  // namespace lkip::render
