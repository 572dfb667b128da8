#include "report_render/document_view.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/approval/state_name.h"
#include "common/numeric/decimal.h"
#include "common/numeric/rounded_text.h"
#include "report_render/json_object.h"
#include "report_render/markdown_text.h"
#include "report_render/report_charts.h"

namespace lkip::render {
namespace {

using nlohmann::ordered_json;

// "IKK-01" -> "ikk-01", "bab1.dasar_hukum" -> "bab1-dasar-hukum": the anchors of the headings.
std::string Anchor(const std::string& code) {
  std::string out = code;
  for (char& c : out)
    c = (c == '.' || c == '_') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> Number(const std::string& exact) {
  auto d = Decimal::Parse(exact);
  if (!d.ok()) return std::nullopt;
  return d->ToDouble();
}

// The IKK's chart: last year's realisasi (where stored), this year's target and realisasi.
std::string IndicatorChart(const report::v1::IndicatorSection& ind, int year) {
  ChartGroup g;
  g.label = ind.code();
  const std::string& previous = ind.comparison().previous_value().value();
  g.values.push_back(previous.empty() ? std::nullopt : Number(previous));
  g.value_labels.push_back(previous.empty() ? "-" : DisplayIndonesian(previous));
  // A range target has no single bar; its text is still printed.
  g.values.push_back(ind.target().has_value() ? Number(ind.target().value().value()) : std::nullopt);
  g.value_labels.push_back(ind.target_display());
  g.values.push_back(ind.available() ? Number(ind.realisasi().value()) : std::nullopt);
  g.value_labels.push_back(ind.available() ? ind.realisasi_display() : "data tidak tersedia");
  return HorizontalBarChartSvg(absl::StrCat(ind.code(), ": target dan realisasi (", ind.unit(), ")"),
                               {{absl::StrCat("Realisasi ", year - 1), "#9e9e9e"},
                                {absl::StrCat("Target ", year), "#4a78b5"},
                                {absl::StrCat("Realisasi ", year), "#3b9b5a"}},
                               {g});
}

// Pagu and realisasi per row of a budget table (program or satker), in rupiah.
std::string BudgetChart(const std::string& title, const keuangan::v1::BudgetTable& table) {
  std::vector<ChartGroup> groups;
  for (const auto& r : table.rows()) {
    groups.push_back(
        ChartGroup{r.label(),
                   {static_cast<double>(r.pagu().amount()), static_cast<double>(r.realisasi().amount())},
                   {IntegerIndonesian(r.pagu().amount()), IntegerIndonesian(r.realisasi().amount())}});
  }
  return HorizontalBarChartSvg(title, {{"Pagu (Rp)", "#4a78b5"}, {"Realisasi (Rp)", "#3b9b5a"}}, groups);
}

// &amp; &lt; &gt; &quot; &apos; &#39; back to their characters (kainjow's escape, undone).
std::string DecodeEntities(const std::string& text) {
  return absl::StrReplaceAll(
      text,
      {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&amp;", "&"}});
}

// Where the report stands: a document with anything remaining (Report.remaining: the approval, a
// text, a rule, an ERROR, missing data) is a draft, marked DRAF and listing it on its front page.
ordered_json StatusView(const report::v1::Report& report) {
  const approval::v1::Approval& approval = report.approval();
  const bool ditetapkan = approval.state() == approval::v1::APPROVAL_STATE_DITETAPKAN;
  ordered_json view = JsonObject(6);
  view["draf"] = report.remaining_size() > 0;
  view["n_sisa"] = report.remaining_size();
  ordered_json sisa = JsonArray(report.remaining_size());
  for (const auto& item : report.remaining()) sisa.push_back(item);
  view["sisa"] = std::move(sisa);
  // The schema's names ("direviu"), but draft in Indonesian.
  const std::string state = ApprovalStateName(approval.state());
  view["keadaan"] = state == "draft" ? "draf" : state;
  if (ditetapkan && approval.history_size() > 0) {
    const auto& last = approval.history(approval.history_size() - 1);
    view["ditetapkan_oleh"] = last.actor();
    view["ditetapkan_pada"] = last.time().substr(0, 10);
  }
  return view;
}

// A written text as each document shows it (markdown_text.h), from its paragraphs as stored.
ordered_json TextView(const report::v1::Text& text) {
  const std::string written = absl::StrJoin(text.paragraphs(), "\n\n");
  ordered_json view = JsonObject(2);
  view["html"] = MarkdownToHtml(written);
  view["markdown"] = MarkdownToCommonMark(written);
  return view;
}

ordered_json TextViews(const google::protobuf::RepeatedPtrField<report::v1::Text>& texts) {
  ordered_json out = JsonArray(texts.size());
  for (const auto& text : texts) out.push_back(TextView(text));
  return out;
}

// The sources of the comparison values, each once with the IKK that use it, in the report's
// order: last year's realisasi, then the national values.
ordered_json SumberPembanding(const report::v1::Report& report) {
  struct Use {
    std::string label, source;
    std::vector<std::string> codes;
  };
  std::vector<Use> uses;
  auto add = [&uses](std::string label, const std::string& source, const std::string& code) {
    if (source.empty()) return;
    for (auto& u : uses) {
      if (u.label == label && u.source == source) return u.codes.push_back(code);
    }
    uses.push_back(Use{std::move(label), source, {code}});
  };
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      if (!ind.comparison().previous_value().value().empty()) {
        add(absl::StrCat("Nilai tahun ", report.fiscal_year() - 1), ind.comparison().previous_source(),
            ind.code());
      }
    }
  }
  for (const auto& s : report.sasaran()) {
    for (const auto& ind : s.indicators()) {
      if (!ind.comparison().national_value().value().empty()) {
        add("Nilai nasional", ind.comparison().national_source(), ind.code());
      }
    }
  }
  ordered_json out = JsonArray(uses.size());
  for (const auto& u : uses) {
    ordered_json entry = JsonObject(3);
    entry["label"] = u.label;
    entry["ikk"] = absl::StrJoin(u.codes, ", ");
    entry["source"] = u.source;
    out.push_back(std::move(entry));
  }
  return out;
}

// Where an IKK's satker values come from: each row's source document once, in row order (the
// per-satker table's "Sumber:" line).
std::string SatkerSources(const report::v1::IndicatorSection& ind) {
  std::vector<std::string> sources;
  for (const auto& line : ind.satker_rows()) {
    const std::string& source = line.row().provenance().source_document();
    if (!source.empty() && std::find(sources.begin(), sources.end(), source) == sources.end())
      sources.push_back(source);
  }
  return absl::StrJoin(sources, "; ");
}

}  // namespace

ordered_json Presentation(const report::v1::Report& report) {
  const int year = report.fiscal_year();
  ordered_json p = JsonObject(8);
  ordered_json bab1 = JsonArray(report.bab1_size());
  for (const auto& text : report.bab1()) {
    ordered_json entry = TextView(text);
    entry["id"] = Anchor(text.key());
    bab1.push_back(std::move(entry));
  }
  p["bab1"] = std::move(bab1);
  // The capaian table of Bab III A: each IKK's figures without its satker rows and texts.
  ordered_json table = JsonArray(report.n_ikk());
  ordered_json sasaran_list = JsonArray(report.sasaran_size());
  for (const auto& s : report.sasaran()) {
    ordered_json sasaran = JsonObject(2);
    sasaran["id"] = absl::StrCat("sasaran-", s.number());
    ordered_json indicators = JsonArray(s.indicators_size());
    for (const auto& ind : s.indicators()) {
      ordered_json j = JsonObject(4);
      j["id"] = Anchor(ind.code());
      j["has_satker_rows"] = ind.satker_rows_size() > 0;
      j["sumber_satker"] = SatkerSources(ind);
      j["grafik_svg"] = IndicatorChart(ind, year);
      // The same chart as a file beside lkip.md, which pandoc embeds in lkip.docx.
      j["grafik_file"] = absl::StrCat(kChartFolder, Anchor(ind.code()), ".svg");
      j["teks_awal"] = TextViews(ind.teks_awal());
      j["teks_akhir"] = TextViews(ind.teks_akhir());
      indicators.push_back(std::move(j));
      ordered_json row = JsonObject(8);
      row["code"] = ind.code();
      row["name"] = ind.name();
      row["unit"] = ind.unit();
      row["target_display"] = ind.target_display();
      row["available"] = ind.available();
      row["unavailable_reason"] = ind.unavailable_reason();
      row["realisasi_display"] = ind.realisasi_display();
      row["capaian_display"] = ind.capaian_display();
      table.push_back(std::move(row));
    }
    sasaran["indicators"] = std::move(indicators);
    sasaran_list.push_back(std::move(sasaran));
  }
  p["sasaran"] = std::move(sasaran_list);
  p["indicators"] = std::move(table);
  ordered_json ringkasan = JsonObject(3);
  ringkasan["n_program"] = report.ringkasan().program_size();
  ringkasan["has_program"] = report.ringkasan().program_size() > 0;
  ordered_json bidang = JsonArray(report.ringkasan().bidang_size());
  for (const auto& b : report.ringkasan().bidang()) {
    ordered_json entry = JsonObject(1);
    entry["n"] = b.ikk_size();
    bidang.push_back(std::move(entry));
  }
  ringkasan["bidang"] = std::move(bidang);
  p["ringkasan"] = std::move(ringkasan);
  p["kata_pengantar"] = TextView(report.kata_pengantar());
  ordered_json bab4 = JsonObject(2);
  bab4["kesimpulan"] = TextView(report.bab4().kesimpulan());
  bab4["langkah"] = TextView(report.bab4().langkah());
  p["bab4"] = std::move(bab4);
  p["status"] = StatusView(report);
  p["sumber_pembanding"] = SumberPembanding(report);
  p["has_sumber_pembanding"] = !p["sumber_pembanding"].empty();
  if (report.anggaran().available()) {
    ordered_json anggaran = JsonObject(4);
    const auto& tables = report.anggaran().tables();
    anggaran["grafik_program_svg"] =
        BudgetChart("Pagu dan realisasi anggaran per program", tables.per_program());
    anggaran["grafik_satker_svg"] =
        BudgetChart("Pagu dan realisasi anggaran per satker", tables.per_satker());
    anggaran["grafik_program_file"] = absl::StrCat(kChartFolder, "anggaran-program.svg");
    anggaran["grafik_satker_file"] = absl::StrCat(kChartFolder, "anggaran-satker.svg");
    p["anggaran"] = std::move(anggaran);
  }
  p["daftar_isi"] = ordered_json::array();
  return p;
}

std::vector<std::pair<std::string, std::string>> ChartFiles(const ordered_json& presentation) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : presentation["sasaran"]) {
    for (const auto& ind : s["indicators"]) out.emplace_back(ind["grafik_file"], ind["grafik_svg"]);
  }
  if (presentation.contains("anggaran")) {
    const auto& anggaran = presentation["anggaran"];
    out.emplace_back(anggaran["grafik_program_file"], anggaran["grafik_program_svg"]);
    out.emplace_back(anggaran["grafik_satker_file"], anggaran["grafik_satker_svg"]);
  }
  return out;
}

