// Inline SVG charts of the LKIP document: horizontal grouped bars, one group per row (an IKK's
// target / realisasi / last year; a program's or satker's pagu and realisasi). Pure text
// generation, deterministic (fixed number formatting, no ids from addresses), so the HTML that
// embeds them stays byte-identical across runs. WeasyPrint renders inline SVG into the PDF.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lkip::render {

struct ChartSeries {
  std::string name;   // legend text, e.g. "Realisasi 2023"
  std::string color;  // CSS colour
};

struct ChartGroup {
  std::string label;                          // left of the bars; wrapped to the label column
  std::vector<std::optional<double>> values;  // one per series; nullopt: no bar ("-")
  std::vector<std::string> value_labels;      // printed at each bar's end (Indonesian format)
};

// An SVG element (no XML prolog) `width` wide; its height follows from the groups. Values are
// scaled to the largest one; negative values are drawn as zero-length bars with their label.
std::string HorizontalBarChartSvg(const std::string& title, const std::vector<ChartSeries>& series,
                                  const std::vector<ChartGroup>& groups, int width = 640);

}  // namespace lkip::render
