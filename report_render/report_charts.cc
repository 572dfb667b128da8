#include "report_render/report_charts.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "report_render/html_escape.h"

namespace lkip::render {
namespace {

constexpr int kLabelWidth = 190;  // the label column
constexpr int kValueWidth = 110;  // room right of the longest bar for its value
constexpr int kBarHeight = 14;
constexpr int kBarGap = 3;
constexpr int kGroupGap = 12;
constexpr int kLineHeight = 12;     // of wrapped label lines
constexpr size_t kLabelChars = 30;  // characters per label line at 10 px

std::string Num(double v) { return absl::StrFormat("%.1f", v); }

// Splits a label into lines of at most kLabelChars, at spaces; at most 3 lines, the last one
// cut with "…" so a long program name cannot overflow the chart.
std::vector<std::string> WrapLabel(const std::string& label) {
  std::vector<std::string> lines;
  std::string line;
  for (absl::string_view word : absl::StrSplit(label, ' ', absl::SkipEmpty())) {
    if (!line.empty() && line.size() + 1 + word.size() > kLabelChars) {
      lines.push_back(line);
      line.clear();
    }
    absl::StrAppend(&line, line.empty() ? "" : " ", std::string(word));
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.size() > 3) {
    lines.resize(3);
    lines[2] += " …";
  }
  return lines;
}

}  // namespace

std::string HorizontalBarChartSvg(const std::string& title, const std::vector<ChartSeries>& series,
                                  const std::vector<ChartGroup>& groups, int width) {
  double max_value = 0;
  for (const auto& g : groups) {
    for (const auto& v : g.values) {
      if (v) max_value = std::max(max_value, *v);
    }
  }
  const double bar_span = width - kLabelWidth - kValueWidth;
  const int n = static_cast<int>(series.size());
  const int title_height = 20, legend_height = 18;
  int y = title_height + legend_height + 6;
  std::string body;
  for (const auto& g : groups) {
    const auto lines = WrapLabel(g.label);
    const int group_height =
        std::max(n * (kBarHeight + kBarGap), static_cast<int>(lines.size()) * kLineHeight);
    const double label_top = y + (group_height - static_cast<int>(lines.size()) * kLineHeight) / 2.0 + 9;
    absl::StrAppend(&body, "<text x=\"", kLabelWidth - 6, "\" y=\"", Num(label_top),
                    "\" text-anchor=\"end\">");
    for (size_t i = 0; i < lines.size(); ++i) {
      absl::StrAppend(&body, "<tspan x=\"", kLabelWidth - 6, "\" dy=\"", i == 0 ? 0 : kLineHeight, "\">",
                      HtmlEscape(lines[i]), "</tspan>");
    }
    body += "</text>\n";
    for (int s = 0; s < n; ++s) {
      const int bar_y = y + s * (kBarHeight + kBarGap);
      const std::optional<double> v = s < static_cast<int>(g.values.size()) ? g.values[s] : std::nullopt;
      const double len = (v && max_value > 0 && *v > 0) ? *v / max_value * bar_span : 0;
      if (v) {
        absl::StrAppend(&body, "<rect x=\"", kLabelWidth, "\" y=\"", bar_y, "\" width=\"", Num(len),
                        "\" height=\"", kBarHeight, "\" fill=\"", series[s].color, "\"/>");
      }
      const std::string text = s < static_cast<int>(g.value_labels.size()) ? g.value_labels[s] : "";
      absl::StrAppend(&body, "<text x=\"", Num(kLabelWidth + len + 4), "\" y=\"", bar_y + kBarHeight - 3,
                      "\">", HtmlEscape(v ? text : "-"), "</text>\n");
    }
    y += group_height + kGroupGap;
  }
  std::string legend;
  int x = kLabelWidth;
  for (const auto& s : series) {
    absl::StrAppend(&legend, "<rect x=\"", x, "\" y=\"", title_height + 2,
                    "\" width=\"10\" height=\"10\" fill=\"", s.color, "\"/><text x=\"", x + 14, "\" y=\"",
                    title_height + 11, "\">", HtmlEscape(s.name), "</text>\n");
    x += 24 + static_cast<int>(s.name.size()) * 6;
  }
  const int height = y;
  return absl::StrCat("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"", width,
                      "\" height=\"", height, "\" viewBox=\"0 0 ", width, " ", height,
                      "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">\n", "<text x=\"",
                      width / 2, "\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"11\">",
                      HtmlEscape(title), "</text>\n", legend, "<line x1=\"", kLabelWidth, "\" y1=\"",
                      title_height + legend_height, "\" x2=\"", kLabelWidth, "\" y2=\"",
                      height - kGroupGap / 2, "\" stroke=\"#444\"/>\n", body, "</svg>");
}

}  // namespace lkip::render