std::vector<Heading> Headings(const std::string& html) {
  std::vector<Heading> out;
  const size_t body = html.find("<div class=\"isi\"");
  for (size_t at = html.find("<h"); at != std::string::npos; at = html.find("<h", at + 2)) {
    const char level = at + 2 < html.size() ? html[at + 2] : 0;
    if (level < '2' || level > '4' || at + 3 >= html.size() || (html[at + 3] != ' ' && html[at + 3] != '>'))
      continue;
    const size_t open_end = html.find('>', at);
    if (open_end == std::string::npos) break;
    const std::string_view tag(html.data() + at, open_end - at);
    const size_t id = tag.find(" id=\"");
    if (id == std::string_view::npos) continue;
    const size_t id_end = tag.find('"', id + 5);
    if (id_end == std::string_view::npos) continue;
    const std::string close = absl::StrCat("</h", std::string(1, level), ">");
    const size_t close_at = html.find(close, open_end);
    if (close_at == std::string::npos) break;
    // The heading's text without its tags.
    std::string label;
    bool in_tag = false;
    for (size_t i = open_end + 1; i < close_at; ++i) {
      if (html[i] == '<') in_tag = true;
      if (!in_tag) label += html[i];
      if (html[i] == '>') in_tag = false;
    }
    out.push_back(Heading{std::string(tag.substr(id + 5, id_end - id - 5)), DecodeEntities(label),
                          level - '1', body != std::string::npos && at < body});
    at = close_at;
  }
  return out;
}

ordered_json DaftarIsi(const std::vector<Heading>& headings) {
  ordered_json out = JsonArray(headings.size());
  for (const auto& h : headings) {
    ordered_json entry = JsonObject(4);
    entry["id"] = h.id;
    entry["label"] = h.label;
    entry["level"] = h.level;
    entry["css"] = absl::StrCat(h.level == 1 ? "" : (h.level == 2 ? "sub" : "sub3"),
                                h.front_matter ? (h.level == 1 ? "awal" : " awal") : "");
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace lkip::render
