#include "tools/lkipctl/report_model.h"

#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/numeric/decimal.h"
#include "tools/lkipctl/budget_output.h"
#include "tools/lkipctl/capaian_output.h"
#include "tools/lkipctl/json_object.h"
#include "tools/lkipctl/report_charts.h"
#include "tools/lkipctl/report_formula.h"

namespace lkip::ctl {
namespace {

using ordered_json = nlohmann::ordered_json;

// A stored text as paragraphs, or the placeholder that says which text is missing.
ordered_json Text(const std::map<std::string, std::string>& texts, const std::string& key, const std::string& label) {
  ordered_json paragraphs = ordered_json::array();
  auto it = texts.find(key);
  if (it != texts.end()) {
    for (absl::string_view p : absl::StrSplit(it->second, "\n\n", absl::SkipWhitespace())) {
      paragraphs.push_back(std::string(absl::StripAsciiWhitespace(p)));
    }
  }
  ordered_json out = JsonObject(6);   // and "id", which Bab I's sections get
  out["key"] = key;
  out["label"] = label;
  const bool missing = paragraphs.empty();
  out["paragraphs"] = std::move(paragraphs);
  out["missing"] = missing;
  out["placeholder"] = absl::StrCat("[Belum diisi: ", label, "]");
  return out;
}

// "meningkat" / "menurun" / "tetap" of `now` against `before`, from the exact values.
std::string Direction(const Decimal& now, const Decimal& before, const char* up, const char* down, const char* same) {
  return now > before ? up : (now < before ? down : same);
}

// The comparison sentences of one IKK, written from the stored figures and the realisasi.
ordered_json ComparisonText(const aggregator::v1::Comparison& c, const ordered_json& ind, const std::string& unit,
                            int year) {
  ordered_json out = ordered_json::array();
  if (!c.previous_value().value().empty() && ind.value("available", false)) {
    const Decimal before = *Decimal::Parse(c.previous_value().value());
    const Decimal now = *Decimal::Parse(ind["realisasi"].get<std::string>());
    out.push_back(absl::StrCat("Dibandingkan tahun ", year - 1, " sebesar ", DisplayIndonesian(c.previous_value().value()),
                               " ", unit, ", realisasi tahun ", year, " sebesar ", ind["realisasi_display"].get<std::string>(),
                               " ", unit, " ", Direction(now, before, "meningkat", "menurun", "tetap"), " (sumber nilai ",
                               year - 1, ": ", c.previous_source(), ")."));
  }
  if (!c.national_value().value().empty() && !c.province_value().value().empty()) {
    const Decimal national = *Decimal::Parse(c.national_value().value());
    const Decimal province = *Decimal::Parse(c.province_value().value());
    out.push_back(absl::StrCat("Nilai ", c.national_label(), " provinsi sebesar ", DisplayIndonesian(c.province_value().value()),
                               ", ", Direction(province, national, "lebih tinggi dari", "lebih rendah dari", "sama dengan"),
                               " nilai nasional sebesar ", DisplayIndonesian(c.national_value().value()), " (sumber: ",
                               c.national_source(), ")."));
  }
  return out;
}

std::string Capaian(const ordered_json& ind) {
  return ind.contains("capaian_display") ? ind["capaian_display"].get<std::string>() : "NA";
}

// "IKK-01" -> "ikk-01", "bab1.dasar_hukum" -> "bab1-dasar-hukum": the anchors the daftar isi
// links to.
std::string Anchor(const std::string& code) {
  std::string out = code;
  for (char& c : out) c = (c == '.' || c == '_') ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<double> Number(const std::string& exact) {
  auto d = Decimal::Parse(exact);
  if (!d.ok()) return std::nullopt;
  return d->ToDouble();
}

// The IKK's chart: last year's realisasi (where stored), this year's target and realisasi.
std::string IndicatorChart(const ordered_json& ind, const aggregator::v1::Comparison* cmp, int year) {
  ChartGroup g;
  g.label = ind["code"].get<std::string>();
  const bool has_previous = cmp != nullptr && !cmp->previous_value().value().empty();
  g.values.push_back(has_previous ? Number(cmp->previous_value().value()) : std::nullopt);
  g.value_labels.push_back(has_previous ? DisplayIndonesian(cmp->previous_value().value()) : "-");
  // A range target ("3-5") parses as no number: no bar, its text is still printed.
  g.values.push_back(Number(ind.value("target", "")));
  g.value_labels.push_back(ind.value("target_display", ""));
  const bool available = ind.value("available", false);
  g.values.push_back(available ? Number(ind["realisasi"].get<std::string>()) : std::nullopt);
  g.value_labels.push_back(available ? ind["realisasi_display"].get<std::string>() : "data tidak tersedia");
  return HorizontalBarChartSvg(
      absl::StrCat(ind["code"].get<std::string>(), ": target dan realisasi (", ind["unit"].get<std::string>(), ")"),
      {{absl::StrCat("Realisasi ", year - 1), "#9e9e9e"}, {absl::StrCat("Target ", year), "#4a78b5"},
       {absl::StrCat("Realisasi ", year), "#3b9b5a"}},
      {g});
}

// Pagu and realisasi per row of a budget table (program or satker), in rupiah.
std::string BudgetChart(const std::string& title, const keuangan::v1::BudgetTable& table) {
  std::vector<ChartGroup> groups;
  for (const auto& r : table.rows()) {
    groups.push_back(ChartGroup{r.label(),
                                {static_cast<double>(r.pagu().amount()), static_cast<double>(r.realisasi().amount())},
                                {IntegerIndonesian(r.pagu().amount()), IntegerIndonesian(r.realisasi().amount())}});
  }
  return HorizontalBarChartSvg(title, {{"Pagu (Rp)", "#4a78b5"}, {"Realisasi (Rp)", "#3b9b5a"}}, groups);
}

// The heading an IKK's service is reported under in the ringkasan eksekutif, as the seed
// groups them (keuangan and zona integritas are the Bagian Umum's).
std::string BidangLabel(const std::string& service) {
  if (service == "pencegahan") return "Bidang Pencegahan dan Pemberdayaan Masyarakat";
  if (service == "rehabilitasi") return "Bidang Rehabilitasi";
  if (service == "pemberantasan") return "Bidang Pemberantasan";
  return "Bagian Umum";
}

// The ringkasan eksekutif (domain-rules §10): the programs, the S1 distribution, one line per
// IKK grouped by bidang; every figure from the capaian table.
ordered_json RingkasanJson(const ordered_json& table, const ordered_json& band_sets, const keuangan::v1::BudgetTable* programs) {
  ordered_json out = JsonObject(5);
  ordered_json names = ordered_json::array();
  if (programs != nullptr) {
    for (const auto& r : programs->rows()) names.push_back(r.label());
  }
  out["n_program"] = names.size();
  out["has_program"] = !names.empty();
  out["program"] = std::move(names);
  ordered_json groups = ordered_json::array();
  std::map<std::string, size_t> group_of;
  for (const auto& ind : table) {
    const std::string label = BidangLabel(ind.value("service", ""));
    if (!group_of.count(label)) {
      group_of[label] = groups.size();
      ordered_json group = JsonObject(3);
      group["label"] = label;
      group["ikk"] = ordered_json::array();
      groups.push_back(std::move(group));
    }
    const std::string unit = ind.value("unit", "");
    std::string line =
        ind.value("available", false)
            ? absl::StrCat(ind["name"].get<std::string>(), ": target ", ind["target_display"].get<std::string>(), " ", unit,
                           ", tercapai ", ind["realisasi_display"].get<std::string>(), " ", unit, " (capaian ",
                           Capaian(ind), "%).")
            : absl::StrCat(ind["name"].get<std::string>(), ": target ", ind["target_display"].get<std::string>(), " ", unit,
                           ", data tidak tersedia (", ind.value("unavailable_reason", ""), ").");
    groups[group_of[label]]["ikk"].push_back(std::move(line));
  }
  for (auto& g : groups) g["n"] = g["ikk"].size();
  out["bidang"] = std::move(groups);
  for (const auto& set : band_sets) {
    if (set["id"] == "S1") out["distribusi"] = set;
  }
  return out;
}

}  // namespace

ordered_json ReportJson(const ReportInputs& in) {
  std::map<std::string, std::string> texts;
  for (const auto& n : in.narratives.narratives()) texts[n.key()] = n.text();
  std::map<std::string, const aggregator::v1::Comparison*> comparisons;
  for (const auto& c : in.comparisons.comparisons()) comparisons[c.code()] = &c;
  ordered_json capaian = CapaianJson(in.capaian);   // its parts are moved into the view below
  const std::string instansi = in.capaian.province_name();
  const int year = in.capaian.fiscal_year();

  ordered_json out = JsonObject(24);   // every member below: growing it would copy the chapters
  out["fiscal_year"] = year;
  out["province"] = in.capaian.province_code();
  out["instansi"] = instansi;
  out["rule_set_version"] = in.capaian.rule_set_version();
  out["complete"] = in.capaian.complete() && in.budget_available;
  out["title"] = absl::StrCat("Laporan Kinerja Instansi Pemerintah ", instansi, " Tahun ", year);
  out["kata_pengantar"] = Text(texts, "kata_pengantar", "kata pengantar");
  out["penandatangan"] = {{"tempat_tanggal", Text(texts, "penandatangan.tempat_tanggal", "tempat dan tanggal")},
                          {"jabatan", Text(texts, "penandatangan.jabatan", "jabatan penandatangan")},
                          {"nama", Text(texts, "penandatangan.nama", "nama penandatangan")}};
  out["bab1"] = ordered_json::array(
      {Text(texts, "bab1.latar_belakang", "A. Latar Belakang"), Text(texts, "bab1.dasar_hukum", "B. Dasar Hukum"),
       Text(texts, "bab1.kedudukan_tugas_fungsi", "C. Kedudukan, Tugas, Fungsi, dan Kewenangan"),
       Text(texts, "bab1.struktur_organisasi", "D. Struktur Organisasi"),
       Text(texts, "bab1.sistematika", "E. Sistematika Penyajian")});

  // Bab II and III: the sasaran of the PK with their indicators, as computed.
  // The capaian table's rows: each IKK's figures without its satker rows, which the view
  // carries once, under its sasaran (copying and rendering them twice was most of the time the
  // view took).
  ordered_json table = JsonArray(capaian["indicators"].size());
  for (const auto& ind : capaian["indicators"]) {
    ordered_json row = JsonObject(ind.size());
    for (const auto& [key, value] : ind.items()) {
      if (key != "satker_rows") row[key] = value;
    }
    table.push_back(std::move(row));
  }
  std::map<std::string, ordered_json*> by_code;   // moved out of `capaian` into the sasaran
  ordered_json kinerja_anggaran = ordered_json::array();   // Bab IV: the BNNP's NKA and IKPA
  for (auto& ind : capaian["indicators"]) by_code[ind["code"].get<std::string>()] = &ind;
  std::map<std::string, const aggregator::v1::IndicatorResult*> results;
  for (const auto& r : in.capaian.indicators()) results[r.code()] = &r;
  // The daftar isi: every heading the templates print with an anchor, in document order.
  ordered_json toc = ordered_json::array();
  auto heading = [&toc](const std::string& id, const std::string& label, int level) {
    ordered_json entry = JsonObject(4);
    entry["id"] = id;
    entry["label"] = label;
    entry["level"] = level;
    entry["css"] = level == 1 ? "" : (level == 2 ? "sub" : "sub3");
    toc.push_back(std::move(entry));
  };
  heading("kata-pengantar", "Kata Pengantar", 1);
  heading("ringkasan", "Ringkasan Eksekutif", 1);
  heading("bab1", "Bab I Pendahuluan", 1);
  for (auto& section : out["bab1"]) {
    section["id"] = Anchor(section["key"].get<std::string>());
    heading(section["id"], section["label"].get<std::string>(), 2);
  }
  heading("bab2", "Bab II Perencanaan Kinerja", 1);
  heading("bab3", "Bab III Akuntabilitas Kinerja", 1);
  heading("bab3a", "A. Capaian Kinerja Organisasi", 2);
  ordered_json sasaran = ordered_json::array();
  int n_ikk = 0;
  for (const auto& s : in.pk.sasaran()) {
    const std::string sasaran_id = absl::StrCat("sasaran-", s.number());
    heading(sasaran_id, absl::StrCat("Sasaran ", s.number(), ": ", s.text()), 2);
    ordered_json indicators = ordered_json::array();
    for (const auto& pk_ind : s.indicators()) {
      ++n_ikk;
      auto found = by_code.find(pk_ind.code());
      ordered_json ind = found != by_code.end() ? std::move(*found->second) : ordered_json::object();
      ReserveMembers(ind, 40);   // as CapaianJson reserved: growing would copy the satker rows
      ind["code"] = pk_ind.code();
      ind["name"] = pk_ind.name();
      ind["unit"] = pk_ind.unit();
      if (ind.value("available", false)) {
        ind["kalimat_capaian"] = absl::StrCat(
            "Dari target yang ditetapkan dalam perjanjian kinerja sebesar ", ind["target_display"].get<std::string>(), " ",
            pk_ind.unit(), ", terealisasi ", ind["realisasi_display"].get<std::string>(), " ", pk_ind.unit(),
            " atau capaian ", Capaian(ind), "%.");
      } else {
        ind["kalimat_capaian"] = absl::StrCat("Data realisasi tidak tersedia: ", ind.value("unavailable_reason", ""), ".");
      }
      // The texts before the tables (what the IKK is, how it is measured) and after them.
      auto blocks = [&](std::vector<std::pair<std::string, std::string>> fields) {
        ordered_json list = ordered_json::array();
        for (const auto& [field, label] : fields) {
          list.push_back(Text(texts, absl::StrCat(pk_ind.code(), ".", field), absl::StrCat(label, " ", pk_ind.code())));
        }
        return list;
      };
      ind["teks_awal"] = blocks({{"definisi_operasional", "definisi operasional"}, {"metode_pengukuran", "metode pengukuran"}});
      ind["teks_akhir"] = blocks({{"faktor", "faktor keberhasilan/kegagalan"}, {"hambatan", "hambatan"}, {"rekomendasi", "rekomendasi"}});
      auto cmp = comparisons.find(pk_ind.code());
      ind["perbandingan"] = cmp == comparisons.end() ? ordered_json::array()
                                                     : ComparisonText(*cmp->second, ind, pk_ind.unit(), year);
      ind["has_satker_rows"] = ind.contains("satker_rows") && !ind["satker_rows"].empty();
      ind["id"] = Anchor(pk_ind.code());
      heading(ind["id"], absl::StrCat(pk_ind.code(), " ", pk_ind.name()), 3);
      if (auto r = results.find(pk_ind.code()); r != results.end()) {
        ind["kategori"] = KategoriJson(*r->second);
        ind["rumus"] = RumusJson(*r->second);
        // A budget score of the BNNP itself (NKA, IKPA) with its category and source.
        if (r->second->service() == "keuangan" && r->second->available() &&
            r->second->aggregation().kind() == rules::v1::AGGREGATION_KIND_PROVINCIAL_OFFICE) {
          for (const auto& row : r->second->satker_rows()) {
            if (row.satker_code() != in.capaian.province_code()) continue;
            kinerja_anggaran.push_back(absl::StrCat(
                pk_ind.name(), " pada ", instansi, " tahun ", year, " sebesar ", DisplayIndonesian(row.value().value()),
                row.category().empty() ? "" : absl::StrCat(" dengan kategori \"", row.category(), "\""), " (sumber: ",
                row.provenance().source_document(), ")."));
          }
        }
      }
      ind["grafik_svg"] = IndicatorChart(ind, cmp == comparisons.end() ? nullptr : cmp->second, year);
      // The same chart as a file beside lkip.md, which pandoc embeds in lkip.docx.
      ind["grafik_file"] = absl::StrCat("grafik/", ind["id"].get<std::string>(), ".svg");
      indicators.push_back(std::move(ind));
    }
    // Built by moving: a braced list would copy every indicator.
    ordered_json entry = JsonObject(4);
    entry["number"] = s.number();
    entry["id"] = sasaran_id;
    entry["text"] = s.text();
    entry["indicators"] = std::move(indicators);
    sasaran.push_back(std::move(entry));
  }
  heading("bab3b", "B. Realisasi Anggaran", 2);
  heading("bab4", "Bab IV Penutup", 1);
  heading("lampiran", "Lampiran", 1);
  out["daftar_isi"] = std::move(toc);
  out["sasaran"] = std::move(sasaran);
  out["n_sasaran"] = in.pk.sasaran_size();
  out["n_ikk"] = n_ikk;
  by_code.clear();
  out["ringkasan"] = RingkasanJson(table, capaian["band_sets"], in.budget_available ? &in.budget.per_program() : nullptr);
  out["indicators"] = std::move(table);
  out["band_sets"] = std::move(capaian["band_sets"]);
  out["unverified_rules"] = std::move(capaian["unverified_rules"]);
  out["has_unverified_rules"] = capaian["has_unverified_rules"];

  // Bab III B: the budget tables, computed by keuangan from DIPA and realisasi.
  out["anggaran_available"] = in.budget_available;
  if (in.budget_available) {
    ordered_json anggaran = JsonObject(8);
    anggaran["per_program"] = BudgetTableJson(in.budget.per_program());
    anggaran["per_satker"] = BudgetTableJson(in.budget.per_satker());
    anggaran["per_kegiatan"] = BudgetTableJson(in.budget.per_kegiatan());
    anggaran["grafik_program_svg"] = BudgetChart("Pagu dan realisasi anggaran per program", in.budget.per_program());
    anggaran["grafik_satker_svg"] = BudgetChart("Pagu dan realisasi anggaran per satker", in.budget.per_satker());
    anggaran["grafik_program_file"] = "grafik/anggaran-program.svg";
    anggaran["grafik_satker_file"] = "grafik/anggaran-satker.svg";
    const ordered_json& total = anggaran["per_satker"]["total"];
    std::string kalimat = absl::StrCat(
        "Pagu anggaran ", instansi, " beserta BNNK jajarannya tahun ", year, " sebesar Rp", total["pagu"].get<std::string>(),
        " dengan realisasi sebesar Rp", total["realisasi"].get<std::string>(), " (", total["percent"].get<std::string>(),
        "%), sisa anggaran Rp", total["sisa"].get<std::string>(), ".");
    kinerja_anggaran.insert(kinerja_anggaran.begin(), kalimat);
    anggaran["kalimat"] = std::move(kalimat);
    out["anggaran"] = std::move(anggaran);
  }
  ordered_json bab4 = JsonObject(3);
  bab4["kesimpulan"] = Text(texts, "bab4.kesimpulan", "kesimpulan");
  bab4["langkah"] = Text(texts, "bab4.langkah_ke_depan", "langkah yang akan dilakukan");
  bab4["kinerja_anggaran"] = std::move(kinerja_anggaran);
  out["bab4"] = std::move(bab4);
  return out;
}

}  // namespace lkip::ctl
